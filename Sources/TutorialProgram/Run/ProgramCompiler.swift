import Foundation
import TutorialBase
import TutorialMarkdown

/// Compile: runs `swiftc` on a chapter program and turns its errors into
/// chapter diagnostics.
///
/// Thanks to the tangler's `#sourceLocation` lines, swiftc already names the
/// chapter file and line; an error that points into the engine's own
/// scaffolding is reported at the nearest chapter line before it.
struct ProgramCompiler: Sendable {
    package var toolchain: Toolchain
    package var sandbox: Sandbox
    /// How long one compile may take (`--compile-timeout`).
    package var timeout: Duration
    /// The compiler's `HOME`, which holds its module cache: the one folder
    /// besides the program's own that a compile may write (``BuildCache/compilerHome``).
    package var home: String
    /// The jobs that build a program (nil: call swiftc). Tests give their own.
    var plan: @Sendable (Toolchain) async -> CompilePlan? = { toolchain in
        let placeholder = CompilePlan.placeholder
        return await CompilePlan.plan(
            swiftc: toolchain.swiftc, identity: toolchain.identity,
            arguments: toolchain.compileArguments(main: placeholder + "/main.swift", output: placeholder + "/program"))
    }

    /// Compiles `program` into `directory/program`. Returns the diagnostics
    /// (empty on success).
    ///
    /// The compile runs the driver's jobs directly (`CompilePlan`). When they
    /// fail without an error in a source file — a plan the toolchain no longer
    /// accepts, say, but also a link error of the chapter's own, which has no
    /// file — swiftc compiles the program again, within what is left of the
    /// time limit, and its verdict stands. An error in a source file, a time-out
    /// or a killed compile is the verdict as it is.
    package func compile(_ program: ChapterProgram, in directory: String) async throws -> [Diagnostic] {
        let main = (directory as NSString).appendingPathComponent("main.swift")
        let binary = (directory as NSString).appendingPathComponent("program")
        try CacheFile.write(program.source, to: main)
        // The binary may be a merged compile's, linked into several chapters' folders: never written through.
        unlink(binary)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let clock = ContinuousClock(), start = clock.now
        let outcome: ChildProcess.Outcome
        if let planned = try await runPlanned(in: directory) {
            outcome = planned
        } else {
            let left = timeout - (clock.now - start)
            guard left > .zero else { return [Self.timeOut(program, timeout)] }
            let command = sandbox.compileCommand(swiftc: toolchain.swiftc, arguments: toolchain.compileArguments(main: main, output: binary),
                                                 toolchain: toolchain, output: directory, home: home)
            outcome = try await ChildProcess.run(command.executable, arguments: command.arguments, timeout: left, processGroup: true)
        }
        if case .exited(0) = outcome.status { return [] }
        if case .timedOut = outcome.status { return [Self.timeOut(program, timeout)] }
        let output = outcome.standardError + outcome.standardOutput
        if Self.ranOutOfMemory(output) { return [Self.outOfMemory(program, sandbox.compileMemoryLimit)] }
        for sign in ["linker command failed", "unable to execute command", "posix_spawn failed", "error opening input file"]
        where output.contains(sign) && !output.contains(program.chapterPath + ":") {
            throw SetupError("the Swift toolchain could not build a chapter program: \(output.split(separator: "\n").first ?? "")",
                             fix: "check the toolchain: swiftc and the system linker (ld, from binutils) must be on PATH")
        }
        if let module = Self.missingRuntimeModule(in: output) {
            throw SetupError("swiftc cannot find the chapter runtime's module \(module) in \(toolchain.modulesDirectory): every chapter program imports it",
                             fix: "run `swift build` (or `make build`) in the project folder, then run render from .build/debug/render")
        }
        let diagnostics = Self.diagnostics(from: outcome.standardError + outcome.standardOutput, chapter: program.chapterPath,
                                           lineMap: Self.chapterLines(of: program.source))
        if diagnostics.isEmpty {
            let text = (outcome.standardError + outcome.standardOutput).trimmingCharacters(in: .whitespacesAndNewlines)
            return [Diagnostic(file: program.chapterPath, line: 1, "the chapter program did not compile: \(text)")]
        }
        return diagnostics
    }

    /// The outcome of the planned jobs, or nil when there is no plan or they
    /// failed without an error in a source file (see `compile`).
    func runPlanned(in directory: String) async throws -> ChildProcess.Outcome? {
        guard let plan = await plan(toolchain) else { return nil }
        let command = sandbox.compileCommand(script: plan.script(directory: directory), toolchain: toolchain, output: directory, home: home)
        let outcome = try await ChildProcess.run(command.executable, arguments: command.arguments, timeout: timeout, processGroup: true)
        for file in ["program.o", "program.autolink"] { unlink((directory as NSString).appendingPathComponent(file)) }
        if case .exited(let code) = outcome.status, code != 0, !Self.ranOutOfMemory(outcome.standardError + outcome.standardOutput),
           !CompilerMessage.errors(in: outcome.standardError + outcome.standardOutput).contains(where: { $0.file != nil }) {
            return nil
        }
        return outcome
    }

    static func timeOut(_ program: ChapterProgram, _ limit: Duration) -> Diagnostic {
        Diagnostic(file: program.chapterPath, line: 1,
                   "the chapter program did not compile within the time limit of \(ChapterRun.seconds(limit.seconds)) (change it with --compile-timeout)")
    }

    /// Whether the compiler stopped for want of memory: under `--compile-memory`
    /// an allocation fails, and LLVM says so before it aborts.
    static func ranOutOfMemory(_ output: String) -> Bool {
        ProgramRunner.ranOutOfMemory(output) || output.contains("Allocation failed") || output.contains("bad_alloc")
            || output.contains("Cannot allocate memory")
    }

    /// The error at a chapter whose compile ran out of memory.
    static func outOfMemory(_ program: ChapterProgram, _ limit: Int) -> Diagnostic {
        Diagnostic(file: program.chapterPath, line: 1,
                   "the compiler ran out of memory on this chapter's program (each compiler process may use \(limit >> 20) MiB): split long expressions or large literals into smaller steps, or raise the limit with --compile-memory")
    }

    /// The runtime module swiftc says it cannot find, if any: render puts the
    /// runtime's modules (``Toolchain/runtimeTargets``) in every program's
    /// imports, so a missing one is a broken installation, not the chapter's fault.
    static func missingRuntimeModule(in output: String) -> String? {
        Toolchain.runtimeTargets.first { output.contains("no such module '\($0)'") }
    }

    /// For each line of the program (1-based; index 0 unused), the chapter
    /// line it came from, or nil for the engine's scaffolding.
    static func chapterLines(of source: String) -> [Int?] {
        var map: [Int?] = [nil]
        var next: Int?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#sourceLocation(file:"), let number = line.split(separator: ":").last
                .flatMap({ Int($0.trimmingCharacters(in: CharacterSet(charactersIn: " )"))) }) {
                map.append(nil)
                next = number
            } else if line.hasPrefix("#sourceLocation()") {
                map.append(nil)
                next = nil
            } else {
                map.append(next)
                next = next.map { $0 + 1 }
            }
        }
        return map
    }

    /// Reads `FILE:LINE:COL: error: MESSAGE` lines from swiftc's output. An
    /// error in the engine's scaffolding (usually an unbalanced brace or quote
    /// in a block) is reported at the nearest chapter line before it.
    package static func diagnostics(from output: String, chapter: String, lineMap: [Int?] = []) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for error in CompilerMessage.errors(in: output) {
            let message = error.message, row = error.line, column = error.column
            if let file = error.file {
                if file == chapter || file.hasSuffix("/" + chapter) {
                    found.append(Diagnostic(file: chapter, line: row, column: column, message))
                } else {
                    let near = (1...max(min(row, lineMap.count - 1), 1)).reversed().lazy.compactMap { lineMap.indices.contains($0) ? lineMap[$0] : nil }.first
                    found.append(Diagnostic(file: chapter, line: near ?? 1,
                        "\(message) (in the code render wraps around the chapter's, after this line: check that the braces, brackets and quotes of this block or value are balanced)"))
                }
            } else {
                found.append(Diagnostic(file: chapter, line: 1, message))
            }
        }
        // A time-out beside a real error is the real error's echo (the solver gave up on
        // an expression that could not type-check anyway): only the real error is reported.
        let timedOut = found.filter { $0.message.contains(Self.timeOutSign) }
        if timedOut.count < found.count { found.removeAll { $0.message.contains(Self.timeOutSign) } }
        found = found.map { diagnostic in
            guard diagnostic.message.contains(Self.timeOutSign) else { return diagnostic }
            var hinted = diagnostic
            hinted.message += " (annotate the types, as in `let x: Double = …`, or split the expression into smaller steps)"
            return hinted
        }
        var seen = Set<Diagnostic>()
        return found.filter { seen.insert($0).inserted }
    }

    /// How swiftc says the type checker gave up on an expression.
    static let timeOutSign = "unable to type-check this expression in reasonable time"
}
