import Foundation
import TutorialBase

/// Reads every `*.md` file of a chapters folder, in file-name order.
///
/// Load is the first stage: it checks only what must hold before anything
/// else can look at a chapter — that the folder exists and that each file is
/// valid UTF-8 (the first bad byte is reported with its line and column).
package struct ChapterLoader: Sendable {
    /// The chapters folder.
    public var directory: String
    /// When set, exactly these files are the chapters (`render check FILE.md`).
    public var files: [String]?
    /// `--allow-outside`: the chapters folder may be a symbolic link out of the book.
    public var allowOutside: Bool

    /// Loads from `directory`.
    public init(directory: String, allowOutside: Bool = false) {
        self.directory = directory
        self.allowOutside = allowOutside
    }

    /// The chapter files, sorted by name.
    /// - Throws: `SetupError` if the folder is missing or unreadable.
    public func chapterFiles() throws -> [String] {
        try checkFolder()
        return try listing().paths
    }

    /// - Throws: `SetupError` if the folder is missing, is a file, or is a
    ///   symbolic link that leads out of the book's folder (the one that holds it).
    package func checkFolder() throws {
        try checkKind()
        guard !allowOutside else { return }
        let standardized = URL(fileURLWithPath: directory).standardizedFileURL
        let book = BookBoundary(root: standardized.deletingLastPathComponent().path)
        guard !book.contains(standardized.path) else { return }
        throw SetupError(
            "the chapters folder '\(directory)' is a symbolic link to '\(BookBoundary.resolve(standardized.path))', outside the book's folder '\(book.root)'",
            fix: "move the chapters into the book, or pass --allow-outside if you trust where the link leads")
    }

    /// - Throws: `SetupError` if the folder is missing or is a file.
    private func checkKind() throws {
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
    }

    /// The chapter files, sorted by name, and the problems with names that
    /// are not valid UTF-8 (read as raw bytes: such a name cannot be a page).
    package func listing() throws -> (paths: [String], diagnostics: [Diagnostic]) {
        guard let folder = opendir(directory) else {
            throw SetupError("cannot read chapters folder '\(directory)': \(String(cString: strerror(errno)))")
        }
        defer { closedir(folder) }
        let shown = Self.displayPath(directory)
        var names: [String] = []
        var diagnostics: [Diagnostic] = []
        while let entry = readdir(folder) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard bytes.count > 3, bytes.suffix(3).elementsEqual(".md".utf8), bytes.first != UInt8(ascii: ".") else { continue }
            guard case .success(let name) = Self.decode(bytes) else {
                let printable = bytes.map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                diagnostics.append(Diagnostic(file: (shown as NSString).appendingPathComponent(printable), line: 1,
                    "the chapter's file name is not valid UTF-8 (\(printable)); rename the file (page names and links are made from it)"))
                continue
            }
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &isFolder)
            if !isFolder.boolValue { names.append(name) }
        }
        return (names.sorted().map { (shown as NSString).appendingPathComponent($0) }, diagnostics)
    }

    /// The folders a chapter file may resolve into: the book's folder (the
    /// one that holds the chapters folder) and the chapters folder itself.
    func bookRoots() -> [String] {
        let chapters = URL(fileURLWithPath: directory).standardizedFileURL
        return [chapters.deletingLastPathComponent(), chapters].map { $0.resolvingSymlinksInPath().path }
    }

    /// Why a chapter file may not be read, if it is a symbolic link that
    /// resolves outside the book.
    func linkProblem(_ path: String, roots: [String]) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        guard let resolved = realpath(path, nil) else { return "the chapter is a symbolic link that leads nowhere" }
        defer { free(resolved) }
        let target = String(cString: resolved)
        if roots.contains(where: { target.hasPrefix($0 == "/" ? "/" : $0 + "/") }) { return nil }
        return "the chapter is a symbolic link to '\(target)', outside the book's folder; render reads only files inside the book"
    }

    /// The folder as messages and the published Checks page show it: relative
    /// to the working folder when inside it (`./chapters/` and an absolute
    /// path to it both become `chapters`), absolute otherwise.
    package static func displayPath(_ directory: String) -> String {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute == here { return "." }
        if absolute.hasPrefix(here + "/") { return String(absolute.dropFirst(here.count + 1)) }
        return absolute
    }

    /// Loads every chapter; a file that is not UTF-8 becomes a diagnostic.
    public func load() throws -> (chapters: [ChapterSource], diagnostics: [Diagnostic]) {
        var chapters: [ChapterSource] = []
        try checkFolder()
        let (paths, nameProblems) = try files.map { ($0, []) } ?? listing()
        var diagnostics = nameProblems
        let roots = bookRoots()
        for path in paths {
            if let problem = linkProblem(path, roots: roots) {
                diagnostics.append(Diagnostic(file: path, line: 1, problem))
                continue
            }
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

    package struct InvalidByte: Error { var offset: Int; var line: Int; var column: Int; var byte: UInt8 }

    /// Decodes UTF-8 strictly, reporting the first invalid byte's position.
    package static func decode(_ bytes: [UInt8]) -> Result<String, InvalidByte> {
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
