import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

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
public final class RebuildMemo: RunMemo, FormulaMemo, @unchecked Sendable {
    private let lock = NSLock()
    private var documents = Kept<ChapterSource, ChapterDocument>()
    private var runs = Kept<String, RawRun>()
    private var formulas = Kept<Formula, String>()
    /// The KaTeX version the remembered formulas were typeset with.
    private var katexVersion: String?

    /// Entries, and which of them the current build used.
    private struct Kept<Key: Hashable, Value> {
        var entries: [Key: Value] = [:]
        var used: Set<Key> = []

        /// The entry for `key`, marked used.
        mutating func value(for key: Key) -> Value? {
            guard let value = entries[key] else { return nil }
            used.insert(key)
            return value
        }

        /// Keeps `value` for `key`, marked used.
        mutating func keep(_ value: Value, for key: Key) {
            entries[key] = value
            used.insert(key)
        }

        /// Drops what the last build did not use; the next build starts unmarked.
        mutating func dropUnused() {
            entries = entries.filter { used.contains($0.key) }
            used = []
        }
    }

    /// An empty memo.
    public init() {}

    /// Starts a build: forgets what the previous build did not use.
    func beginBuild() {
        lock.withLock {
            documents.dropUnused()
            runs.dropUnused()
            formulas.dropUnused()
        }
    }

    /// The parse of `source`, from the memo or from `parse` (outside the lock:
    /// chapters are parsed in parallel).
    func document(for source: ChapterSource, parse: (ChapterSource) -> ChapterDocument) -> ChapterDocument {
        if let known = lock.withLock({ documents.value(for: source) }) { return known }
        let document = parse(source)
        lock.withLock { documents.keep(document, for: source) }
        return document
    }

    /// The run remembered for a program key and seed variant.
    package func run(key: String, variant: String) -> RawRun? {
        lock.withLock { runs.value(for: key + "/" + variant) }
    }

    /// Remembers a run read from, or just stored in, the cache.
    package func remember(_ run: RawRun, key: String, variant: String) {
        lock.withLock { runs.keep(run, for: key + "/" + variant) }
    }

    /// The HTML remembered for `formula`, typeset with KaTeX `version`.
    package func html(for formula: Formula, katexVersion version: String) -> String? {
        lock.withLock { katexVersion == version ? formulas.value(for: formula) : nil }
    }

    /// Remembers a formula's HTML (a TeX error is not remembered: it is reported again).
    package func remember(html: String, for formula: Formula, katexVersion version: String) {
        lock.withLock {
            if katexVersion != version {
                formulas = Kept()
                katexVersion = version
            }
            formulas.keep(html, for: formula)
        }
    }
}
