import Foundation
import TutorialBase
import TutorialMarkdown

/// The content-addressed cache of chapter runs (and, through the math
/// typesetter, of formulas).
///
/// A chapter program's key hashes its source without line information
/// (all of the chapter's Swift, the engine's scaffolding, derivation seeds),
/// the chapter's path, the toolchain identity
/// (compiler, runtime library — hence CECore — and the engine executable)
/// and the cache format version. Only runs that reached their end are kept.
///
/// The cache lives beside the book, in `.render-cache/` next to the chapters
/// folder (or where `--cache DIR` says), never in the published site.
/// `render check` reads it but writes only to a temporary folder it deletes
/// afterwards. Chapter programs cannot write to it: the sandbox mounts only
/// their own program folder, read-only.
///
/// Entries are not trusted blindly: a stored run carries the content hash of
/// its key, variant and bytes, a compiled program the hash of its binary;
/// an entry whose hash does not match is recomputed. A symbolic link
/// anywhere in the cache's own folders is refused (writing through it would
/// write, and pruning would delete, outside the cache).
package struct BuildCache: Sendable {
    /// The version of the cache's layout and of the runs it keeps (7: runs
    /// keep each block's printed output, split at the runtime's markers,
    /// `OutputMarker`, not the whole stream with offsets); a new one leaves
    /// older entries unread.
    package static let formatVersion = "7"
    /// The default folder name, beside the chapters folder.
    static let defaultName = ".render-cache"

    /// Where new entries go.
    package var writeRoot: String
    /// Where entries are looked up, in order (the write root first).
    package var readRoots: [String]
    /// `--no-cache`: look nothing up.
    package var enabled: Bool

    /// The compiler's `HOME` while it compiles this book's programs: its
    /// module cache lives there, shared by the book's compiles, the one
    /// folder besides a program's own that a compile may write. Its name
    /// carries a hash of the cache's own path: clang's module files record
    /// the folder they were built in and are refused anywhere else, so a
    /// cache that moved (with its book) starts a new one.
    var compilerHome: String {
        (writeRoot as NSString).appendingPathComponent("compiler-" + ContentHash.of(writeRoot).prefix(12))
    }

    /// Creates a cache.
    /// - Parameters:
    ///   - writeRoot: the folder new entries go to.
    ///   - readRoots: further folders entries are read from.
    ///   - enabled: false to read nothing (`--no-cache`).
    public init(writeRoot: String, readRoots: [String] = [], enabled: Bool = true) {
        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.path
        }
        let root = absolute(writeRoot)
        self.writeRoot = root
        self.readRoots = [root] + readRoots.map(absolute).filter { $0 != root }
        self.enabled = enabled
    }

    /// The default cache folder of a book: `.render-cache` beside its chapters folder.
    package static func defaultLocation(chapters: String) -> String {
        let absolute = URL(fileURLWithPath: chapters).standardizedFileURL
        return absolute.deletingLastPathComponent().appendingPathComponent(defaultName).path
    }

    /// Creates the write root if needed. - Throws: `SetupError` if it, or
    /// one of its folders, is a symbolic link or not a folder.
    package func prepare() throws {
        try Self.refuseLink(writeRoot)
        do {
            try FileManager.default.createDirectory(atPath: writeRoot, withIntermediateDirectories: true)
        } catch {
            throw SetupError("cannot create the cache folder '\(writeRoot)': \(error.localizedDescription)", fix: "pass another --cache DIR")
        }
        for folder in ["programs", "formulas", "shared"] { try Self.refuseLink((writeRoot as NSString).appendingPathComponent(folder)) }
    }

    /// Throws if `path` exists and is a symbolic link.
    package static func refuseLink(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            throw SetupError("'\(path)' in the cache is a symbolic link; render refuses links in its cache (they would let it write or delete outside)",
                             fix: "remove the link (rm '\(path)'), or pass another --cache DIR")
        }
    }

    /// The key of a compiled chapter program: its code without line
    /// information, the chapter's name and the toolchain identity.
    package func programKey(_ program: ChapterProgram, toolchain: Toolchain) -> String {
        ContentHash.of("program", Self.formatVersion, toolchain.identity, program.chapterName, program.cacheText)
    }

    /// Which run of a program: its derivation seeds.
    static func runVariant(seeds: [UInt64]) -> String {
        ContentHash.of(seeds.map(String.init).joined(separator: ","))
    }

    /// Whether a program with this key was compiled (in the write root) and
    /// its binary is the one the compiler wrote.
    func hasBinary(key: String) -> Bool {
        guard enabled, let folder = try? workDirectory(key: key) else { return false }
        let marker = (folder as NSString).appendingPathComponent("compiled")
        let binary = (folder as NSString).appendingPathComponent("program")
        guard (try? Self.refuseLink(binary)) != nil, (try? Self.refuseLink(marker)) != nil,
              let recorded = try? String(contentsOfFile: marker, encoding: .utf8)
        else { return false }
        // A binary this process already hashed, unchanged since (same file,
        // size and time), is not hashed again: the scheduler and the executor
        // both ask, and each chapter's binary is about a megabyte.
        var info = stat()
        guard stat(binary, &info) == 0 else { return false }
        let identity = "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(recorded)"
        if Self.verifiedLock.withLock({ Self.verified[binary] == identity }) { return true }
        guard let bytes = FileManager.default.contents(atPath: binary) else { return false }
        guard recorded == Self.binarySeal(key: key, digest: SHA256.hex(bytes)) else { return false }
        Self.verifiedLock.withLock { Self.verified[binary] = identity }
        return true
    }

    /// The binaries whose seal this process checked, by path, with what identified them then.
    private static let verifiedLock = NSLock()
    nonisolated(unsafe) private static var verified: [String: String] = [:]

    /// Marks the program with this key as compiled, recording its binary's hash.
    /// - Parameter digest: the binary's SHA-256 when the caller has it (the
    ///   merged compile seals one binary for every chapter it holds).
    func markBinary(key: String, digest: String? = nil) throws {
        let folder = try workDirectory(key: key)
        let binary = (folder as NSString).appendingPathComponent("program")
        try Self.refuseLink(binary)
        let digest = digest ?? SHA256.hex([UInt8](FileManager.default.contents(atPath: binary) ?? Data()))
        try CacheFile.write(Self.binarySeal(key: key, digest: digest), to: (folder as NSString).appendingPathComponent("compiled"))
    }

    static func binarySeal(key: String, digest: String) -> String {
        var hash = ContentHash()
        hash.add("binary")
        hash.add(key)
        hash.add(digest)
        return hash.hex
    }

    /// The folder where the program with this key is compiled (and from which
    /// it is run, read-only). - Throws: `SetupError` for a symbolic link.
    func workDirectory(key: String) throws -> String {
        let programs = (writeRoot as NSString).appendingPathComponent("programs")
        let path = (programs as NSString).appendingPathComponent(key)
        try Self.refuseLink(writeRoot)
        try Self.refuseLink(programs)
        try Self.refuseLink(path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for file in ["main.swift", "program", "compiled"] { try Self.refuseLink((path as NSString).appendingPathComponent(file)) }
        return path
    }

    /// The stored run of a program with these seeds, if any whose content
    /// hash matches.
    func storedRun(key: String, variant: String) -> RawRun? {
        guard enabled else { return nil }
        for root in readRoots {
            let file = (root as NSString).appendingPathComponent("programs/\(key)/run-\(variant).json")
            guard let data = FileManager.default.contents(atPath: file),
                  let newline = data.firstIndex(of: UInt8(ascii: "\n"))
            else { continue }
            let body = data[(newline + 1)...]
            guard String(decoding: data[..<newline], as: UTF8.self) == Self.runSeal(key: key, variant: variant, body),
                  let run = try? JSONDecoder().decode(RawRun.self, from: body)
            else { continue }
            return run
        }
        return nil
    }

    static func runSeal(key: String, variant: String, _ body: Data) -> String {
        var hash = ContentHash()
        hash.add("run")
        hash.add(key)
        hash.add(variant)
        hash.add(SHA256.hex([UInt8](body)))
        return hash.hex
    }

    /// Keeps a run that reached its end. A failed run is not kept: it is
    /// rerun next time (a time-out may pass on a quieter machine, and a trap's
    /// message may name chapter lines that later edits move).
    package func store(_ run: RawRun, key: String, variant: String) throws {
        guard ChapterRun.reachedEnd(run) else { return }
        let directory = try workDirectory(key: key)
        let body = try JSONEncoder().encode(run)
        let file = (directory as NSString).appendingPathComponent("run-\(variant).json")
        try Self.refuseLink(file)
        try CacheFile.write(Data((Self.runSeal(key: key, variant: variant, body) + "\n").utf8) + body, to: file)
    }

    /// Deletes the program folders of the write root that this build did not
    /// use (old versions of chapters, old toolchains), so the cache does not
    /// grow without bound. A link is removed as a link, never followed.
    package func prune(keepingPrograms keys: Set<String>) {
        let programs = (writeRoot as NSString).appendingPathComponent("programs")
        guard (try? Self.refuseLink(programs)) != nil else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: programs)) ?? [] where !keys.contains(name) {
            let path = (programs as NSString).appendingPathComponent(name)
            if (try? Self.refuseLink(path)) == nil { unlink(path); continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// The formula folders of the read roots other than the write root.
    package var formulaLookups: [String] {
        enabled ? readRoots.dropFirst().map { ($0 as NSString).appendingPathComponent("formulas") } : []
    }

    /// The folder the math typesetter uses for its formula cache.
    package var formulaDirectory: String? {
        enabled ? (writeRoot as NSString).appendingPathComponent("formulas") : nil
    }
}
