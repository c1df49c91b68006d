import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The node that serve and watch keep running answers exactly as a node
/// started for one batch would, stays up between builds, and a worker that
/// dies costs only a slower build.
@Suite(.timeLimit(.minutes(2))) struct NodeWorkerTests {
    let formulas = [
        Formula(tex: #"\frac{e^{z_i}}{\sum_j e^{z_j}}"#, display: false),
        Formula(tex: #"\frac{"#, display: true),
        Formula(tex: "L ≈ −0.4644", display: true),
    ]
    let search = SearchRequest(
        documents: [
            SearchDocument(url: "a.html#x", title: "Softmax", chapter: "A", text: "the softmax turns logits into probabilities"),
            SearchDocument(url: "b.html#y", title: "Gradient", chapter: "B", text: "the gradient is q minus the one-hot label"),
        ],
        lunrModule: InstalledTools().lunrModuleDirectory)

    func typesetter(_ worker: NodeWorker?) -> MathTypesetter {
        var typesetter = MathTypesetter(cacheDirectory: nil)
        typesetter.worker = worker
        return typesetter
    }

    @Test func theWorkerAnswersWhatABatchOfItsOwnAnswers() async throws {
        let worker = NodeWorker()
        defer { worker.stop() }
        let once = try await typesetter(nil).typeset(formulas)
        let kept = try await typesetter(worker).typeset(formulas)
        #expect(kept == once)
        #expect(kept[1].failureMessage != nil)
        #expect(try await typesetter(worker).searchIndex(search) == (try await typesetter(nil).searchIndex(search)))
        #expect(worker.processIdentifier != nil)
    }

    @Test func oneNodeServesBuildAfterBuild() async throws {
        let worker = NodeWorker()
        defer { worker.stop() }
        _ = try await typesetter(worker).typeset(formulas)
        let first = try #require(worker.processIdentifier)
        let index = try await typesetter(worker).searchIndex(search)
        #expect(index.contains("\"softmax\""))
        let again = try await typesetter(worker).typeset([Formula(tex: "x^2", display: false)])
        #expect(again[0].html?.contains("<msup>") == true)
        #expect(worker.processIdentifier == first)
    }

    /// node exiting in the middle of a request (here: it cannot parse it) is
    /// seen at once, from the end of its output, not after the time limit.
    @Test func aNodeThatDiesMidRequestFailsAtOnce() throws {
        let worker = NodeWorker(timeout: .seconds(60))
        defer { worker.stop() }
        let node = try #require(ChildProcess.find(["node", "nodejs"]))
        let katex = MathTypesetter(cacheDirectory: nil).katexScript.path
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: MathTypesetterError.self) { try worker.answer("not JSON", node: node, katex: katex) }
        #expect(clock.now - started < .seconds(20), "the failure waited for the time limit")
        #expect(worker.processIdentifier == nil)
        let line = try worker.answer(#"[{"tex":"x","display":false}]"#, node: node, katex: katex)
        #expect(line.contains("katex"))
    }

    /// The kept node holds no descriptor of render's but its own two pipes:
    /// a pipe render opened without close-on-exec (as another library's
    /// spawn leaves one for a moment) is not among node's descriptors, and it
    /// ends as soon as render closes its write end. Were node to hold it, a
    /// compile whose output is read to its end would wait for node to exit.
    @Test func theKeptNodeHoldsNoOtherPipeOpen() throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let worker = NodeWorker()
        defer { worker.stop() }
        let node = try #require(ChildProcess.find(["node", "nodejs"]))
        let katex = MathTypesetter(cacheDirectory: nil).katexScript.path
        _ = try worker.answer(#"[{"tex":"x","display":false}]"#, node: node, katex: katex)
        let pid = try #require(worker.processIdentifier)
        var info = stat()
        try #require(fstat(ends[1], &info) == 0)
        let held = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")
        }
        #expect(!held.isEmpty, "node's descriptors could not be read")
        #expect(!held.contains("pipe:[\(info.st_ino)]"), "node \(pid) holds a pipe it was not given: \(held)")
        close(ends[1])
        var wait = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
        #expect(poll(&wait, 1, 10_000) == 1, "the pipe did not end when render closed its write end")
        var byte: UInt8 = 0
        if wait.revents != 0 { #expect(read(ends[0], &byte, 1) == 0) }
    }

    @Test func aWorkerThatDiedIsReplacedAndTheBuildStillGetsItsAnswer() async throws {
        let worker = NodeWorker()
        defer { worker.stop() }
        _ = try await typesetter(worker).typeset(formulas)
        let first = try #require(worker.processIdentifier)
        kill(first, SIGKILL)  // the worker's own node, by the pid it recorded
        let results = try await typesetter(worker).typeset(formulas)
        #expect(results[0].html != nil)
        #expect(results[1].failureMessage != nil)
        // Either node was seen gone and a new one started, or the request
        // failed (EPIPE, not SIGPIPE) and fell back to a batch; either way a
        // new worker serves from then on.
        _ = try await typesetter(worker).typeset([Formula(tex: "y", display: false)])
        let second = try #require(worker.processIdentifier)
        #expect(second != first)
    }
}
