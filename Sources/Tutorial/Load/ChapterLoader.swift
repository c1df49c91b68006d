import Foundation

/// Reads every `*.md` file of a chapters folder, in file-name order.
///
/// Load is the first stage: it checks only what must hold before anything
/// else can look at a chapter — that the folder exists and that each file is
/// valid UTF-8 (the first bad byte is reported with its line and column).
public struct ChapterLoader: Sendable {
    /// The chapters folder.
    public var directory: String

    /// Loads from `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The chapter files, sorted by name.
    /// - Throws: `SetupError` if the folder is missing or unreadable.
    public func chapterFiles() throws -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw SetupError("'\(directory)' is a file; --chapters takes the folder that holds the chapters",
                             fix: "pass its folder: --chapters \((directory as NSString).deletingLastPathComponent.isEmpty ? "." : (directory as NSString).deletingLastPathComponent)")
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SetupError(
                "chapters folder '\(directory)' does not exist",
                fix: "create it (mkdir -p \(directory)) or pass --chapters DIR")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SetupError("cannot read chapters folder '\(directory)': \(error.localizedDescription)")
        }
        let shown = Self.displayPath(directory)
        return names.filter { name in
            var folder: ObjCBool = false
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &folder)
            return name.hasSuffix(".md") && !name.hasPrefix(".") && !folder.boolValue
        }.sorted()
            .map { (shown as NSString).appendingPathComponent($0) }
    }

    /// The folder as messages and the published Checks page show it: relative
    /// to the working folder when inside it (`./chapters/` and an absolute
    /// path to it both become `chapters`), absolute otherwise.
    static func displayPath(_ directory: String) -> String {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute == here { return "." }
        if absolute.hasPrefix(here + "/") { return String(absolute.dropFirst(here.count + 1)) }
        return absolute
    }

    /// Loads every chapter; a file that is not UTF-8 becomes a diagnostic.
    public func load() throws -> (chapters: [ChapterSource], diagnostics: [Diagnostic]) {
        var chapters: [ChapterSource] = []
        var diagnostics: [Diagnostic] = []
        for path in try chapterFiles() {
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(file: path, line: 1, "cannot read the file"))
                continue
            }
            switch Self.decode([UInt8](data)) {
            case .success(let text):
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                chapters.append(ChapterSource(path: path, name: name, text: text))
            case .failure(let bad):
                diagnostics.append(Diagnostic(
                    file: path, line: bad.line, column: bad.column,
                    "the chapter is not valid UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true)) at byte offset \(bad.offset))"))
            }
        }
        return (chapters, diagnostics)
    }

    struct InvalidByte: Error { var offset: Int; var line: Int; var column: Int; var byte: UInt8 }

    /// Decodes UTF-8 strictly, reporting the first invalid byte's position.
    static func decode(_ bytes: [UInt8]) -> Result<String, InvalidByte> {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var line = 1
        var lineStart = 0
        var text = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.append(scalar)
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; lineStart = offset }
            case .emptyInput:
                var result = String(text)
                if result.hasPrefix("\u{FEFF}") { result.removeFirst() }
                return .success(result)
            case .error:
                let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
                return .failure(InvalidByte(offset: offset, line: line, column: column, byte: bytes[min(offset, bytes.count - 1)]))
            }
        }
    }
}
