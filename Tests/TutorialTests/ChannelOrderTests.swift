import ChapterChannel
import Testing
@testable import Tutorial
@testable import TutorialProgram

/// The records a program sends follow its items: render knows every block,
/// value and derivation it runs, so a record elsewhere is refused.
@Suite struct ChannelOrderTests {
    /// A block, an inline value, a derivation.
    static let items: [ChapterProgram.Item] = [.block(0), .value(0), .derivation(0)]

    static let figure = ChannelRecord.figure(FigureRecord(block: 0, call: nil, label: "fig:a", caption: "", alt: "", svg: "<svg/>"))

    /// Everything the runtime sends for `items`, with a figure in the block.
    static let run: [ChannelRecord] = [
        .start(chunkLines: []), .at(item: 0), .block(index: 0), figure, .blockEnd(index: 0),
        .at(item: 1), .value(id: 0, value: .int(2, text: "2")),
        .at(item: 2), .derivation(id: 0, draws: 20, failures: []), .end,
    ]

    /// The first problem, and the number of the record that had it.
    static func firstProblem(_ records: [ChannelRecord]) -> (Int, String)? {
        var order = ChannelOrder(items: items)
        for (k, record) in records.enumerated() {
            if let problem = order.accept(record) { return (k, problem) }
        }
        return nil
    }

    @Test func theRuntimesOwnRecordsPass() {
        #expect(Self.firstProblem(Self.run) == nil)
    }

    @Test func aValueOrVerdictOutsideItsItemIsRefused() {
        // A value sent from the block, before its own item.
        var early = Self.run
        early.insert(.value(id: 0, value: .int(3, text: "3")), at: 3)
        #expect(Self.firstProblem(early)?.0 == 3)
        #expect(Self.firstProblem(early)?.1 == "a value of inline value 1 where the program runs swift block 1")
        // A second value for the same expression.
        var twice = Self.run
        twice.insert(.value(id: 0, value: .int(3, text: "3")), at: 7)
        #expect(Self.firstProblem(twice)?.0 == 7)
        // A passing verdict after the real one.
        var verdict = Self.run
        verdict.insert(.derivation(id: 0, draws: 20, failures: []), at: 9)
        #expect(Self.firstProblem(verdict)?.0 == 9)
        // A value for an expression the chapter does not have.
        var unknown = Self.run
        unknown.insert(.value(id: 7, value: .int(3, text: "3")), at: 7)
        #expect(Self.firstProblem(unknown)?.0 == 7)
    }

    @Test func itemsComeInTheirOrderAndEachIsDone() {
        // Skipping the value item.
        let skipped = Array(Self.run[0..<5]) + [.at(item: 2), .derivation(id: 0, draws: 20, failures: []), .end]
        #expect(Self.firstProblem(skipped)?.0 == 5)
        // An end before the last item is done.
        let short = Array(Self.run[0..<8]) + [.end]
        #expect(Self.firstProblem(short)?.1.hasPrefix("the program's end where it runs derivation 1") == true)
        // Anything after the end, and anything before the start.
        #expect(Self.firstProblem(Self.run + [.at(item: 3)])?.0 == 10)
        #expect(Self.firstProblem([.at(item: 0)] + Self.run)?.0 == 0)
        #expect(Self.firstProblem(Self.run.prefix(1) + Self.run)?.1 == "a second start of the program")
    }

    @Test func aFigureComesFromARunningItemUnderItsBlock() {
        // A label drawn twice is the chapter's mistake, reported at its call: not a forgery.
        var twice = Self.run
        twice.insert(Self.figure, at: 4)
        #expect(Self.firstProblem(twice) == nil)
        var outside = Self.run
        outside.insert(Self.figure, at: 1)
        #expect(Self.firstProblem(outside)?.0 == 1)
        var wrongBlock = Self.run
        wrongBlock[3] = .figure(FigureRecord(block: 4, call: nil, label: "fig:a", caption: "", alt: "", svg: ""))
        #expect(Self.firstProblem(wrongBlock)?.0 == 3)
        // A figure an inline value draws after the block is shown under that block.
        var fromValue = Self.run
        fromValue.insert(.figure(FigureRecord(block: 0, call: nil, label: "fig:b", caption: "", alt: "", svg: "")), at: 6)
        #expect(Self.firstProblem(fromValue) == nil)
    }
}
