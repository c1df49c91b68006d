import Foundation

/// What `render serve` and `render watch` remember between their builds:
/// each chapter's parse, by its exact source, each run read from the
/// cache, by its key and seeds, and each typeset formula, by its TeX.
///
/// A save changes one chapter; without this, every rebuild parses all the
/// others again (cmark, the scanner and swift-syntax: a fifth of a preview
/// rebuild), decodes every cached run (another tenth) and reads every
/// formula's file from the cache. Each is a pure function of what it is
/// keyed by — a parse of (path, name, text), a stored run of its
/// content-addressed key and variant, verified when it was read, a formula's
/// HTML of its TeX, display mode and the KaTeX version — so remembering them
/// changes no output. Entries that a build did
/// not use are dropped when the next one starts, so the memo holds one
/// book's worth at most.
public final class RebuildMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [ChapterSource: ChapterDocument] = [:]
    private var runs: [String: RawRun] = [:]
    private var usedDocuments: Set<ChapterSource> = []
    private var usedRuns: Set<String> = []
    private var formulas: [Formula: String] = [:]
    private var usedFormulas: Set<Formula> = []
    /// The KaTeX version the remembered formulas were typeset with.
    private var katexVersion: String?

    /// An empty memo.
    public init() {}

    /// Starts a build: forgets what the previous build did not use.
    func beginBuild() {
        lock.lock()
        defer { lock.unlock() }
        documents = documents.filter { usedDocuments.contains($0.key) }
        runs = runs.filter { usedRuns.contains($0.key) }
        formulas = formulas.filter { usedFormulas.contains($0.key) }
        usedDocuments = []
        usedRuns = []
        usedFormulas = []
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

    /// The HTML remembered for `formula`, typeset with KaTeX `version`.
    func html(for formula: Formula, katexVersion version: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard katexVersion == version, let html = formulas[formula] else { return nil }
        usedFormulas.insert(formula)
        return html
    }

    /// Remembers a formula's HTML (a TeX error is not remembered: it is reported again).
    func remember(html: String, for formula: Formula, katexVersion version: String) {
        lock.lock()
        defer { lock.unlock() }
        if katexVersion != version {
            formulas = [:]
            katexVersion = version
        }
        formulas[formula] = html
        usedFormulas.insert(formula)
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
