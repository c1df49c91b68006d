import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Write: publishes a finished site by replacing the output folder as a
/// whole, in one step.
///
/// - The site is complete in memory before anything is written, so a failed
///   build never touches the output folder.
/// - The new site is written into a sibling folder (`.NAME.render-new-PID`
///   beside `NAME`), then exchanged with the output folder by one
///   `renameat2(RENAME_EXCHANGE)`, and the old site (now in the sibling) is
///   removed. A reader, a crash or `kill -9` at any moment sees either the
///   whole old site or the whole new one.
/// - On a file system that cannot exchange (`EINVAL`, `ENOSYS`, `EOPNOTSUPP`)
///   the old folder is first renamed aside (`.NAME.render-old-PID`) and the
///   new one renamed into place: a reader may then find no folder for that
///   instant, but never a mix; if render dies in between, the next render
///   puts the old site back before doing anything else.
/// - The manifest (`.render-manifest`, in `sha256sum` format) lists every
///   file with its SHA-256. render replaces only a folder it made: one that
///   holds nothing but the files of its manifest, unchanged. A folder with
///   any other file (or a changed one) is refused, so planting a manifest
///   is not enough to get render to delete someone's files.
/// - Each build writes the same bytes for the same input: no timestamps,
///   and nothing but the site (the cache is elsewhere).
public struct SiteWriter: Sendable {
    /// The file in the output folder that lists what render wrote there.
    static let manifestName = ".render-manifest"

    /// The output folder, as an absolute path.
    public var output: String
    /// Test hook: behave as on a file system without `RENAME_EXCHANGE`.
    var exchangeUnsupported = false

    /// Creates a writer for the folder `output`.
    public init(output: String) {
        self.output = URL(fileURLWithPath: output).standardizedFileURL.path
    }

    package var parent: String { (output as NSString).deletingLastPathComponent }
    package var name: String { (output as NSString).lastPathComponent }
    func sibling(_ role: String, _ pid: Int32 = getpid()) -> String {
        (parent as NSString).appendingPathComponent(".\(name).render-\(role)-\(pid)")
    }

    /// The file list of a previous build: path → SHA-256 (nil in a manifest
    /// written before hashes were kept).
    struct Manifest {
        package var files: [String: String?] = [:]
        var legacy = false

        package init(files: [String: String?] = [:], legacy: Bool = false) {
            self.files = files
            self.legacy = legacy
        }

        /// Reads `HASH  PATH` lines; a line without a hash is an old manifest's.
        package init(_ text: String) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1)
                if parts.count == 2, parts[0].count == 64, parts[1].hasPrefix(" ") {
                    files[String(parts[1].dropFirst())] = String(parts[0])
                } else {
                    files[String(line)] = Optional<String>.none
                    legacy = true
                }
            }
        }

        package static func text(_ site: SiteFiles, hashes: [String: String]) -> String {
            site.paths.map { "\(hashes[$0]!)  \($0)\n" }.joined()
        }
    }

    /// Checks, without writing anything, that the output folder is render's
    /// to replace: missing, empty, or holding only files of its manifest.
    /// (Whether those files are unchanged is checked when the site is written.)
    /// - Throws: `SetupError` if it is a file, a link, or holds anything not
    ///   in its manifest.
    package func claimFolder() throws {
        _ = try existingSite(reading: false)
    }

    /// What the output folder holds now: path → bytes (empty unless
    /// `reading`) and the SHA-256 its manifest records (nil in an old manifest).
    func existingSite(reading: Bool = true) throws -> [String: (bytes: Data, recorded: String?)]? {
        try recoverInterruptedFallback()
        var info = stat()
        guard lstat(output, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK:
            throw SetupError("the output path '\(output)' is a symbolic link; render replaces its output folder as a whole and will not replace a link",
                             fix: "pass the real folder with --output DIR")
        default:
            throw SetupError("the output path '\(output)' is a file, not a folder", fix: "pass another --output DIR")
        }
        let entries = try walk()
        if entries.isEmpty { return [:] }
        let manifestPath = (output as NSString).appendingPathComponent(Self.manifestName)
        guard let text = try? String(contentsOfFile: manifestPath, encoding: .utf8) else {
            throw SetupError(
                "the output folder '\(output)' is not empty and was not created by render (it has no \(Self.manifestName)); render will not write into it",
                fix: "choose an empty or new folder with --output DIR, or empty this one yourself")
        }
        let manifest = Manifest(text)
        var files: [String: (bytes: Data, recorded: String?)] = [:]
        for (path, isFolder) in entries where path != Self.manifestName {
            if manifest.legacy && (path == ".cache" || path.hasPrefix(".cache/")) { continue }  // an older render's cache
            if isFolder {
                guard manifest.files.keys.contains(where: { $0.hasPrefix(path + "/") }) else {
                    throw foreign(path, "a folder render did not make")
                }
                continue
            }
            guard let recorded = manifest.files[path] else { throw foreign(path, "a file that is not in its \(Self.manifestName)") }
            guard reading else { files[path] = (Data(), recorded); continue }
            guard let bytes = FileManager.default.contents(atPath: (output as NSString).appendingPathComponent(path)) else {
                throw foreign(path, "a file render cannot read")
            }
            files[path] = (bytes, recorded)
        }
        return files
    }

    func foreign(_ path: String, _ what: String) -> SetupError {
        SetupError("the output folder '\(output)' holds '\(path)', \(what); render replaces the whole folder and will not delete it",
                   fix: "move '\(path)' out of '\(output)', or choose another --output DIR")
    }

    /// Every entry under the output folder: relative path, and whether it is
    /// a folder. - Throws: for a symbolic link or a special file.
    package func walk() throws -> [(String, Bool)] {
        var found: [(String, Bool)] = []
        func visit(_ relative: String) throws {
            let folder = relative.isEmpty ? output : (output as NSString).appendingPathComponent(relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                throw SetupError("cannot read '\(folder)'")
            }
            for entry in names.sorted() {
                let path = relative.isEmpty ? entry : relative + "/" + entry
                var info = stat()
                guard lstat((output as NSString).appendingPathComponent(path), &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    found.append((path, true))
                    try visit(path)
                case S_IFREG: found.append((path, false))
                default: throw foreign(path, "a link or special file render did not make")
                }
            }
        }
        try visit("")
        return found
    }

    /// After a fallback publish that render did not finish (it died between
    /// its two renames), puts the old site back. Also removes the sibling
    /// folders that dead renders left. Only folders render marked as its own
    /// (``RenderMark``) count: a `.NAME.render-old-7/` that came with the book
    /// (committed, unpacked) is neither moved into the output folder nor
    /// deleted, except an empty unmarked `.NAME.render-new-N/`, which a render
    /// killed right after creating it leaves. Called under the output lock.
    func recoverInterruptedFallback() throws {
        let fm = FileManager.default
        let prefix = ".\(name).render-"
        var exists = stat()
        let outputMissing = lstat(output, &exists) != 0
        for entry in ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).sorted() where entry.hasPrefix(prefix) {
            let path = (parent as NSString).appendingPathComponent(entry)
            guard RenderMark.isSet(path) else {
                // A render killed between making its staging folder and
                // marking it leaves it empty and unmarked; an empty folder
                // holds nothing to lose, so it goes (rmdir removes only an empty one).
                if entry.hasPrefix(prefix + "new-") { rmdir(path) }
                continue
            }
            if outputMissing && entry.hasPrefix(prefix + "old-") && rename(path, output) == 0 { continue }
            if entry.hasPrefix(prefix + "new-") || entry.hasPrefix(prefix + "old-") { try? fm.removeItem(atPath: path) }
        }
    }

    /// Whether a file on disk (`data`) holds exactly `bytes`, compared in
    /// place (`Data(bytes)` copied every page to compare it).
    static func same(_ data: Data, _ bytes: [UInt8]) -> Bool {
        data.count == bytes.count && data.withUnsafeBytes { a in bytes.withUnsafeBytes { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }

    /// A relative file path that stays inside the folder and is not the
    /// manifest: no empty, `.` or `..` component, no control characters.
    static func isSafe(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && path != manifestName
            && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// Publishes the site: writes it beside the output folder, then swaps
    /// the two folders in one step. Files unchanged since the last build are
    /// hard-linked from it rather than written again.
    public func write(_ site: SiteFiles) throws {
        let old = try existingSite()
        let fm = FileManager.default
        let staging = sibling("new")
        // Render's own leftover goes; a folder of that name render did not make stays, and is not written into.
        if RenderMark.isSet(staging) { try? fm.removeItem(atPath: staging) } else { rmdir(staging) }
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            RenderMark.set(staging)
        } catch {
            throw SetupError("cannot create '\(staging)' beside the output folder: \(error.localizedDescription)",
                             fix: "render needs write access to the folder that holds --output")
        }
        var published = false
        defer { if !published { try? fm.removeItem(atPath: staging) } }

        // A file the new site replaces or drops must be exactly what render
        // wrote (its manifest hash), or it is someone's edit: refuse, before
        // anything is published. A file the new site keeps byte for byte
        // loses nothing and needs no check.
        for (path, file) in old ?? [:] {
            if let bytes = site.files[path], Self.same(file.bytes, bytes) { continue }
            if let recorded = file.recorded, SHA256.hex(file.bytes) != recorded {
                throw foreign(path, "a file changed since render wrote it")
            }
        }
        var hashes: [String: String] = [:]
        for path in site.paths {
            guard Self.isSafe(path) else { throw SetupError("internal: site path '\(path)' would leave the output folder") }
            let bytes = site.files[path]!
            let staged = (staging as NSString).appendingPathComponent(path)
            try fm.createDirectory(atPath: (staged as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if let previous = old?[path], Self.same(previous.bytes, bytes) {
                // The same bytes as last time: the manifest's hash still holds, and
                // hashing the whole site again was a tenth of a warm render.
                hashes[path] = previous.recorded ?? SHA256.hex(bytes)
                if link((output as NSString).appendingPathComponent(path), staged) == 0 { continue }
            } else {
                hashes[path] = SHA256.hex(bytes)
            }
            // Written from the site's own bytes: a copy of a 16 MiB page counts in render's memory.
            let written = bytes.withUnsafeBytes { raw in
                fm.createFile(atPath: staged, contents: raw.baseAddress.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: raw.count, deallocator: .none) } ?? Data())
            }
            guard written else {
                throw SetupError("cannot write '\(staged)': \(String(cString: strerror(errno)))")
            }
        }
        let manifest = Manifest.text(site, hashes: hashes)
        guard fm.createFile(atPath: (staging as NSString).appendingPathComponent(Self.manifestName), contents: Data(manifest.utf8)) else {
            throw SetupError("cannot write the manifest in '\(staging)'")
        }
        try publish(staging)
        published = true
    }

    /// Publishes the site already in the output folder with one more file
    /// (`render pdf` adds `book.pdf` this way), so the file is in the
    /// manifest and the next build may replace it. Unchanged files are
    /// hard-linked, so this costs little more than writing the new file.
    /// Takes the output folder's lock for the time it takes.
    /// - Throws: `SetupError` when there is no site yet, when the folder
    ///   holds anything render did not write, or when `path` is not safe.
    public func add(_ path: String, bytes: [UInt8], waitForLock: Bool = true) throws {
        guard Self.isSafe(path) else { throw SetupError("'\(path)' is not a file name inside the output folder") }
        let lock = try RenderLock.acquire(RenderLock.path(forOutput: output), what: "the output folder '\(output)'", wait: waitForLock)
        defer { withExtendedLifetime(lock) {} }
        guard let existing = try existingSite(), !existing.isEmpty else {
            throw SetupError("there is no site in '\(output)' to add \(path) to", fix: "run render first")
        }
        var site = SiteFiles()
        for (name, file) in existing { site.add(name, bytes: [UInt8](file.bytes)) }
        site.add(path, bytes: bytes)
        try write(site)
    }

    /// Puts the staged folder in the output folder's place.
    func publish(_ staging: String) throws {
        let fm = FileManager.default
        var info = stat()
        guard lstat(output, &info) == 0 else {
            guard rename(staging, output) == 0 else {
                throw SetupError("cannot move the new site to '\(output)': \(String(cString: strerror(errno)))")
            }
            return
        }
        if !exchangeUnsupported {
            if Self.exchange(staging, output) == 0 {
                try? fm.removeItem(atPath: staging)  // now the old site
                return
            }
            guard [EINVAL, ENOSYS, EOPNOTSUPP].contains(errno) else {
                throw SetupError("cannot replace '\(output)' with the new site: \(String(cString: strerror(errno)))")
            }
        }
        let aside = sibling("old")
        if RenderMark.isSet(aside) { try? fm.removeItem(atPath: aside) }
        RenderMark.set(output)  // so that the folder set aside is known for render's, should render die next
        guard rename(output, aside) == 0 else {
            throw SetupError("cannot move the old site aside: \(String(cString: strerror(errno)))")
        }
        guard rename(staging, output) == 0 else {
            let why = String(cString: strerror(errno))
            _ = rename(aside, output)
            throw SetupError("cannot move the new site to '\(output)': \(why)")
        }
        try? fm.removeItem(atPath: aside)
    }

    /// `renameat2(from, to, RENAME_EXCHANGE)`: swaps two paths atomically.
    /// Looked up at run time (Swift's Glibc module does not declare it);
    /// sets `errno` to `ENOSYS` when the C library lacks it.
    static func exchange(_ from: String, _ to: String) -> Int32 {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
            errno = ENOSYS
            return -1
        }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, from, AT_FDCWD, to, renameExchange)
    }
}
