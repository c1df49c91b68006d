import Foundation

/// Write: puts a finished site into the output folder without ever losing
/// the previous one.
///
/// - The site is complete in memory before anything is written, so a failed
///   build never touches the output folder.
/// - Files are written into a staging folder inside the output folder, then
///   renamed into place one by one (a rename within one file system is atomic).
/// - A manifest (`.render-manifest`) lists the files render wrote. Only those
///   are ever deleted (when a later build no longer makes them); nothing else
///   in the folder is touched.
/// - render refuses to write into a non-empty folder that has no manifest:
///   it did not create that folder, so the files in it are someone else's.
public struct SiteWriter: Sendable {
    public static let manifestName = ".render-manifest"
    public static let cacheName = ".cache"
    static let stagingName = ".render-staging"

    public var output: String

    public init(output: String) {
        self.output = output
    }

    var manifestPath: String { (output as NSString).appendingPathComponent(Self.manifestName) }

    /// Makes sure the folder exists and is render's; creates it (with an
    /// empty manifest) if missing. - Throws: `SetupError` if it is someone else's.
    public func claimFolder() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw SetupError("the output path '\(output)' is a file, not a folder", fix: "pass another --output DIR")
            }
            if fm.fileExists(atPath: manifestPath) { return }
            let entries = (try? fm.contentsOfDirectory(atPath: output)) ?? []
            guard entries.isEmpty else {
                throw SetupError(
                    "the output folder '\(output)' is not empty and was not created by render (it has no \(Self.manifestName)); render will not write into it",
                    fix: "choose an empty or new folder with --output DIR, or empty this one yourself")
            }
        } else {
            do {
                try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw SetupError("cannot create the output folder '\(output)': \(error.localizedDescription)")
            }
        }
        try Data().write(to: URL(fileURLWithPath: manifestPath))
    }

    /// The files the last build wrote.
    func previousManifest() -> [String] {
        guard let text = try? String(contentsOfFile: manifestPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter(Self.isSafe)
    }

    /// A relative file path that stays inside the folder and is not one of
    /// render's own (`.cache`, staging, manifest): no empty, `.` or `..`
    /// component, no control characters.
    static func isSafe(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && parts[0] != cacheName && parts[0] != stagingName && path != manifestName
            && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// Refuses a path whose folders inside the output folder include a
    /// symbolic link: writing through it would write outside the folder.
    func checkNoLinks(_ path: String) throws {
        var prefix = output
        for part in path.split(separator: "/").dropLast() {
            prefix = (prefix as NSString).appendingPathComponent(String(part))
            var info = stat()
            if lstat(prefix, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                throw SetupError("'\(prefix)' is a symbolic link; render writes only into real folders inside '\(output)'",
                                 fix: "remove the link, or choose another --output")
            }
        }
    }

    /// Writes the site; unchanged files are left as they are.
    public func write(_ site: SiteFiles) throws {
        try claimFolder()
        let fm = FileManager.default
        let staging = (output as NSString).appendingPathComponent(Self.stagingName)
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: staging) }

        var changed: [String] = []
        for path in site.paths {
            guard Self.isSafe(path) else { throw SetupError("internal: site path '\(path)' would leave the output folder") }
            try checkNoLinks(path)
            let bytes = site.files[path]!
            let target = (output as NSString).appendingPathComponent(path)
            if let existing = fm.contents(atPath: target), existing == Data(bytes) { continue }
            let staged = (staging as NSString).appendingPathComponent(path)
            try fm.createDirectory(atPath: (staged as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: staged))
            changed.append(path)
        }
        // Check every target before moving any file, so a failure cannot leave a mix of old and new.
        for path in changed {
            var isDirectory: ObjCBool = false
            let target = (output as NSString).appendingPathComponent(path)
            if fm.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
                throw SetupError("'\(target)' is a folder, but the site needs a file there; nothing was written",
                                 fix: "move that folder away")
            }
        }
        for path in changed {
            let target = (output as NSString).appendingPathComponent(path)
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if rename((staging as NSString).appendingPathComponent(path), target) != 0 {
                throw SetupError("cannot move \(path) into '\(output)': \(String(cString: strerror(errno)))")
            }
        }
        let keep = Set(site.paths)
        for old in previousManifest() where !keep.contains(old) {
            guard (try? checkNoLinks(old)) != nil else { continue }
            let target = (output as NSString).appendingPathComponent(old)
            // Only files (or links) are deleted, never a folder and its contents.
            var info = stat()
            if lstat(target, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR {
                unlink(target)
                removeEmptyParents(of: old)
            }
        }
        let manifest = site.paths.joined(separator: "\n") + "\n"
        try manifest.write(toFile: manifestPath, atomically: true, encoding: .utf8)
    }

    private func removeEmptyParents(of path: String) {
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty {
            let full = (output as NSString).appendingPathComponent(parent)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: full), entries.isEmpty else { return }
            try? FileManager.default.removeItem(atPath: full)
            parent = (parent as NSString).deletingLastPathComponent
        }
    }
}
