import Foundation
import TOMLKit
import TutorialBase

/// Reads book.toml's text into a `BookConfig`: TOMLKit parses it, then every
/// table and key is checked against what render knows, each problem reported
/// at the line the key is written on (found by `TOMLKeyLines`).
///
/// Every path must resolve, symbolic links followed, inside the book's
/// folder (`BookBoundary`), so that a book.toml cannot copy host files into
/// the site or build code from elsewhere: `css`, `sources`, `packages` and
/// `chapters` unless `allowOutside` (`--allow-outside`), `output` and `files`
/// always (an output folder elsewhere is given on the command line).
struct BookConfigReader {
    package let text: String
    package let file: String
    package let root: String
    /// `--allow-outside`: css, sources, packages and chapters may lie outside the book.
    package let allowOutside: Bool
    private var problems: [Diagnostic] = []
    private let lines: TOMLKeyLines
    private let boundary: BookBoundary

    package init(text: String, file: String, root: String, allowOutside: Bool = false) {
        self.text = text
        self.file = file
        self.root = root
        self.allowOutside = allowOutside
        lines = TOMLKeyLines(text)
        boundary = BookBoundary(root: root)
    }

    /// The keys of each table, and what each must hold.
    package enum Kind { case string, strings, number, bool, packages, stringOrStrings, digits, indexBase }
    static let schema: [String: [String: Kind]] = [
        "book": ["title": .string, "authors": .strings, "language": .string, "description": .string, "bibliography": .stringOrStrings],
        "build": ["chapters": .string, "output": .string, "timeout": .number, "strict": .bool],
        "swift": ["sources": .strings, "packages": .packages, "fetch": .bool],
        "html": ["css": .strings, "numbering": .string, "files": .strings],
        "format": ["significant": .digits, "decimals": .digits],
        "math": ["indices": .indexBase],
    ]

    package mutating func read() throws -> BookConfig {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw BookConfigError([Diagnostic(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                              "book.toml is not valid TOML: \(error.description)")])
        }
        var config = BookConfig(file: file, root: root)
        for (tableName, value) in document {
            guard let keys = Self.schema[tableName] else {
                problem([tableName], "unknown table or key '\(tableName)'; book.toml knows [book], [build], [swift], [html], [format] and [math]")
                continue
            }
            guard let table = value.table else {
                problem([tableName], "'\(tableName)' must be a table ([\(tableName)]), not \(Self.describe(value))")
                continue
            }
            for (key, value) in table {
                let path = [tableName, key]
                guard let kind = keys[key] else {
                    problem(path, "unknown key '\(key)' in [\(tableName)]; it knows \(keys.keys.sorted().joined(separator: ", "))")
                    continue
                }
                apply(kind, value, at: path, to: &config)
            }
        }
        resolveSources(document, into: &config)
        if !problems.isEmpty { throw BookConfigError(problems) }
        return config
    }

    private mutating func apply(_ kind: Kind, _ value: TOMLValueConvertible, at path: [String], to config: inout BookConfig) {
        let name = path.joined(separator: ".")
        switch kind {
        case .string:
            guard let string = value.string else { return problem(path, "'\(name)' must be a string, not \(Self.describe(value))") }
            switch name {
            case "book.title": config.title = string
            case "book.language": config.language = string
            case "book.description": config.description = string
            case "build.chapters":
                config.chapters = config.resolve(string)
                confine(string, at: path, what: "chapters folder", escape: allowOutside)
            case "build.output":
                config.output = config.resolve(string)
                confine(string, at: path, what: "output folder", escape: false,
                        fix: "an output folder outside the book is given on the command line: --output DIR")
            case "html.numbering":
                guard let numbering = Numbering(rawValue: string) else {
                    return problem(path, "'html.numbering' must be \"book\" or \"chapter\", not \"\(string)\"")
                }
                config.numbering = numbering
            default: break
            }
        case .strings:
            guard let strings = self.strings(value, at: path) else { return }
            switch name {
            case "book.authors": config.authors = strings
            case "swift.sources":
                config.sources = strings.map(config.resolve)  // checked in resolveSources
                for (k, folder) in strings.enumerated() {
                    confine(folder, at: path + [String(k)], what: "shared sources folder", escape: allowOutside)
                }
            case "html.css":
                config.stylesheets = strings.map(config.resolve)
                for (k, css) in config.stylesheets.enumerated() {
                    if !FileManager.default.fileExists(atPath: css) {
                        problem(path + [String(k)], "the stylesheet '\(css)' does not exist")
                    } else {
                        confine(strings[k], at: path + [String(k)], what: "stylesheet", escape: allowOutside)
                    }
                }
            case "html.files":
                config.publishedFiles = strings.map(config.resolve)
                for (k, listed) in strings.enumerated() {
                    confine(listed, at: path + [String(k)], what: "published file", escape: false)
                }
            default: break
            }
        case .stringOrStrings:
            // `bibliography = "references.bib"` or a list of files.
            if let one = value.string {
                config.bibliography = [config.resolve(one)]
            } else if let many = strings(value, at: path) {
                config.bibliography = many.map(config.resolve)
            }
        case .number:
            guard let seconds = value.double ?? value.int.map(Double.init) else {
                return problem(path, "'\(name)' must be a number of seconds, not \(Self.describe(value))")
            }
            guard seconds.isFinite, seconds >= 0.001, seconds <= 86_400 else {
                return problem(path, "'\(name)' must be from 0.001 to 86400 seconds, got \(seconds)")
            }
            config.timeout = seconds
        case .bool:
            guard let flag = value.bool else { return problem(path, "'\(name)' must be true or false, not \(Self.describe(value))") }
            if name == "swift.fetch" { config.fetch = flag } else { config.strict = flag }
        case .packages:
            config.packages = packages(value, at: path, config: config)
        case .digits:
            let range = name == "format.significant" ? 1...17 : 0...17
            guard let n = value.int, range.contains(n) else {
                return problem(path, "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(value.int.map(String.init) ?? Self.describe(value))")
            }
            if config.plainNumbers != nil {
                return problem(path, "[format] sets either significant or decimals, not both")
            }
            config.plainNumbers = name == "format.significant" ? .significant(n) : .decimals(n)
        case .indexBase:
            guard let n = value.int, n == 0 || n == 1 else {
                return problem(path, "'math.indices' is the number of a vector's first element in derivations, 0 (as Swift counts) or 1 (as most articles do), not \(value.int.map(String.init) ?? Self.describe(value))")
            }
            config.indexBase = n
        }
    }

    /// `[swift] sources`: the folders named must exist; without the key, `Sources` beside book.toml if it does.
    private mutating func resolveSources(_ document: TOMLTable, into config: inout BookConfig) {
        let named = document["swift"]?.table?["sources"] != nil
        if named {
            var isFolder: ObjCBool = false
            for (k, folder) in config.sources.enumerated()
            where !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
                problem(["swift", "sources", String(k)], "the shared sources folder '\(folder)' does not exist")
            }
        } else {
            let folder = config.resolve("Sources")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
               confine("Sources", at: ["swift", "sources"], what: "default shared sources folder", escape: allowOutside) {
                config.sources = [folder]
            }
        }
    }

    private mutating func strings(_ value: TOMLValueConvertible, at path: [String]) -> [String]? {
        let name = path.joined(separator: ".")
        guard let array = value.array else {
            problem(path, "'\(name)' must be an array of strings, such as [\"a\", \"b\"], not \(Self.describe(value))")
            return nil
        }
        var out: [String] = []
        for (k, element) in array.enumerated() {
            guard let string = element.string else {
                problem(path + [String(k)], "'\(name)' must hold strings; element \(k + 1) is \(Self.describe(element))")
                return nil
            }
            out.append(string)
        }
        return out
    }

    /// `[{ path = "../MyLib", products = ["MyLib"] }, …]`.
    private mutating func packages(_ value: TOMLValueConvertible, at path: [String], config: BookConfig) -> [BookPackage] {
        let usage = "write packages = [{ path = \"../MyLib\", products = [\"MyLib\"] }]"
        guard let array = value.array else {
            problem(path, "'swift.packages' must be an array of tables, not \(Self.describe(value)); \(usage)")
            return []
        }
        var found: [BookPackage] = []
        for (k, element) in array.enumerated() {
            let at = path + [String(k)]
            guard let entry = element.table else {
                problem(at, "each entry of 'swift.packages' must be a table; entry \(k + 1) is \(Self.describe(element)); \(usage)")
                continue
            }
            var folder: String?
            var products: [String]?
            for (key, value) in entry {
                switch key {
                case "path":
                    guard let string = value.string else { problem(at + [key], "'path' must be a string, not \(Self.describe(value))"); continue }
                    folder = string
                case "products":
                    products = strings(value, at: at + [key])
                default:
                    problem(at + [key], "unknown key '\(key)' in a package entry; it knows path and products")
                }
            }
            guard let folder else { problem(at, "package entry \(k + 1) has no 'path'; \(usage)"); continue }
            let resolved = config.resolve(folder)
            let absolute = URL(fileURLWithPath: resolved).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: absolute + "/Package.swift") else {
                let missing = FileManager.default.fileExists(atPath: absolute) ? "has no Package.swift" : "does not exist"
                problem(at + ["path"], "the package folder '\(resolved)' \(missing)")
                continue
            }
            guard confine(folder, at: at + ["path"], what: "package folder", escape: allowOutside) else { continue }
            guard let products, !products.isEmpty else {
                problem(at, "package '\(folder)' names no products; add products = [\"LIBRARY\"]")
                continue
            }
            found.append(BookPackage(path: absolute, products: products, file: file, line: lines.line(of: at)))
        }
        return found
    }

    /// Whether `written` (a path as book.toml gives it) resolves inside the
    /// book's folder; if not, and `escape` does not allow it, a problem at its line.
    @discardableResult
    private mutating func confine(_ written: String, at path: [String], what: String, escape: Bool,
                                  fix: String = "move it into the book, or pass --allow-outside") -> Bool {
        let resolved = BookConfig(file: file, root: root).resolve(written)
        guard !escape, !boundary.contains(resolved) else { return true }
        problem(path, "the \(what) '\(written)' resolves to '\(BookBoundary.resolve(resolved))', outside the book's folder '\(boundary.root)'; \(fix)")
        return false
    }

    private mutating func problem(_ path: [String], _ message: String) {
        problems.append(Diagnostic(file: file, line: lines.line(of: path), message))
    }

    /// "a string", "an integer", … for messages.
    package static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean"
        default: return "a \(value.type.rawValue)"
        }
    }
}
