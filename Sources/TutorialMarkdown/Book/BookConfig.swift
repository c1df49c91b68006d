import Foundation
import TutorialBase

/// A book's `book.toml`, read and checked: what it sets, with paths already
/// resolved against the book's folder. Unset keys are nil (or empty), so
/// that the command line and the defaults can fill them in.
public struct BookConfig: Sendable {
    /// The file as diagnostics name it: `book.toml`, or `DIR/book.toml` with `--book DIR`.
    public var file: String
    /// The book's folder, against which the file's paths are resolved.
    public var root: String

    /// `[book] title`.
    public var title: String?
    /// `[book] authors`.
    package var authors: [String] = []
    /// `[book] language`, a BCP 47 tag for `<html lang>`.
    package var language: String?
    /// `[book] description`, for the front page and `<meta name="description">`.
    public var description: String?

    /// `[build] chapters`, resolved.
    public var chapters: String?
    /// `[build] output`, resolved.
    public var output: String?
    /// `[build] timeout`, in seconds.
    public var timeout: Double?
    /// `[build] strict`.
    public var strict: Bool?

    /// `[swift] sources`, resolved; the default `Sources` when that folder exists.
    public var sources: [String] = []
    /// `[swift] packages`.
    public var packages: [BookPackage] = []
    /// `[swift] fetch`: the packages may fetch their remote dependencies
    /// (over the network, in a sandbox of their own; see ``PackageBuilder``).
    public var fetch: Bool?

    /// `[html] css`, resolved.
    public var stylesheets: [String] = []
    /// `[html] numbering`.
    public var numbering: Numbering?
    /// `[html] files`, resolved: hidden files (or folders) that links may
    /// publish all the same, such as `.well-known/security.txt`.
    package var publishedFiles: [String] = []
    /// `[book] bibliography`: the BibTeX or CSL-JSON files citations read, resolved against the book's folder.
    public var bibliography: [String] = []

    /// `[format] significant` or `decimals`: how a floating-point `\(x)` without a format prints.
    package var plainNumbers: PlainNumberFormat?
    /// `[math] indices`: 0 or 1, the number of the first element of a vector in derivations.
    package var indexBase: Int?

    /// The file name render looks for.
    public static let fileName = "book.toml"

    /// `path` relative to the book's folder (absolute paths stay as they are).
    package func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || root == "." || root.isEmpty { return path }
        return (root as NSString).appendingPathComponent(path)
    }

    /// Reads `DIRECTORY/book.toml`.
    /// - Parameters:
    ///   - directory: the book's folder (`.` for the current one).
    ///   - required: with `--book DIR` the file must exist; otherwise a missing file gives nil.
    ///   - allowOutside: `--allow-outside`: `css`, `sources`, `packages` and
    ///     `chapters` may resolve outside the book's folder.
    /// - Returns: the configuration, or nil when there is no book.toml and none is required.
    /// - Throws: `BookConfigError` with every problem at its line.
    public static func load(directory: String, required: Bool, allowOutside: Bool = false) throws -> BookConfig? {
        let file = directory == "." ? fileName : (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file) else {
            guard required else { return nil }
            throw BookConfigError([Diagnostic(file: file, line: 1, "there is no book.toml in '\(directory)' (run `render init \(directory)` to make a book there)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BookConfigError([Diagnostic(file: file, line: 1, "book.toml is not valid UTF-8")])
        }
        var reader = BookConfigReader(text: text, file: file, root: directory, allowOutside: allowOutside)
        return try reader.read()
    }
}
