import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// Notices changes to chapters, the book's own files and the runtime's sources for `render watch`.
///
/// It compares snapshots of modification times and sizes: portable, needs no
/// inotify, and a poll every half second costs nothing next to a build.
public struct SourceWatcher: Sendable {
    /// The folders watched.
    public var folders: [String]

    /// Watches `folders`.
    public init(folders: [String]) {
        self.folders = folders
    }

    /// Each file's content hash, by path.
    public typealias Snapshot = [String: String]

    /// The stamp (size and modification time) of every `.md` and `.swift` file in the folders,
    /// and of each watched path that is a file (book.toml, a manifest, a stylesheet).
    public func snapshot() -> Snapshot {
        var result: Snapshot = [:]
        let fm = FileManager.default
        for folder in folders {
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
                result[folder] = Toolchain.stamp(folder)
                continue
            }
            guard let walker = fm.enumerator(atPath: folder) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".md") || relative.hasSuffix(".swift") {
                let path = (folder as NSString).appendingPathComponent(relative)
                result[path] = Toolchain.stamp(path)
            }
        }
        return result
    }

    /// Paths added, removed or changed between two snapshots, sorted.
    public static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
