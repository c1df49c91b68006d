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
            program: .init(collector: OutputCollector(cap: 1 << 20), channel: channel, startAllowance: allowance),
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

    /// The output cap counts bytes as they come through the pipe: a child
    /// that writes 64 MiB at once is stopped once 16 MiB have come, and
    /// render received and kept no more than that (and one pipe read).
    @Test func theOutputCapCountsTheBytesReceived() async throws {
        let collector = OutputCollector(cap: 16 << 20)
        let outcome = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", "head -c 67108864 /dev/zero; exit 0"],
            program: .init(collector: collector), timeout: .seconds(60), processGroup: true)
        #expect(outcome.status == .outputCapExceeded)
        #expect(collector.exceeded)
        #expect(collector.receivedBytes <= (16 << 20) + (1 << 20), "received \(collector.receivedBytes) bytes")
        #expect(collector.standardOutput.count <= 16 << 20)
    }

    @Test func outputUnderTheCapIsKeptWholeAndErrorsByTheirEnd() async throws {
        let collector = OutputCollector(cap: 16 << 20, errorLimit: 10)
        let outcome = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", "printf 'out\\n'; printf 'first error line\\nlast line\\n' >&2; exit 3"],
            program: .init(collector: collector), timeout: .seconds(60), processGroup: true)
        #expect(outcome.status == .exited(3))
        #expect(String(decoding: collector.standardOutput, as: UTF8.self) == "out\n")
        #expect(String(decoding: collector.standardError, as: UTF8.self) == "last line\n")
    }
}
