import Foundation
import TutorialBase

/// The book's folder as a boundary: whether a path, symbolic links followed,
/// stays inside it.
///
/// A path that does not exist yet (an output folder) is resolved as far as
/// it exists, and the rest is added without further links, so
/// `link-to-etc/new` is outside and `missing/../../etc` is too.
package struct BookBoundary: Sendable {
    /// The book's folder, absolute and with its links resolved.
    package let root: String

    /// The boundary of the folder `root` (relative paths from the working folder).
    package init(root: String) {
        self.root = Self.resolve(root.isEmpty ? "." : root)
    }

    /// Whether `path` is the book's folder or inside it.
    package func contains(_ path: String) -> Bool {
        Self.isInside(Self.resolve(path), root)
    }

    /// Whether `path` is `folder` or lies under it (both absolute and resolved).
    package static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// `path` made absolute with every symbolic link of its existing part resolved.
    package static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute
        var rest: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                guard !rest.isEmpty else { return base }
                return URL(fileURLWithPath: base + "/" + rest.reversed().joined(separator: "/")).standardizedFileURL.path
            }
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing || parent.isEmpty { return URL(fileURLWithPath: absolute).standardizedFileURL.path }
            rest.append((existing as NSString).lastPathComponent)
            existing = parent
        }
    }

    /// Whether any component of a relative path starts with `.` (`.git/config`, `a/.env`).
    package static func isHidden(_ relative: String) -> Bool {
        relative.split(separator: "/").contains { $0.hasPrefix(".") }
    }
}
