import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A chapter program's time limit is for its code: it counts from the
/// program's first channel record, so a start slowed by a busy machine does
/// not eat it.
@Suite(.timeLimit(.minutes(5))) struct ChildProcessTests {
    /// A program that takes `delay` seconds to start, writes its start
    /// record, and then never ends.
    func run(startingAfter delay: String, allowance: Duration?) async throws -> (ChildProcess.Status, String) {
        let directory = try RenderProcess.temporaryDirectory("child")
        let channel = directory + "/channel.jsonl"
        FileManager.default.createFile(atPath: channel, contents: nil)
        let outcome = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", "sleep \(delay); echo started > \"$1\"; exec sleep 600", "sh", channel],
            files: .init(standardOutput: directory + "/out", standardError: directory + "/err", cap: 1 << 20,
                         channel: channel, startAllowance: allowance),
            timeout: .milliseconds(300), processGroup: true)
        return (outcome.status, try String(contentsOfFile: channel, encoding: .utf8))
    }

    @Test func theLimitCountsFromTheProgramsStartNotItsLaunch() async throws {
        let (status, channel) = try await run(startingAfter: "1", allowance: .seconds(30))
        #expect(status == .timedOut)
        #expect(channel == "started\n", "the program was stopped before it started")
    }

    @Test func withoutAnAllowanceTheLimitCountsFromTheLaunch() async throws {
        let (status, channel) = try await run(startingAfter: "600", allowance: nil)
        #expect(status == .timedOut)
        #expect(channel.isEmpty, "the program ran past its limit")
    }
}
