import Foundation
import Testing
@testable import Tutorial

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
    @Test func theToolchainsPlanBuildsAProgram() async throws {
        let toolchain = try Toolchain.locate()
        let folder = FileManager.default.temporaryDirectory.path + "/compile-plan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let placeholder = CompilePlan.placeholder
        let plan = try #require(await CompilePlan.plan(
            swiftc: toolchain.swiftc, arguments: toolchain.compileArguments(main: placeholder + "/main.swift", output: placeholder + "/program")))
        try "print(6 * 7)\n".write(toFile: folder + "/main.swift", atomically: true, encoding: .utf8)
        let built = try await ChildProcess.run("/bin/sh", arguments: ["-c", plan.script(directory: folder)], timeout: .seconds(120))
        #expect(built.status == .exited(0), "\(built.standardError)")
        let ran = try await ChildProcess.run(folder + "/program", arguments: [], timeout: .seconds(30))
        #expect(ran.standardOutput == "42\n")
    }
}
