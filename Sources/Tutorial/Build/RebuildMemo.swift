import Foundation

/// What `render serve` and `render watch` remember between their builds:
/// each chapter's parse, by its exact source, and each run read from the
/// cache, by its key and seeds.
///
/// A save changes one chapter; without this, every rebuild parses all the
/// others again (cmark, the scanner and swift-syntax: a fifth of a preview
/// rebuild) and decodes every cached run (another tenth). Both are pure
/// functions of what they are keyed by — a parse of (path, name, text), a
/// stored run of its content-addressed key and variant, verified when it was
/// read — so remembering them changes no output. Entries that a build did
/// not use are dropped when the next one starts, so the memo holds one
/// book's worth at most.
public final class RebuildMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [ChapterSource: ChapterDocument] = [:]
    private var runs: [String: RawRun] = [:]
    private var usedDocuments: Set<ChapterSource> = []
    private var usedRuns: Set<String> = []

    /// An empty memo.
    public init() {}

    /// Starts a build: forgets what the previous build did not use.
    func beginBuild() {
        lock.lock()
        defer { lock.unlock() }
        documents = documents.filter { usedDocuments.contains($0.key) }
        runs = runs.filter { usedRuns.contains($0.key) }
        usedDocuments = []
        usedRuns = []
    }

    /// The parse of `source`, from the memo or from `parse`.
    func document(for source: ChapterSource, parse: (ChapterSource) -> ChapterDocument) -> ChapterDocument {
        lock.lock()
        if let known = documents[source] {
            usedDocuments.insert(source)
            lock.unlock()
            return known
        }
        lock.unlock()
        let document = parse(source)
        lock.lock()
        documents[source] = document
        usedDocuments.insert(source)
        lock.unlock()
        return document
    }

    /// The run remembered for a program key and seed variant.
    func run(key: String, variant: String) -> RawRun? {
        lock.lock()
        defer { lock.unlock() }
        let name = key + "/" + variant
        guard let run = runs[name] else { return nil }
        usedRuns.insert(name)
        return run
    }

    /// Remembers a run read from, or just stored in, the cache.
    func remember(_ run: RawRun, key: String, variant: String) {
        lock.lock()
        defer { lock.unlock() }
        let name = key + "/" + variant
        runs[name] = run
        usedRuns.insert(name)
    }
}
