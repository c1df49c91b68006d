import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Reads a BibTeX file: `@article`, `@book`, `@inproceedings`, `@misc`,
/// `@online`, `@techreport` (and any other type, read the same way), with
/// values in `{…}` or `"…"`, numbers, `@string` macros and the month
/// names, joined with `#`; `@comment` and `@preamble` are skipped, and so
/// is text between entries, as BibTeX does.
///
/// The first thing that does not parse is an error at its own line and
/// column; reading stops there, since what follows cannot be trusted.
struct BibTeXReader {
    private let c: [Character]
    private let file: String
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    /// A place the reader could not go past.
    package struct Problem: Error {
        package var diagnostic: Diagnostic
    }

    /// The entries of `text`, in order, or the first problem.
    package static func read(_ text: String, file: String) -> Result<[BibEntry], Problem> {
        var reader = BibTeXReader(c: Array(text), file: file)
        do {
            return .success(try reader.entries())
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(diagnostic: Diagnostic(file: file, line: 1, "\(error)")))
        }
    }

    private init(c: [Character], file: String) {
        self.c = c
        self.file = file
    }

    private mutating func entries() throws -> [BibEntry] {
        var result: [BibEntry] = []
        while skip(to: "@") {
            let startLine = line
            advance()  // @
            let type = identifier().lowercased()
            guard !type.isEmpty else { throw problem("expected an entry type after '@', such as @article") }
            skipSpace()
            guard let open = peek, open == "{" || open == "(" else { throw problem("expected '{' after '@\(type)'") }
            let close: Character = open == "{" ? "}" : ")"
            switch type {
            case "comment", "preamble":
                _ = try braced()
            case "string":
                advance()
                skipSpace()
                let name = identifier().lowercased()
                guard !name.isEmpty else { throw problem("expected a macro name in @string") }
                try expect("=", "after the @string name '\(name)'")
                macros[name] = try value()
                skipSpace()
                try expect(close, "to close @string")
            default:
                advance()
                skipSpace()
                let key = keyText()
                guard !key.isEmpty else { throw problem("expected a citation key after '@\(type){'") }
                skipSpace()
                var fields: [String: String] = [:]
                while peek == "," {
                    advance()
                    skipSpace()
                    if peek == close { break }
                    let name = identifier().lowercased()
                    guard !name.isEmpty else { throw problem("expected a field name (such as title = {…}) in '\(key)'") }
                    try expect("=", "after the field name '\(name)' in '\(key)'")
                    fields[name] = try value()
                    skipSpace()
                }
                try expect(close, "or ',' after a field of '\(key)'")
                result.append(Self.entry(key: key, type: type, fields: fields, file: file, line: startLine))
            }
        }
        return result
    }

    /// An entry with its values read as plain text and its names split.
    package static func entry(key: String, type: String, fields raw: [String: String], file: String, line: Int) -> BibEntry {
        var fields: [String: String] = [:]
        for (name, value) in raw where name != "author" && name != "editor" {
            fields[name] = LaTeXText.plain(value).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let (names, others) = BibNames.split(raw["author"] ?? raw["editor"] ?? "")
        return BibEntry(key: key, type: type, fields: fields, authors: names, andOthers: others, file: file, line: line)
    }

    // MARK: - Values

    /// A value: pieces joined with `#`.
    private mutating func value() throws -> String {
        var result = ""
        repeat {
            skipSpace()
            if peek == "#" { advance(); skipSpace() }
            switch peek {
            case "{": result += try braced()
            case "\"": result += try quoted()
            case let d? where d.isNumber:
                while let d = peek, d.isNumber { result.append(d); advance() }
            case let l? where l.isLetter:
                let name = identifier().lowercased()
                guard let text = macros[name] else { throw problem("unknown @string macro '\(name)'; define it with @string{\(name) = {…}} before it is used", back: name.count) }
                result += text
            default:
                throw problem("expected a value: {…}, \"…\", a number or an @string name")
            }
            skipSpace()
        } while peek == "#"
        return result
    }

    /// `{…}` with nested braces kept; the index after the closing brace.
    private mutating func braced() throws -> String {
        let (openLine, openColumn) = (line, i - lineStart + 1)
        advance()
        var depth = 0
        var text = ""
        while let ch = peek {
            advance()
            if ch == "{" { depth += 1 } else if ch == "}" {
                if depth == 0 { return text }
                depth -= 1
            }
            text.append(ch)
        }
        throw Problem(diagnostic: Diagnostic(file: file, line: openLine, column: openColumn, "this '{' is never closed"))
    }

    /// `"…"`, where braces may protect a `"`.
    private mutating func quoted() throws -> String {
        let (openLine, openColumn) = (line, i - lineStart + 1)
        advance()
        var depth = 0
        var text = ""
        while let ch = peek {
            advance()
            if ch == "{" { depth += 1 } else if ch == "}" { depth -= 1 } else if ch == "\"" && depth == 0 { return text }
            text.append(ch)
        }
        throw Problem(diagnostic: Diagnostic(file: file, line: openLine, column: openColumn, "this '\"' is never closed"))
    }

    // MARK: - Characters

    private var peek: Character? { i < c.count ? c[i] : nil }

    private mutating func advance() {
        if c[i] == "\n" { line += 1; lineStart = i + 1 }
        i += 1
    }

    private mutating func skipSpace() {
        while let ch = peek, ch.isWhitespace { advance() }
    }

    /// Moves to the next `target`; false at the end.
    private mutating func skip(to target: Character) -> Bool {
        while let ch = peek, ch != target { advance() }
        return peek != nil
    }

    private mutating func identifier() -> String {
        var name = ""
        while let ch = peek, ch.isLetter || ch.isNumber || "_-:.+/".contains(ch) { name.append(ch); advance() }
        return name
    }

    private mutating func keyText() -> String {
        var key = ""
        while let ch = peek, !ch.isWhitespace, ch != ",", ch != "}", ch != ")" { key.append(ch); advance() }
        return key
    }

    private mutating func expect(_ ch: Character, _ context: String) throws {
        skipSpace()
        guard peek == ch else { throw problem("expected '\(ch)' \(context)") }
        advance()
        skipSpace()
    }

    private func problem(_ message: String, back: Int = 0) -> Problem {
        Problem(diagnostic: Diagnostic(file: file, line: line, column: i - lineStart + 1 - back, message))
    }
}
