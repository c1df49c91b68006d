import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// The driver: the one place that knows the order of the stages.
///
/// load → scan and parse → tangle → compile and run (in parallel, cached) →
/// check → cross-reference → typeset math (one KaTeX batch) → typeset pages
/// → write. Every problem of every chapter is collected; if there is any,
/// the build throws `BuildFailure` before anything is written.
public struct BookBuilder: Sendable {
    /// What the user asked for: flags and book.toml.
    public var options: BuildOptions
    /// Where this machine's KaTeX and lunr are.
    public var tools: InstalledTools
    /// What serve and watch keep between builds, and how to talk to the user.
    public var session: BuildSession

    /// Creates a builder.
    /// - Parameters:
    ///   - options: What the user asked for.
    ///   - tools: The tools found on this machine, by default from the environment.
    ///   - session: A single build's by default: no node worker, no memo.
    public init(options: BuildOptions, tools: InstalledTools = InstalledTools(), session: BuildSession = BuildSession()) {
        self.options = options
        self.tools = tools
        self.session = session
    }

    /// Builds (or, with `writeSite == false`, checks) the book.
    /// - Parameter onChapter: called for each chapter once all its checks,
    ///   TeX included, are in.
    /// - Throws: `SetupError` (exit 2) or `BuildFailure` (exit 1).
    public func build(onChapter: @Sendable (ChapterReport) -> Void = { _ in }) async throws -> BuildSummary {
        // The runs' cgroups and scratch folders, tidied while the build went
        // on, are gone before it returns, whichever way it ends.
        do {
            let summary = try await buildBook(onChapter: onChapter)
            await RunCleanup.settle()
            return summary
        } catch {
            await RunCleanup.settle()
            throw error
        }
    }

    private func buildBook(onChapter: @Sendable (ChapterReport) -> Void) async throws -> BuildSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var stages = BuildTrace.Stages()
        defer { BuildTrace.recordPeakMemory() }
        _ = Leftovers.cleaned  // what renders killed with SIGKILL left, once per process
        // Gathered before anything is read for the build: an edit made while
        // it runs leaves a stamp that no longer matches.
        let located = stampsBuild ? try? Toolchain.locate() : nil
        let inputs = stampsBuild ? try? BuildStamp.Inputs.gather(options, tools: tools, toolchain: located) : nil
        var loader = ChapterLoader(directory: options.chaptersDirectory, allowOutside: options.allowOutside)
        loader.files = options.chapterFiles
        try loader.checkFolder()  // a missing folder is reported before the cache or a lock is made
        let writer = SiteWriter(output: options.outputDirectory)
        let (cache, locks) = try makeCache(writer: writer)
        defer {
            if !options.writeSite { try? FileManager.default.removeItem(atPath: cache.writeRoot) }
            withExtendedLifetime(locks) {}
        }
        let stampPath = inputs.map { _ in BuildStamp.path(cache: cache, output: options.outputDirectory) }
        if let inputs, let stampPath, let stamp = BuildStamp.read(stampPath), stamp.holds(inputs: inputs, output: options.outputDirectory) {
            return upToDate(stamp, seconds: (clock.now - start).seconds, onChapter: onChapter)
        }
        if let stampPath { try? FileManager.default.removeItem(atPath: stampPath) }
        var (sources, loadProblems) = try loader.load()
        for k in sources.indices { sources[k].defaultIndexBase = options.indexBase }

        session.rebuildMemo?.beginBuild()
        let parsed = ParallelMap.map(sources) { source in
            session.rebuildMemo?.document(for: source) { ChapterParser.parse($0) } ?? ChapterParser.parse(source)
        }
        let nameProblems = parsed.compactMap { document in
            PageNames.problem(with: document.name).map { Diagnostic(file: document.path, line: 1, $0) }
        }
        let pages = parsed.map(PageNames.page(for:))
        stages.end("load and parse")
        let links = LocalLinks(
            documents: parsed, pages: pages, chaptersDirectory: options.chaptersDirectory,
            cacheDirectory: options.resolvedCacheDirectory, publishedFiles: options.publishedFiles
        ).resolve(parsed)
        let documents = links.documents
        let htmlWarnings = options.unsafe ? [] : documents.flatMap(RawHTMLCheck.warnings)
        let libraries = BookLibraries(options: options)
        let programs = documents.map { Tangler.tangle($0, imports: libraries.importLines) }
        stages.end("link and tangle")
        // While the chapters compile and run, KaTeX typesets the formulas no
        // value changes, into the cache the math stage then reads.
        // (`async let`: a build that throws before the math still waits for
        // it.) A batch that fails as a whole (node missing, out of time)
        // fails the build at the math, as the whole book's batch would.
        let typesetter = mathTypesetter(cache)
        async let earlyMath: (any Error)? = cache.formulaDirectory == nil ? nil : {
            do {
                _ = try await typesetter.typeset(Array(Set(documents.flatMap(ChapterFormulas.valueFree))))
                return nil
            } catch {
                return error
            }
        }()

        let sandboxes = LazySandbox(enabled: options.sandbox, memoryLimit: options.memoryLimit, compileMemoryLimit: options.compileMemoryLimit)
        var toolchain: Toolchain? = programs.contains(where: \.hasWork) ? try located ?? Toolchain.locate() : nil
        if let located = toolchain {
            toolchain = try await libraries.link(
                into: located, cache: cache, sandboxes: sandboxes, compileTimeout: options.compileTimeout, onNote: session.onNote)
        }
        stages.end("toolchain and packages")
        let executions = try await ChapterScheduler(
            toolchain: toolchain, cache: cache, timeout: options.timeout, jobs: options.jobs,
            runJobs: options.resolvedRunJobs, compileTimeout: options.compileTimeout, sandboxes: sandboxes, memo: session.rebuildMemo,
            mergeCompiles: ProcessInfo.processInfo.environment["TUTORIAL_COMPILE"] != "per-chapter")
            .run(documents, programs: programs)
        stages.end("compile and run")
        let finished = ParallelMap.map(documents.indices) { k in
            CheckedChapter.check(documents[k], program: programs[k], execution: executions[k], strict: options.strict)
        }
        let checks = finished.map(\.check)

        let (references, referenceProblems) = CrossReferences.collect(
            documents: documents, pages: pages, runs: checks.map(\.run),
            allRan: zip(programs, checks).allSatisfy { !$0.hasWork || ($1.run?.completed ?? false) },
            numbering: options.numbering, chapters: Self.chapterNumbers(documents))
        let (bibliography, bibliographyProblems) = Bibliography.load(options.bibliography)
        let citationProblems = bibliographyProblems.isEmpty ? Citations.problems(documents, bibliography: bibliography) : []
        stages.end("check")
        if let failure = await earlyMath { throw failure }
        stages.end("wait for early math")
        let math = try await BookMath.typeset(
            documents, runs: checks.map(\.run), typesetter: typesetter, plain: options.plainNumbers)
        stages.end("typeset math")
        BuildTrace.record(formulas: math.batch, programs: programs, toolchain: toolchain, threads: options.jobs)

        // Pages are typeset before the verdict: a link's anchor is checked against the typeset headings.
        let bodies = ParallelMap.map(documents.indices) { k in
            ChapterTypesetter(
                document: documents[k], run: checks[k].run, page: pages[k], formulas: math.formulas[k],
                formulaHTML: math.html, references: references, unsafe: options.unsafe, bibliography: bibliography,
                plainNumbers: options.plainNumbers
            ).typeset()
        }
        let anchors = documents.indices.map { k in
            Set(bodies[k].headingIDs).union(references.targets.values.filter { $0.page == pages[k] }.map(\.id))
        }
        stages.end("typeset pages")
        let anchorProblems = AnchorCheck.problems(links.anchors, anchors: anchors, names: documents.map(\.name))

        let coverage = documents.map(Coverage.init)
        let coverageProblems = zip(documents, coverage).flatMap { document, coverage in
            coverage.diagnostics(file: document.path, strict: options.strict, list: options.listUnchecked)
        }
        let diagnostics = Diagnostic.ordered(
            loadProblems + nameProblems + links.diagnostics + htmlWarnings + checks.flatMap(\.diagnostics) + referenceProblems
                + bibliographyProblems + citationProblems
                + math.diagnostics + anchorProblems + coverageProblems)
        let reports = finished.enumerated().map { k, done in
            var report = done.report
            report.uncheckedDisplays = coverage[k].unexplained.filter { $0.kind == .display }.count
            report.uncheckedNumbers = coverage[k].unexplained.filter { $0.kind == .number }.count
            report.errors = diagnostics.filter { $0.file == report.path && $0.severity == .error }.count
            report.isFrontPage = documents[k].isFrontPage
            return report
        }
        reports.forEach(onChapter)
        var summary = BuildSummary(chapters: reports, diagnostics: diagnostics, seconds: (clock.now - start).seconds)
        summary.notes += modeNotes
        if diagnostics.contains(where: { $0.severity == .error }) { throw BuildFailure(diagnostics, summary: summary) }
        guard options.writeSite else { return summary }

        // The search index reads the pages as typeset: their heading ids,
        // their values, their math left out. node builds it while the site
        // is assembled.
        let sections = documents.indices.flatMap { k in
            SearchSections.documents(html: bodies[k].html, page: PageNames.href(pages[k]), chapterTitle: bodies[k].title)
        }
        async let searchIndex = typesetter.searchIndex(SearchRequest(documents: sections, lunrModule: tools.lunrModuleDirectory))
        var stylesheets = SiteFiles()
        let book = BookMetadata(
            language: options.language, authors: options.authors, description: options.bookDescription,
            stylesheets: try SiteAssets.addStylesheets(options.stylesheets, to: &stylesheets))
        var site = try BookAssembler(
            documents: documents, pages: pages, bodies: bodies, checks: checks, title: options.title, book: book,
            printSolutions: options.printSolutions
        ).site()
        for (path, bytes) in stylesheets.files { site.add(path, bytes: bytes) }
        var linkedFiles: [String: String] = [:]
        for (path, file) in links.files.sorted(by: { $0.key < $1.key }) {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw SetupError("cannot read '\(ChapterLoader.displayPath(file))', which a chapter links to")
            }
            linkedFiles[file] = Checksum.of(bytes: bytes)
            site.add(path, bytes: [UInt8](bytes))
        }
        try SiteAssets.add(to: &site, katexDirectory: tools.katexDirectory)
        site.add("assets/site.js", SiteScript.source)
        stages.end("assemble")
        let index = try await searchIndex
        try SearchAssets.add(to: &site, index: index, documents: sections, lunrScript: tools.lunrBrowserScript)
        stages.end("search index")
        try writer.write(site)
        stages.end("write")
        stages.record()
        if let inputs, let stampPath, let output = try? BuildStamp.outputState(options.outputDirectory) {
            let stamp = BuildStamp(inputs: inputs.digest, linkedFiles: linkedFiles, output: output, chapters: reports, diagnostics: diagnostics)
            try? stamp.write(to: stampPath)
        }
        if let toolchain {
            cache.prune(keepingPrograms: Set(programs.filter(\.hasWork).map { cache.programKey($0, toolchain: toolchain) }))
        }
        return summary
    }

    /// Said at the end of the summary line: that chapters ran unconfined.
    var modeNotes: [String] { options.sandbox ? [] : [Sandbox.offNote] }

    /// Whether this build may skip its work when nothing changed (``BuildStamp``):
    /// a build that writes the site and uses the cache, and was not started by a watched change.
    var stampsBuild: Bool { options.writeSite && options.useCache && session.useStamp }

    /// The summary of a build that had nothing to do: the last build's
    /// chapters and warnings, replayed, every run counted as cached.
    func upToDate(_ stamp: BuildStamp, seconds: Double, onChapter: (ChapterReport) -> Void) -> BuildSummary {
        let reports = stamp.chapters.map { report in
            var replayed = report
            replayed.cached = report.hasProgram
            replayed.compiled = false
            replayed.seconds = 0
            return replayed
        }
        reports.forEach(onChapter)
        return BuildSummary(chapters: reports, diagnostics: stamp.diagnostics, seconds: seconds, notes: ["up to date"] + modeNotes)
    }

    /// Each document's chapter number, counting from 1 without the front
    /// page (`README.md`), which has none.
    static func chapterNumbers(_ documents: [ChapterDocument]) -> [Int?] {
        var position = 0
        return documents.map { document in
            guard !document.isFrontPage else { return nil }
            position += 1
            return position
        }
    }

    /// The typesetter of this build. node is the session's worker, or one
    /// kept for this build alone: the early batch starts it while the
    /// chapters compile, and the formulas with values and the search index
    /// then find KaTeX loaded (a node start and KaTeX's load cost about 70 ms
    /// each time here). Its time limit is the batch's own. A request waits
    /// for node on a thread of its own (``MathTypesetter/offThePool(_:)``):
    /// on a dispatch queue, as first written, builds side by side (the tests
    /// run many) held the threads Swift's concurrency runs on, and a test's
    /// `/bin/sh` child waited its whole time limit for its output to be read.
    /// node holds no other child's pipe (`NodeWorkerTests`).
    func mathTypesetter(_ cache: BuildCache) -> MathTypesetter {
        var typesetter = MathTypesetter(
            katexDirectory: URL(fileURLWithPath: tools.katexDirectory),
            cacheDirectory: cache.formulaDirectory.map { URL(fileURLWithPath: $0) })
        typesetter.lookupDirectories = cache.formulaLookups.map { URL(fileURLWithPath: $0) }
        typesetter.worker = session.nodeWorker ?? NodeWorker(timeout: .seconds(24 * 3600))
        typesetter.memo = session.rebuildMemo
        return typesetter
    }

    /// The cache, and the locks held for the whole build: a build locks its
    /// output folder, then its cache; a check only shares the cache (it
    /// writes its new entries to a temporary folder it deletes afterwards).
    func makeCache(writer: SiteWriter) throws -> (BuildCache, [RenderLock]) {
        let shared = options.resolvedCacheDirectory
        var locks: [RenderLock] = []
        if options.writeSite {
            let parent = (writer.output as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            locks.append(try RenderLock.acquire(
                RenderLock.path(forOutput: writer.output), what: "the output folder '\(options.outputDirectory)'",
                wait: options.waitForLock, onWait: session.onWait))
            try writer.claimFolder()
            let cache = BuildCache(writeRoot: shared, enabled: options.useCache)
            try cache.prepare()
            locks.append(try RenderLock.acquire(
                (shared as NSString).appendingPathComponent("lock"), what: "the cache '\(shared)'",
                wait: options.waitForLock, onWait: session.onWait))
            return (cache, locks)
        }
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("render-check-\(getpid())-\(UUID().uuidString)")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: shared, isDirectory: &isFolder), isFolder.boolValue {
            try BuildCache.refuseLink(shared)
            locks.append(try RenderLock.acquire(
                (shared as NSString).appendingPathComponent("lock"), what: "the cache '\(shared)'", shared: true,
                wait: options.waitForLock, onWait: session.onWait))
        }
        let cache = BuildCache(writeRoot: scratch, readRoots: [shared], enabled: options.useCache)
        try cache.prepare()
        return (cache, locks)
    }
}
