import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Typesets TeX with KaTeX at build time, in one `node` process for all formulas.
///
/// KaTeX comes from Debian's `libjs-katex` (`/usr/share/javascript/katex`);
/// nothing of KaTeX lives in the repository. Formulas already in the cache
/// are not sent to node, and when every formula is cached node is not
/// started at all.
package struct MathTypesetter: Sendable {
    /// The folder holding `katex.min.js`, `katex.min.css` and `fonts/`.
    package var katexDirectory: URL
    /// The node executable; `nil` looks for `node`, then `nodejs`, on `PATH`.
    var nodePath: String?
    /// Where typeset formulas are kept between builds; `nil` for no cache.
    public var cacheDirectory: URL?
    /// More folders to look formulas up in (read only), after `cacheDirectory`.
    package var lookupDirectories: [URL] = []
    /// A node kept running between builds (`render serve`, `render watch`);
    /// nil starts node for the batch and lets it exit.
    package var worker: NodeWorker?
    /// Formulas remembered between the builds of serve and watch; nil reads them from the cache.
    package var memo: (any FormulaMemo)?
    /// The time a node batch may take before it is stopped (the worker has
    /// its own, ``NodeWorker/timeout``): a fixed part, and a part per formula.
    /// Generous: a batch of this book takes 0.4 s, but under a full parallel
    /// `swift test` on two cores one formula took over 20 s.
    var batchTimeLimit: (base: Duration, perFormula: Duration) = (.seconds(60), .milliseconds(50))

    /// Creates a typesetter.
    /// - Parameters:
    ///   - katexDirectory: The KaTeX distribution, by default Debian's.
    ///   - nodePath: The node executable; `nil` searches `PATH`.
    ///   - cacheDirectory: The folder for cached formulas; `nil` turns caching off.
    public init(
        katexDirectory: URL = URL(fileURLWithPath: "/usr/share/javascript/katex"),
        nodePath: String? = nil,
        cacheDirectory: URL?
    ) {
        self.katexDirectory = katexDirectory
        self.nodePath = nodePath
        self.cacheDirectory = cacheDirectory
    }

    /// The KaTeX script node loads.
    var katexScript: URL { katexDirectory.appendingPathComponent("katex.min.js") }

    /// Typesets every formula, in order.
    ///
    /// - Parameter formulas: The formulas of a whole build; duplicates are typeset once.
    /// - Returns: One result per formula, in the same order: its HTML, or
    ///   KaTeX's message when the TeX is wrong.
    /// - Throws: ``MathTypesetterError`` when node or KaTeX is missing or
    ///   node fails as a whole; a TeX error is not thrown.
    public func typeset(_ formulas: [Formula]) async throws -> [TypesetResult] {
        let cache = FormulaCache(directory: cacheDirectory, lookups: lookupDirectories, katexVersion: try katexVersion())
        var (known, missing) = lookUp(formulas, in: cache)
        if !missing.isEmpty {
            try record(try await runKaTeX(on: missing), for: missing, in: cache, into: &known)
        }
        return formulas.map { known[$0]! }
    }

    /// The KaTeX version, read from `katex.min.js` without starting node.
    ///
    /// The minified script contains `version:"0.16.4"`; if a future build
    /// spells it differently, a hash of the whole script stands in, which
    /// still changes whenever KaTeX does.
    package func katexVersion() throws -> String {
        guard let data = FileManager.default.contents(atPath: katexScript.path) else {
            throw MathTypesetterError.katexNotFound(path: katexScript.path)
        }
        let marker = Data("version:\"".utf8)
        if let start = data.range(of: marker)?.upperBound,
           let end = data[start...].firstIndex(of: UInt8(ascii: "\"")), end - start < 40 {
            return String(decoding: data[start..<end], as: UTF8.self)
        }
        return "sha256-" + SHA256.hex(data)
    }

    /// The search index of `search`'s sections: Lunr's serialized JSON.
    ///
    /// It is built from the pages as typeset (``SearchSections``), so after
    /// the math; node runs only when the cache does not hold it, keyed by the
    /// documents and Lunr itself, and it loads Lunr, not KaTeX, for it.
    /// - Throws: ``MathTypesetterError`` when Lunr is missing or node fails.
    package func searchIndex(_ search: SearchRequest) async throws -> String {
        let indexCache = SearchIndexCache(directory: cacheDirectory, lookups: lookupDirectories)
        let key = try indexCache.key(search)
        if let index = indexCache.index(for: key) { return index }
        guard let built = try await runNode(on: [], search: search).index else {
            throw MathTypesetterError.malformedOutput(detail: "no search index in node's answer")
        }
        indexCache.store(built, key: key)
        return built
    }

    /// The memo, when the cache is in use (`--no-cache` typesets every formula afresh).
    private var cachedMemo: (any FormulaMemo)? { cacheDirectory == nil ? nil : memo }

    /// The formulas the memo or the cache already holds, and the others, each once, in order.
    private func lookUp(_ formulas: [Formula], in cache: FormulaCache) -> (known: [Formula: TypesetResult], missing: [Formula]) {
        var known: [Formula: TypesetResult] = [:]
        var missing: [Formula] = []
        var queued = Set<Formula>()
        for formula in formulas where known[formula] == nil && !queued.contains(formula) {
            if let html = cachedMemo?.html(for: formula, katexVersion: cache.katexVersion) {
                known[formula] = .html(html)
            } else if let html = cache.html(for: formula) {
                cachedMemo?.remember(html: html, for: formula, katexVersion: cache.katexVersion)
                known[formula] = .html(html)
            } else {
                missing.append(formula)
                queued.insert(formula)
            }
        }
        return (known, missing)
    }

    /// Keeps node's results for `missing`, storing the HTML of each accepted formula in the cache (and the memo).
    private func record(_ fresh: [TypesetResult], for missing: [Formula], in cache: FormulaCache, into known: inout [Formula: TypesetResult]) throws {
        var accepted: [(formula: Formula, html: String)] = []
        for (formula, result) in zip(missing, fresh) {
            known[formula] = result
            if case .html(let html) = result {
                accepted.append((formula, html))
                cachedMemo?.remember(html: html, for: formula, katexVersion: cache.katexVersion)
            }
        }
        try cache.store(accepted)
    }

    /// Runs node once over `formulas` and decodes its answer.
    private func runKaTeX(on formulas: [Formula]) async throws -> [TypesetResult] {
        try await runNode(on: formulas, search: nil).results
    }

    /// Runs node once: typesets `formulas` or, with `search`, builds the index.
    private func runNode(on formulas: [Formula], search: SearchRequest?) async throws -> (results: [TypesetResult], index: String?) {
        let node = try resolveNode()
        let input: String
        if let search {
            struct Batch: Encodable {
                struct Search: Encodable { var lunr: String; var documents: [SearchDocument] }
                package var formulas: [Formula]
                package var search: Search
            }
            input = String(decoding: try JSONEncoder().encode(Batch(formulas: formulas, search: .init(lunr: search.lunrModule, documents: search.documents))), as: UTF8.self)
        } else {
            input = String(decoding: try JSONEncoder().encode(formulas), as: UTF8.self)
        }
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: Data(try await answerText(node: node, input: input, formulaCount: formulas.count).utf8))
        } catch let failure as MathTypesetterError {
            throw failure
        } catch {
            throw MathTypesetterError.malformedOutput(detail: "\(error)")
        }
        guard answer.results.count == formulas.count else {
            throw MathTypesetterError.malformedOutput(
                detail: "\(answer.results.count) results for \(formulas.count) formulas")
        }
        return (answer.results.map { item in
            if let html = item.html { .html(html) } else { .failure(message: item.error ?? "KaTeX gave no output") }
        }, answer.index)
    }

    /// node's answer to `input`: from the worker when there is one and it
    /// answers, else from a node started for this batch. Either way within
    /// the batch's time limit: a worker that runs out of it is not asked
    /// again by a second node.
    private func answerText(node: String, input: String, formulaCount: Int) async throws -> String {
        let limit = batchTimeLimit.base + batchTimeLimit.perFormula * formulaCount
        if let worker {
            do {
                let script = katexScript.path
                return try await Self.offThePool { try worker.answer(input, node: node, katex: script, limit: limit) }
            } catch is NodeWorker.TimedOut {
                throw MathTypesetterError.timedOut(limit: "\(limit)", formulas: formulaCount)
            } catch {
                // A worker that died: this batch's own node says why, if it fails too.
            }
        }
        let result = try await ChildProcess.run(
            node, arguments: ["-e", KaTeXScript.source, katexScript.path], environment: Self.nodeEnvironment(), inheritEnvironment: false,
            input: input, timeout: limit)
        if case .timedOut = result.status { throw MathTypesetterError.timedOut(limit: "\(limit)", formulas: formulaCount) }
        guard case .exited(0) = result.status else {
            throw MathTypesetterError.nodeFailed(
                status: "\(result.status)",
                standardError: result.standardError.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.standardOutput
    }

    /// Runs `work`, which blocks while node answers, on a thread of its own:
    /// on the few threads Swift's concurrency has (two on two cores) it would
    /// hold up the compiles and runs the early batch goes beside. Not on a
    /// global dispatch queue either: those run as many blocks at once as
    /// there are cores, so a few builds waiting for node (tests build books
    /// side by side in one process) held up every other block queued there.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// render's environment without `NODE_EXTRA_CA_CERTS`: node typesets
    /// offline and never opens a TLS connection, but with that variable set
    /// it parses the whole CA bundle as it starts (60 ms of its 90 ms here).
    static func nodeEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        environment.filter { $0.key != "NODE_EXTRA_CA_CERTS" }
    }

    /// The node executable to run.
    /// - Throws: ``MathTypesetterError/nodeNotFound(path:)``.
    private func resolveNode() throws -> String {
        if let nodePath {
            guard FileManager.default.isExecutableFile(atPath: nodePath) else { throw MathTypesetterError.nodeNotFound(path: nodePath) }
            return nodePath
        }
        guard let node = ChildProcess.find(["node", "nodejs"]) else { throw MathTypesetterError.nodeNotFound(path: nil) }
        return node
    }

    /// What the node script writes to stdout.
    private struct Answer: Decodable {
        /// One formula's outcome: exactly one of the two is set.
        package struct Item: Decodable {
            package var html: String?
            package var error: String?
        }
        package var version: String
        var results: [Item]
        /// Lunr's serialized index, as JSON text, when the batch built one.
        package var index: String?
    }
}
