import TutorialBase
import TutorialMarkdown

/// Compiles and runs every chapter program, `jobs` at a time.
///
/// It does not check: each chapter's outcome is a value the driver hands to
/// the checker, a layer above.
///
/// When two or more programs need a compile (a cold build), they are first
/// compiled together (`MergedCompile`), and each chapter then runs alone from
/// the shared binary; a chapter the merged compile could not take compiles
/// alone, as in a warm build.
///
/// The largest programs start first: with `jobs` compilers at work, the
/// longest compile should not be the one left running alone at the end.
package struct ChapterScheduler: Sendable {
    /// The Swift toolchain, or nil when no chapter has code to run.
    package var toolchain: Toolchain?
    package var cache: BuildCache
    package var timeout: Duration
    package var jobs: Int
    /// Time limit for each compile.
    package var compileTimeout: Duration
    /// The sandbox chapter programs run in (started on first use).
    package var sandboxes: LazySandbox
    /// Runs remembered between the builds of serve and watch.
    package var memo: (any RunMemo)? = nil
    /// Whether a cold build compiles its chapters together (`MergedCompile`).
    /// On by default; `TUTORIAL_COMPILE=per-chapter` turns it off, to compare.
    package var mergeCompiles = true

    /// Runs every chapter; the result is in `documents` order.
    /// - Throws: `SetupError` when the toolchain itself is unusable; any other
    ///   failure to compile or run is that chapter's outcome.
    package func run(_ documents: [ChapterDocument], programs: [ChapterProgram]) async throws -> [ChapterExecution] {
        var finished = [ChapterExecution?](repeating: nil, count: documents.count)
        let together = try await compileTogether(programs)
        try await withThrowingTaskGroup(of: (Int, ChapterExecution).self) { group in
            let order = documents.indices.sorted { programs[$0].source.utf8.count > programs[$1].source.utf8.count }
            var next = 0
            func launch() {
                guard next < order.count else { return }
                let index = order[next]
                next += 1
                group.addTask { (index, try await execute(programs[index], together: together)) }
            }
            for _ in 0..<max(jobs, 1) { launch() }
            while let (index, done) = try await group.next() {
                finished[index] = done
                launch()
            }
        }
        return finished.map { $0! }
    }

    /// The merged compile of the programs that need a binary, when there
    /// are two or more. - Returns: the keys it compiled.
    private func compileTogether(_ programs: [ChapterProgram]) async throws -> Set<String> {
        guard mergeCompiles, let toolchain else { return [] }
        let pending = programs.filter { program in
            guard program.hasWork else { return false }
            let key = cache.programKey(program, toolchain: toolchain)
            let variant = BuildCache.runVariant(seeds: program.seeds)
            if cache.enabled, memo?.run(key: key, variant: variant) != nil { return false }
            return cache.storedRun(key: key, variant: variant) == nil && !cache.hasBinary(key: key)
        }
        guard pending.count >= 2 else { return [] }
        let sandbox = try await sandboxes.get()
        do {
            return try await MergedCompile(toolchain: toolchain, sandbox: sandbox, cache: cache, timeout: compileTimeout, threads: jobs)
                .compile(pending)
        } catch let setup as SetupError {
            throw setup
        } catch {
            return []  // a cache folder it could not write, say: each chapter then compiles alone, and meets the problem there
        }
    }

    private func execute(_ program: ChapterProgram, together: Set<String>) async throws -> ChapterExecution {
        let clock = ContinuousClock()
        let began = clock.now
        let outcome: ChapterExecutor.Outcome
        if let toolchain {
            do {
                outcome = try await ChapterExecutor(
                    toolchain: toolchain, cache: cache, timeout: timeout, compileTimeout: compileTimeout, sandboxes: sandboxes,
                    memo: memo
                ).execute(program, compiledTogether: together.contains(cache.programKey(program, toolchain: toolchain)))
            } catch let setup as SetupError {
                throw setup
            } catch {
                outcome = .failed("the chapter program could not be compiled or run: \(error)")
            }
        } else {
            outcome = .notNeeded
        }
        return ChapterExecution(outcome: outcome, seconds: (clock.now - began).seconds)
    }

    /// The memberwise initializer, for the driver a layer above.
    package init(toolchain: Toolchain?, cache: BuildCache, timeout: Duration, jobs: Int, compileTimeout: Duration, sandboxes: LazySandbox, memo: (any RunMemo)? = nil,
                 mergeCompiles: Bool = true) {
        self.toolchain = toolchain
        self.cache = cache
        self.timeout = timeout
        self.jobs = jobs
        self.compileTimeout = compileTimeout
        self.sandboxes = sandboxes
        self.memo = memo
        self.mergeCompiles = mergeCompiles
    }
}
