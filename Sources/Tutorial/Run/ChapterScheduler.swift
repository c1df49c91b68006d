/// Compiles and runs every chapter program, `jobs` at a time, and checks
/// each chapter as soon as its run is in.
///
/// The largest programs start first: with `jobs` compilers at work, the
/// longest compile should not be the one left running alone at the end.
struct ChapterScheduler: Sendable {
    /// The Swift toolchain, or nil when no chapter has code to run.
    var toolchain: Toolchain?
    var cache: BuildCache
    var timeout: Duration
    var jobs: Int
    /// Passed on to the checks (see `BuildOptions.strict`).
    var strict = false
    /// Time limit for each compile.
    var compileTimeout: Duration
    /// The sandbox chapter programs run in (started on first use).
    var sandboxes: LazySandbox
    /// Runs remembered between the builds of serve and watch.
    var memo: RebuildMemo? = nil

    /// One chapter after compile, run and check.
    struct Finished: Sendable {
        var check: ChapterCheck
        var report: ChapterReport
    }

    /// Runs and checks every chapter; the result is in `documents` order.
    /// - Throws: `SetupError` when the toolchain itself is unusable; any other
    ///   failure to compile or run is that chapter's diagnostic.
    func run(_ documents: [ChapterDocument], programs: [ChapterProgram]) async throws -> [Finished] {
        var finished = [Finished?](repeating: nil, count: documents.count)
        try await withThrowingTaskGroup(of: (Int, Finished).self) { group in
            let order = documents.indices.sorted { programs[$0].source.utf8.count > programs[$1].source.utf8.count }
            var next = 0
            func launch() {
                guard next < order.count else { return }
                let index = order[next]
                next += 1
                group.addTask { (index, try await runAndCheck(documents[index], programs[index])) }
            }
            for _ in 0..<max(jobs, 1) { launch() }
            while let (index, done) = try await group.next() {
                finished[index] = done
                launch()
            }
        }
        return finished.map { $0! }
    }

    private func runAndCheck(_ document: ChapterDocument, _ program: ChapterProgram) async throws -> Finished {
        let clock = ContinuousClock()
        let began = clock.now
        let outcome: ChapterExecutor.Outcome
        if let toolchain {
            do {
                outcome = try await ChapterExecutor(
                    toolchain: toolchain, cache: cache, timeout: timeout, compileTimeout: compileTimeout, sandboxes: sandboxes,
                    memo: memo
                ).execute(program)
            } catch let setup as SetupError {
                throw setup
            } catch {
                outcome = .failed("the chapter program could not be compiled or run: \(error)")
            }
        } else {
            outcome = .notNeeded
        }
        let check = ChapterChecker.check(document, program: program, outcome: outcome, strict: strict)
        var cached = false
        var compiled = false
        switch outcome {
        case .ran(_, let fromCache, let compiledNow): cached = fromCache; compiled = compiledNow
        case .compileErrors, .failed: compiled = true
        case .notNeeded: break
        }
        let report = ChapterReport(
            path: document.path, name: document.name, values: check.valueCount, claims: check.claimCount,
            derivations: check.derivationCount, errors: check.diagnostics.filter { $0.severity == .error }.count,
            seconds: (clock.now - began).seconds, cached: cached, compiled: compiled, hasProgram: program.hasWork)
        return Finished(check: check, report: report)
    }
}
