import Foundation

/// The content-addressed cache of chapter runs (and, through the math
/// typesetter, of formulas).
///
/// A chapter program's key hashes its source without line information
/// (all of the chapter's Swift, the engine's scaffolding, derivation seeds),
/// the chapter's path, the toolchain identity
/// (compiler, runtime library — hence CECore — and the engine executable)
/// and the cache format version. Only runs that reached their end are kept.
///
/// `render` keeps the cache in `OUTPUT/.cache`; `render check` reads that
/// cache but writes only to a temporary folder it deletes afterwards.
public struct BuildCache: Sendable {
    public static let formatVersion = "3"

    /// Where new entries go.
    public var writeRoot: String
    /// Where entries are looked up, in order (the write root first).
    public var readRoots: [String]
    /// `--no-cache`: look nothing up.
    public var enabled: Bool

    public init(writeRoot: String, readRoots: [String] = [], enabled: Bool = true) {
        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.path
        }
        let root = absolute(writeRoot)
        self.writeRoot = root
        self.readRoots = [root] + readRoots.map(absolute).filter { $0 != root }
        self.enabled = enabled
    }

    /// The key of a compiled chapter program: its code without line
    /// information, the chapter's name and the toolchain identity.
    public func programKey(_ program: ChapterProgram, toolchain: Toolchain) -> String {
        ContentHash.of("program", Self.formatVersion, toolchain.identity, program.chapterName, program.cacheText)
    }

    /// Which run of a program: its derivation seeds.
    public static func runVariant(seeds: [UInt64]) -> String {
        ContentHash.of(seeds.map(String.init).joined(separator: ","))
    }

    /// Whether a program with this key was compiled (in the write root).
    func hasBinary(key: String) -> Bool {
        enabled && FileManager.default.fileExists(atPath: (writeRoot as NSString).appendingPathComponent("programs/\(key)/compiled"))
    }

    /// Marks the program with this key as compiled.
    func markBinary(key: String) throws {
        try Data().write(to: URL(fileURLWithPath: try workDirectory(key: key) + "/compiled"))
    }

    /// The folder where the program with this key is compiled and run.
    public func workDirectory(key: String) throws -> String {
        let path = (writeRoot as NSString).appendingPathComponent("programs/\(key)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The stored run of a program with these seeds, if any.
    public func storedRun(key: String, variant: String) -> RawRun? {
        guard enabled else { return nil }
        for root in readRoots {
            let file = (root as NSString).appendingPathComponent("programs/\(key)/run-\(variant).json")
            if let data = FileManager.default.contents(atPath: file), let run = try? JSONDecoder().decode(RawRun.self, from: data) {
                return run
            }
        }
        return nil
    }

    /// Keeps a run that reached its end. A failed run is not kept: it is
    /// rerun next time (a time-out may pass on a quieter machine, and a trap's
    /// message may name chapter lines that later edits move).
    public func store(_ run: RawRun, key: String, variant: String) throws {
        guard ChapterRun.reachedEnd(run) else { return }
        let directory = try workDirectory(key: key)
        let data = try JSONEncoder().encode(run)
        try data.write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("run-\(variant).json")), options: .atomic)
    }

    /// The folder the math typesetter uses for its formula cache.
    /// Deletes the program folders of the write root that this build did not
    /// use (old versions of chapters, old toolchains), so the cache does not
    /// grow without bound.
    public func prune(keepingPrograms keys: Set<String>) {
        let programs = (writeRoot as NSString).appendingPathComponent("programs")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: programs)) ?? [] where !keys.contains(name) {
            try? FileManager.default.removeItem(atPath: (programs as NSString).appendingPathComponent(name))
        }
    }

    /// The formula folders of the read roots other than the write root.
    public var formulaLookups: [String] {
        enabled ? readRoots.dropFirst().map { ($0 as NSString).appendingPathComponent("formulas") } : []
    }

    public var formulaDirectory: String? {
        enabled ? (writeRoot as NSString).appendingPathComponent("formulas") : nil
    }
}
