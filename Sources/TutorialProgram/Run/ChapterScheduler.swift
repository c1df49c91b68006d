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
    /// Compiled programs run at once (at least `jobs`).
    package var runJobs: Int
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
    ///
    /// `jobs` slots, filled in this order: every compile, costliest first
    /// (``MergedCompile/cost(bytes:)``) — a merged group's, or the compile
    /// and run of a chapter that compiles alone; then the runs of each
    /// group's chapters, as soon as its binary is in; then the chapters whose
    /// binary is cached, largest program first. Compiles before runs, longest
    /// first, is the longest-processing-time rule: the short runs fill the
    /// cores at the end, and no long compile starts late. (Runs first left
    /// this book's largest solo chapter to compile alone after every other
    /// chapter had run: 1.5× its per-chapter floor.)
    ///
    /// At most `jobs` compiles run at once, and at most `runJobs` tasks
    /// (``BuildOptions/resolvedRunJobs``: by default twice `jobs`): a run of a compiled program spends
    /// most of its time starting (the sandbox, the cgroups, loading the
    /// program), not on a core, so runs take the slots compiles leave and more.
    /// (The runs alone of the 30-chapter synthetic book: 0.70–0.77 s two at a
    /// time, 0.65–0.66 s four.)
    package func run(_ documents: [ChapterDocument], programs: [ChapterProgram]) async throws -> [ChapterExecution] {
        var finished = [ChapterExecution?](repeating: nil, count: documents.count)
        let (groups, pending) = pendingCompiles(programs)
        let grouped = Set(groups.joined())
        enum Work { case compile([Int]), execute(Int, together: Bool) }
        enum Done { case compiled([Int], Set<String>), executed(Int, ChapterExecution) }
        func bytes(_ k: Int) -> Int { programs[k].source.utf8.count }
        let alone = pending.filter { !grouped.contains($0) }
        let compilesAlone = Set(alone)  // each holds a compile slot while it compiles and runs
        var compiles = (groups.map { (Work.compile($0), MergedCompile.cost(bytes: $0.map(bytes).reduce(0, +))) }
            + alone.map { (Work.execute($0, together: false), MergedCompile.cost(bytes: bytes($0))) })
            .sorted { $0.1 > $1.1 }.map(\.0)
        var ready: [Int] = []  // members of compiled groups
        let compiling = Set(pending)
        var rest = documents.indices.filter { !compiling.contains($0) }.sorted { bytes($0) > bytes($1) }
        var together = Set<Int>()
        let merged = groups.isEmpty ? nil : try await mergedCompile()
        let compileSlots = max(jobs, 1), slotCount = max(runJobs, compileSlots)
        var compilesRunning = 0, running = 0
        try await withThrowingTaskGroup(of: Done.self) { slots in
            func next() -> Work? {
                guard running < slotCount else { return nil }
                if !compiles.isEmpty {
                    guard compilesRunning < compileSlots else { return runs() }
                    compilesRunning += 1
                    return compiles.removeFirst()
                }
                return runs()
            }
            func runs() -> Work? {
                if !ready.isEmpty { let k = ready.removeFirst(); return .execute(k, together: together.contains(k)) }
                if !rest.isEmpty { return .execute(rest.removeFirst(), together: false) }
                return nil
            }
            /// Starts one piece of work; false when none may start now.
            func launch() -> Bool {
                let work = next()
                if work != nil { running += 1 }
                switch work {
                case .compile(let members)?:
                    slots.addTask {
                        do {
                            return .compiled(members, try await merged?.compileGroup(members.map { programs[$0] }) ?? [])
                        } catch let setup as SetupError {
                            throw setup
                        } catch {
                            return .compiled(members, [])  // a cache folder it could not write, say: each chapter then compiles alone, and meets the problem there
                        }
                    }
                case .execute(let k, let shared)?:
                    slots.addTask { .executed(k, try await execute(programs[k], compiledTogether: shared)) }
                case nil:
                    return false
                }
                return true
            }
            while launch() {}
            while let done = try await slots.next() {
                running -= 1
                switch done {
                case .compiled(let members, let keys):
                    compilesRunning -= 1
                    for k in members where keys.contains(cache.programKey(programs[k], toolchain: toolchain!)) { together.insert(k) }
                    ready += members
                case .executed(let k, let execution):
                    if compilesAlone.contains(k) { compilesRunning -= 1 }
                    finished[k] = execution
                }
                while launch() {}
            }
        }
        return finished.map { $0! }
    }

    /// The programs (positions) that need a compile, and among them the
    /// groups to compile together: when there are two or more, grouped by
    /// `MergedCompile` (none when merging is off).
    private func pendingCompiles(_ programs: [ChapterProgram]) -> (groups: [[Int]], pending: [Int]) {
        guard let toolchain else { return ([], []) }
        let pending = programs.indices.filter { k in
            let program = programs[k]
            guard program.hasWork else { return false }
            let key = cache.programKey(program, toolchain: toolchain)
            let variant = BuildCache.runVariant(seeds: program.seeds)
            if cache.enabled, memo?.run(key: key, variant: variant) != nil { return false }
            return cache.storedRun(key: key, variant: variant) == nil && !cache.hasBinary(key: key)
        }
        guard mergeCompiles, pending.count >= 2 else { return ([], pending) }
        let groups = MergedCompile.groups(pending.map { programs[$0] }, threads: jobs).map { group in group.map { pending[$0] } }
        return (groups, pending)
    }

    /// The merged compile, when there is a toolchain (its sandbox started).
    private func mergedCompile() async throws -> MergedCompile? {
        guard mergeCompiles, let toolchain else { return nil }
        return MergedCompile(toolchain: toolchain, sandbox: try await sandboxes.get(), cache: cache, timeout: compileTimeout, threads: jobs)
    }

    private func execute(_ program: ChapterProgram, compiledTogether: Bool) async throws -> ChapterExecution {
        let clock = ContinuousClock()
        let began = clock.now
        let outcome: ChapterExecutor.Outcome
        if let toolchain {
            do {
                outcome = try await ChapterExecutor(
                    toolchain: toolchain, cache: cache, timeout: timeout, compileTimeout: compileTimeout, sandboxes: sandboxes,
                    memo: memo
                ).execute(program, compiledTogether: compiledTogether)
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
    package init(toolchain: Toolchain?, cache: BuildCache, timeout: Duration, jobs: Int, runJobs: Int, compileTimeout: Duration,
                 sandboxes: LazySandbox, memo: (any RunMemo)? = nil, mergeCompiles: Bool = true) {
        self.toolchain = toolchain
        self.cache = cache
        self.timeout = timeout
        self.jobs = jobs
        self.runJobs = runJobs
        self.compileTimeout = compileTimeout
        self.sandboxes = sandboxes
        self.memo = memo
        self.mergeCompiles = mergeCompiles
    }
}
