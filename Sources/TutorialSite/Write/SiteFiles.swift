import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The finished site in memory: relative path → bytes. Paths use `/` and
/// never leave the site's folder.
public struct SiteFiles: Sendable {
    /// The site's files, by path inside the output folder.
    public private(set) var files: [String: [UInt8]] = [:]

    /// An empty site.
    public init() {}

    /// Adds a text file (UTF-8).
    public mutating func add(_ path: String, _ text: String) {
        files[path] = Array(text.utf8)
    }

    /// Adds a file with exactly these bytes.
    public mutating func add(_ path: String, bytes: [UInt8]) {
        files[path] = bytes
    }

    /// The paths in a stable order.
    public var paths: [String] { files.keys.sorted() }
}
