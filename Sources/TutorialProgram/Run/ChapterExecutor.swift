import Foundation
import TutorialBase
import TutorialMarkdown

/// Compile and run, with the cache in front: turns a chapter program into
/// either compiler diagnostics or a run.
package struct ChapterExecutor: Sendable {
    package enum Outcome: Sendable {
        case notNeeded
        case compileErrors([Diagnostic])
        /// `cached`: the run itself came from the cache; `compiled`: swiftc ran for it.
        case ran(RawRun, cached: Bool, compiled: Bool)
        /// The program could not be compiled or run at all (swiftc missing, disk full…).
        case failed(String)
    }

    package var toolchain: Toolchain
    package var cache: BuildCache
    package var timeout: Duration
    package var compileTimeout: Duration
    package var sandboxes: LazySandbox
    /// Runs remembered between the builds of serve and watch.
    package var memo: (any RunMemo)? = nil

    /// Compiles the program unless its binary is cached, and runs it unless
    /// a run with the same seeds is cached.
    ///
    /// A binary is reused across edits that only move code (the key ignores
    /// line information); if such a reused binary fails, it is compiled again
    /// from the current source and rerun, so the failure's message names the
    /// current lines.
    ///
    /// - Parameter compiledTogether: the merged compile of this build put
    ///   the program's binary in the cache (`MergedCompile`).
    package func execute(_ program: ChapterProgram, compiledTogether: Bool = false) async throws -> Outcome {
        guard program.hasWork else { return .notNeeded }
        let key = cache.programKey(program, toolchain: toolchain)
        let variant = BuildCache.runVariant(seeds: program.seeds)
        if cache.enabled, let run = memo?.run(key: key, variant: variant) { return .ran(run, cached: true, compiled: false) }
        if let run = cache.storedRun(key: key, variant: variant) {
            memo?.remember(run, key: key, variant: variant)
            return .ran(run, cached: true, compiled: false)
        }
        let sandbox = try await sandboxes.get()
        let directory = try cache.workDirectory(key: key)
        let binary = (directory as NSString).appendingPathComponent("program")
        let source = (directory as NSString).appendingPathComponent("main.swift")
        let compiler = ProgramCompiler(toolchain: toolchain, sandbox: sandbox, timeout: compileTimeout, home: cache.compilerHome)
        let runner = ProgramRunner(timeout: timeout, sandbox: sandbox, libraries: toolchain.runtimeLibraries)

        var compiled = compiledTogether
        if !compiledTogether && !cache.hasBinary(key: key) {
            let errors = try await compiler.compile(program, in: directory)
            if !errors.isEmpty { return .compileErrors(errors) }
            try cache.markBinary(key: key)
            compiled = true
        }
        var run = try await runner.run(binary: binary, seeds: program.seeds, in: directory, entry: key)
        let succeeded = ChapterRun.reachedEnd(run)
        let sameSource = (try? String(contentsOfFile: source, encoding: .utf8)) == program.source
        if !succeeded && !compiled && !sameSource {
            let errors = try await compiler.compile(program, in: directory)
            if !errors.isEmpty { return .compileErrors(errors) }
            compiled = true
            run = try await runner.run(binary: binary, seeds: program.seeds, in: directory, entry: key)
        }
        try cache.store(run, key: key, variant: variant)
        if ChapterRun.reachedEnd(run) { memo?.remember(run, key: key, variant: variant) }
        return .ran(run, cached: false, compiled: compiled)
    }
}
