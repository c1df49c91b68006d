import Foundation

/// Compile and run, with the cache in front: turns a chapter program into
/// either compiler diagnostics or a run.
struct ChapterExecutor: Sendable {
    enum Outcome: Sendable {
        case notNeeded
        case compileErrors([Diagnostic])
        case ran(RawRun, cached: Bool)
    }

    var toolchain: Toolchain
    var cache: BuildCache
    var timeout: Duration

    func execute(_ program: ChapterProgram) async throws -> Outcome {
        guard program.hasWork else { return .notNeeded }
        let key = cache.programKey(program, toolchain: toolchain)
        if let run = cache.storedRun(key: key) { return .ran(run, cached: true) }
        let directory = try cache.workDirectory(key: key)
        let errors = try await ProgramCompiler(toolchain: toolchain).compile(program, in: directory)
        if !errors.isEmpty { return .compileErrors(errors) }
        let binary = (directory as NSString).appendingPathComponent("program")
        let run = try await ProgramRunner(timeout: timeout).run(binary: binary, in: directory)
        try cache.store(run, key: key)
        return .ran(run, cached: false)
    }
}
