import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Chapter programs are built by the driver's own jobs, learned once from `swiftc -###`.
@Suite struct CompilePlanTests {
    /// What `swiftc -###` printed for a chapter program, shortened.
    static let driverPlan = """
        /opt/swift/usr/bin/swift-frontend -frontend -c -primary-file /render-compile-plan/main.swift -target x86_64-unknown-linux-gnu -I '/books/my notes/Modules' -Onone -module-name Chapter -o /tmp/TemporaryDirectory.Q5LkdB/main-1.o
        /opt/swift/usr/bin/swift-autolink-extract /tmp/TemporaryDirectory.Q5LkdB/main-1.o -o /tmp/TemporaryDirectory.Q5LkdB/Chapter-1.autolink
        /opt/swift/usr/bin/clang -fuse-ld=lld -pie /tmp/TemporaryDirectory.Q5LkdB/main-1.o @/tmp/TemporaryDirectory.Q5LkdB/Chapter-1.autolink -L /opt/swift/usr/lib/swift/linux -lswiftCore -Xlinker -rpath -Xlinker '/books/it'\\''s/lib' -o /render-compile-plan/program

        """

    @Test func theDriversTemporaryFilesMoveIntoTheProgramsFolder() throws {
        let plan = try #require(CompilePlan.parse(Self.driverPlan))
        #expect(plan.jobs.count == 3)
        #expect(plan.jobs[0].suffix(2) == ["-o", "/render-compile-plan/program.o"])
        #expect(plan.jobs[1] == ["/opt/swift/usr/bin/swift-autolink-extract", "/render-compile-plan/program.o",
                                 "-o", "/render-compile-plan/program.autolink"])
        #expect(plan.jobs[2].contains("@/render-compile-plan/program.autolink"))
        #expect(plan.jobs[0].contains("/books/my notes/Modules"))
        #expect(plan.jobs[2].contains("/books/it's/lib"))
        #expect(!plan.jobs.joined().contains { $0.contains("TemporaryDirectory") })
    }

    /// The script, run by /bin/sh, gives each job exactly its words, whatever the
    /// program's folder is called. (The child's time-out is generous: at the start of
    /// a full test run hundreds of tests share two threads, and printf's output waited
    /// 16 s for its turn on this machine.)
    @Test(.timeLimit(.minutes(3)))
    func theShellGetsEveryWordAsItIs() async throws {
        let folder = "/cache/a b/it's $HOME `x`\nz"
        let plan = CompilePlan(jobs: [
            ["/usr/bin/printf", "%s|", CompilePlan.placeholder + "/main.swift", "@" + CompilePlan.placeholder + "/program.autolink",
             "/render-compile-planner/kept", "a b", "$HOME", "'q'"],
        ])
        let ran = try await ChildProcess.run("/bin/sh", arguments: ["-c", plan.script(directory: folder)], timeout: .seconds(120))
        #expect(ran.standardOutput == "\(folder)/main.swift|@\(folder)/program.autolink|/render-compile-planner/kept|a b|$HOME|'q'|")
    }

    @Test func theScriptNamesTheProgramsFolderAndQuotesEveryWord() throws {
        let plan = try #require(CompilePlan.parse(Self.driverPlan))
        let folder = "/cache/programs/ab cd's"
        let lines = plan.script(directory: folder).split(separator: "\n").map(String.init)
        #expect(lines.first == "set -e")
        let words = lines.dropFirst().map(ShellWords.split)
        #expect(words == plan.jobs.map { $0.map { $0.replacingOccurrences(of: CompilePlan.placeholder, with: folder) } })
        #expect(words[0].contains("\(folder)/main.swift"))
        #expect(words[2].suffix(2) == ["-o", "\(folder)/program"])
    }

    @Test(arguments: [
        // one job too few
        String(driverPlan.split(separator: "\n").prefix(2).joined(separator: "\n")),
        // a temporary file the plan cannot place
        driverPlan.replacingOccurrences(of: "-module-name Chapter", with: "-emit-dependencies-path /tmp/TemporaryDirectory.Q5LkdB/main.d"),
        // the link does not write the program
        driverPlan.replacingOccurrences(of: "-o /render-compile-plan/program\n", with: "-o /elsewhere\n"),
    ])
    func aPlanOfAnotherShapeIsNotUsed(_ text: String) {
        #expect(CompilePlan.parse(text) == nil)
    }

    @Test func shellWordsReadWhatTheDriverQuotes() {
        #expect(ShellWords.split(#"a 'b c' "d \"e\" \$f" g\ h 'i'\''j'"#) == ["a", "b c", #"d "e" $f"#, "g h", "i'j"])
        #expect(ShellWords.split("  ") == [])
        #expect(ShellWords.split("''") == [""])
    }

    /// The plan of this machine's swiftc builds a program that runs.
    @Test(.timeLimit(.minutes(2)))
    func theToolchainsPlanBuildsAProgram() async throws {
        let toolchain = try Toolchain.locate()
        let folder = FileManager.default.temporaryDirectory.path + "/compile-plan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let placeholder = CompilePlan.placeholder
        let plan = try #require(await CompilePlan.plan(
            swiftc: toolchain.swiftc, identity: toolchain.identity, arguments: toolchain.compileArguments(main: placeholder + "/main.swift", output: placeholder + "/program")))
        try "print(6 * 7)\n".write(toFile: folder + "/main.swift", atomically: true, encoding: .utf8)
        let built = try await ChildProcess.run("/bin/sh", arguments: ["-c", plan.script(directory: folder)], timeout: .seconds(120))
        #expect(built.status == .exited(0), "\(built.standardError)")
        let ran = try await ChildProcess.run(folder + "/program", arguments: [], timeout: .seconds(90))
        #expect(ran.standardOutput == "42\n")
    }

    /// A chapter program compiled by `ProgramCompiler` with the given plan.
    func compile(_ source: String, plan: CompilePlan?) async throws -> (diagnostics: [Diagnostic], output: String?) {
        let folder = FileManager.default.temporaryDirectory.path + "/compile-plan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var compiler = ProgramCompiler(
            toolchain: try Toolchain.locate(), sandbox: Sandbox(bubblewrap: nil, memoryLimit: 1 << 30), timeout: .seconds(120),
            home: folder + "/home")
        compiler.plan = { _ in plan }
        let program = ChapterProgram(
            chapterPath: "chapters/01-a.md", chapterName: "01-a", source: source, cacheText: source, chunkLines: [],
            hasWork: true, items: [], seeds: [])
        let diagnostics = try await compiler.compile(program, in: folder)
        guard diagnostics.isEmpty else { return (diagnostics, nil) }
        return ([], try await ChildProcess.run(folder + "/program", arguments: [], timeout: .seconds(90)).standardOutput)
    }

    /// Jobs that fail without naming a source file (here, a linker that is not
    /// there) hand the program to swiftc, which builds it.
    @Test(.timeLimit(.minutes(2)))
    func jobsThatFailWithoutASourceErrorFallBackToSwiftc() async throws {
        let broken = CompilePlan(jobs: [["/bin/sh", "-c", "echo 'clang: error: unable to execute command: ld' >&2; exit 1"]])
        let result = try await compile("print(6 * 7)\n", plan: broken)
        #expect(result.diagnostics.isEmpty)
        #expect(result.output == "42\n")
    }

    /// An error in the chapter is the verdict: swiftc is not asked again (it
    /// would have built this program, which is correct Swift).
    @Test(.timeLimit(.minutes(2)))
    func anErrorInASourceFileIsNotRetried() async throws {
        let failing = CompilePlan(jobs: [["/bin/sh", "-c", "echo 'chapters/01-a.md:3:5: error: the planned compile says no' >&2; exit 1"]])
        let result = try await compile("print(6 * 7)\n", plan: failing)
        #expect(result.diagnostics.map(\.message) == ["the planned compile says no"])
        #expect(result.diagnostics.first?.line == 3)
    }
}
