import Foundation

/// The driver: the one place that knows the order of the stages.
///
/// load → scan and parse → tangle → compile and run (in parallel, cached) →
/// check → cross-reference → typeset math (one KaTeX batch) → typeset pages
/// → write. Every problem of every chapter is collected; if there is any,
/// the build throws `BuildFailure` before anything is written.
public struct BookBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds (or, with `writeSite == false`, checks) the book.
    /// - Parameter onChapter: called as each chapter finishes running and checking.
    /// - Throws: `SetupError` (exit 2) or `BuildFailure` (exit 1).
    public func build(onChapter: @Sendable (ChapterReport) -> Void = { _ in }) async throws -> BuildSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let (sources, loadProblems) = try ChapterLoader(directory: options.chaptersDirectory).load()
        let documents = ParallelMap.map(sources, ChapterParser.parse)
        var nameProblems: [Diagnostic] = []
        for document in documents {
            if let problem = Self.nameProblem(document.name) { nameProblems.append(Diagnostic(file: document.path, line: 1, problem)) }
        }
        let programs = documents.map(Tangler.tangle)

        let writer = SiteWriter(output: options.outputDirectory)
        let cache = try makeCache(writer: writer)
        defer { if !options.writeSite { try? FileManager.default.removeItem(atPath: cache.writeRoot) } }
        let toolchain: Toolchain? = programs.contains(where: \.hasWork) ? try Toolchain.locate() : nil
        let timeout = options.timeout

        // Compile and run every chapter, `jobs` at a time, checking each as it finishes.
        var checks = [ChapterCheck?](repeating: nil, count: documents.count)
        var reports = [ChapterReport?](repeating: nil, count: documents.count)
        try await withThrowingTaskGroup(of: (Int, ChapterCheck, ChapterReport).self) { group in
            // Largest programs first: with `jobs` compilers at work, the longest
            // compile should not be the one left running alone at the end.
            let order = documents.indices.sorted { programs[$0].source.utf8.count > programs[$1].source.utf8.count }
            var next = 0
            func launch() {
                guard next < order.count else { return }
                let index = order[next]
                next += 1
                let document = documents[index], program = programs[index]
                group.addTask {
                    let began = clock.now
                    let outcome: ChapterExecutor.Outcome
                    if let toolchain {
                        do {
                            outcome = try await ChapterExecutor(toolchain: toolchain, cache: cache, timeout: timeout).execute(program)
                        } catch let setup as SetupError {
                            throw setup
                        } catch {
                            outcome = .failed("the chapter program could not be compiled or run: \(error)")
                        }
                    } else {
                        outcome = .notNeeded
                    }
                    let check = ChapterChecker.check(document, program: program, outcome: outcome, strict: options.strict)
                    var cached = false
                    var didCompile = false
                    switch outcome {
                    case .ran(_, let fromCache, let compiledNow): cached = fromCache; didCompile = compiledNow
                    case .compileErrors, .failed: didCompile = true
                    case .notNeeded: cached = true
                    }
                    let elapsed = clock.now - began
                    let report = ChapterReport(
                        path: document.path, name: document.name, values: check.valueCount, claims: check.claimCount,
                        derivations: check.derivationCount, errors: check.diagnostics.filter { $0.severity == .error }.count,
                        seconds: elapsed.seconds, cached: cached, compiled: didCompile)
                    return (index, check, report)
                }
            }
            for _ in 0..<max(options.jobs, 1) { launch() }
            while let (index, check, report) = try await group.next() {
                checks[index] = check
                reports[index] = report
                onChapter(report)
                launch()
            }
        }
        let chapterChecks = checks.map { $0! }
        var diagnostics = loadProblems + nameProblems + chapterChecks.flatMap(\.diagnostics)

        // Cross references: number figures and labelled equations in reading order.
        let pages = documents.map { Self.page(for: $0) }
        let (references, referenceProblems) = CrossReferences.collect(
            documents: documents, pages: pages, runs: chapterChecks.map(\.run),
            allRan: zip(programs, chapterChecks).allSatisfy { program, check in
                !program.hasWork || (check.run?.completed ?? false)
            })
        diagnostics += referenceProblems

        // Math: one KaTeX batch over every formula of the book.
        let formulas = zip(documents, chapterChecks).map { ChapterFormulas($0, values: $1.run?.values ?? [:]) }
        var unique: [Formula] = []
        var seen = Set<Formula>()
        for f in formulas.flatMap(\.all) where seen.insert(f).inserted { unique.append(f) }
        unique.sort { ($0.tex, $0.display ? 1 : 0) < ($1.tex, $1.display ? 1 : 0) }
        var typesetter = MathTypesetter(
            katexDirectory: URL(fileURLWithPath: options.katexDirectory),
            cacheDirectory: cache.formulaDirectory.map { URL(fileURLWithPath: $0) })
        typesetter.lookupDirectories = cache.formulaLookups.map { URL(fileURLWithPath: $0) }
        BuildTrace.record(formulas: unique, programs: programs, toolchain: toolchain)
        // The search index is built in the same node batch, from a text-only typesetting pass (math left out).
        let search = options.writeSite
            ? SearchRequest(documents: searchDocuments(documents, checks: chapterChecks, pages: pages, formulas: formulas, references: references),
                            lunrModule: options.lunrModuleDirectory)
            : nil
        let typeset: [TypesetResult]
        var searchIndex = ""
        if let search {
            (typeset, searchIndex) = try await typesetter.typeset(unique, search: search)
        } else {
            typeset = unique.isEmpty ? [] : try await typesetter.typeset(unique)
        }
        var formulaHTML: [Formula: String] = [:]
        var texErrors: [Formula: String] = [:]
        for (formula, result) in zip(unique, typeset) {
            switch result {
            case .html(let html): formulaHTML[formula] = html
            case .failure(let message): texErrors[formula] = message
            }
        }
        if !texErrors.isEmpty {
            for (k, document) in documents.enumerated() {
                for (index, formula) in formulas[k].spans.sorted(by: { $0.key < $1.key }) {
                    if let message = texErrors[formula] {
                        let at = document.spans[index].location
                        diagnostics.append(Diagnostic(file: document.path, line: at.line, column: at.column, "TeX error: \(message)"))
                    }
                }
                for derivation in document.derivations {
                    if let formula = formulas[k].derivations[derivation.index], let message = texErrors[formula] {
                        let at = derivation.location(ofTeXError: message)
                        diagnostics.append(Diagnostic(file: document.path, line: at.line, column: at.column, "TeX error in the derivation: \(message)"))
                    }
                }
            }
        }

        diagnostics = Self.ordered(diagnostics)
        var chapterReports = reports.map { $0! }
        for (k, report) in chapterReports.enumerated() {
            chapterReports[k].errors = diagnostics.filter { $0.file == report.path && $0.severity == .error }.count
        }
        let summary = BuildSummary(
            chapters: chapterReports, diagnostics: diagnostics, seconds: (clock.now - start).seconds)
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw BuildFailure(diagnostics, summary: summary)
        }
        guard options.writeSite else { return summary }

        // Chapters are typeset independently: on all cores.
        let bodies = ParallelMap.map(documents.indices) { k in
            ChapterTypesetter(
                document: documents[k], run: chapterChecks[k].run, page: pages[k], formulas: formulas[k],
                formulaHTML: formulaHTML, references: references, unsafe: options.unsafe
            ).typeset()
        }
        var site = try BookAssembler(
            documents: documents, pages: pages, bodies: bodies, checks: chapterChecks
        ).site()
        try SiteAssets.add(to: &site, katexDirectory: options.katexDirectory)
        try SearchAssets.add(to: &site, index: searchIndex, documents: search?.documents ?? [], lunrScript: options.lunrBrowserScript)
        try writer.write(site)
        if let toolchain {
            cache.prune(keepingPrograms: Set(programs.filter(\.hasWork).map { cache.programKey($0, toolchain: toolchain) }))
        }
        return summary
    }

    /// The book's sections for the search index: each chapter typeset once
    /// more with its formulas left out (cheap next to KaTeX), cut at its headings.
    func searchDocuments(
        _ documents: [ChapterDocument], checks: [ChapterCheck], pages: [String], formulas: [ChapterFormulas], references: CrossReferences
    ) -> [SearchDocument] {
        // Inline math becomes "…" (a teaser reads "the logits were … and"), display math nothing.
        let noMath = Dictionary(formulas.flatMap(\.all).map { ($0, $0.display ? "" : "…") }, uniquingKeysWith: { a, _ in a })
        let sections = ParallelMap.map(Array(documents.indices)) { k -> [SearchDocument] in
            let output = ChapterTypesetter(
                document: documents[k], run: checks[k].run, page: pages[k], formulas: formulas[k],
                formulaHTML: noMath, references: references, unsafe: false
            ).typeset()
            return SearchSections.documents(html: output.html, page: Self.href(pages[k]), chapterTitle: output.title)
        }
        return sections.flatMap { $0 }
    }

    func makeCache(writer: SiteWriter) throws -> BuildCache {
        let shared = (options.outputDirectory as NSString).appendingPathComponent(SiteWriter.cacheName)
        if options.writeSite {
            try writer.claimFolder()
            return BuildCache(writeRoot: shared, enabled: options.useCache)
        }
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("render-check-\(getpid())")
        return BuildCache(writeRoot: scratch, readRoots: [shared], enabled: options.useCache)
    }

    static func page(for document: ChapterDocument) -> String {
        document.name == "README" ? "index.html" : document.name + ".html"
    }

    /// A page name as a link target (percent-encoded: `a b.html` → `a%20b.html`).
    static func href(_ page: String) -> String {
        page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#;:"))) ?? page
    }

    /// Chapter names the site needs for itself, or that cannot be a page name.
    static func nameProblem(_ name: String) -> String? {
        if ["index", "checks"].contains(name.lowercased()) {
            return "a chapter cannot be named '\(name).md': the book's \(name == "index" ? "front page" : "Checks page") is \(name.lowercased()).html (put the front page in README.md)"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "/" }) {
            return "the chapter's file name contains control characters"
        }
        return nil
    }

    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
            .sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
    }

}
