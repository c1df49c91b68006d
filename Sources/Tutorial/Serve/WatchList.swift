import Foundation

/// What `render serve` watches: everything a build reads.
///
/// The chapters folder; `book.toml` and the shared `sources/` and `packages/`
/// folders beside it (watched if present, and noticed when they appear); and,
/// when render runs from its package, the CECore and ChapterRuntime sources
/// that chapter programs link.
public enum WatchList {
    public static func paths(chaptersDirectory: String, packageRoot: String?) -> [String] {
        let chapters = URL(fileURLWithPath: chaptersDirectory).standardizedFileURL
        let book = chapters.deletingLastPathComponent().path
        var paths = [chapters.path, book + "/book.toml", book + "/sources", book + "/packages"]
        if let packageRoot {
            paths += [packageRoot + "/Sources/CECore", packageRoot + "/Sources/ChapterRuntime", packageRoot + "/Sources/NumberFormatting"]
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// Whether a change needs the chapter runtime rebuilt first (a Swift source of the package changed).
    public static func touchesRuntime(_ changed: [String], packageRoot: String?) -> Bool {
        guard let packageRoot else { return false }
        return changed.contains { $0.hasPrefix(packageRoot + "/Sources/") && $0.hasSuffix(".swift") }
    }
}
