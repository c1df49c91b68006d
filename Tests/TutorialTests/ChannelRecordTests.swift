import ChapterChannel
import Foundation
import Testing
@testable import ChapterRuntime
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The channel's one schema: every record kind the runtime writes
/// (`ChannelRecord.jsonLine`) reads back, equal, through the engine's decoder
/// (`ChapterRun.records`), and so does Foundation's own encoding of it.
@Suite struct ChannelRecordTests {
    /// Strings a chapter may well send: quotes, backslashes, every control
    /// character, line separators, emoji, invalid UTF-8 (which Swift repairs
    /// to U+FFFD, as it cannot hold a lone surrogate) and a long one.
    static let hostile: [String] = [
        "", "plain", "\"quoted\" and \\back\\slashed\\", "{\"at\":{\"item\":1}}\n{\"end\":{}}",
        String(decoding: (0..<0x20).map { UInt8($0) } + [0x7F], as: UTF8.self),
        "line\u{2028}separator\u{2029}", "é ü 😀 👩‍👩‍👧 \u{FEFF}", "\0nul",
        String(decoding: [0xED, 0xA0, 0x80, 0xFF, 0x61], as: UTF8.self),
        "\\u0000 \\ud800 written out", String(repeating: "a\"\n\\é", count: 200_000),
    ]

    static let doubles: [Double] = [
        0, -0.0, 1, 0.1, -2.5e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity,
        .nan, 0.46436, 1e-5, 123456789012345678, .pi,
    ]

    static var records: [ChannelRecord] {
        let values = doubles.map { ValueEncoder.value(of: $0) } + [
            ValueEncoder.value(of: Float(0.1)), ValueEncoder.value(of: -Float.infinity), ValueEncoder.value(of: Float.nan),
            ValueEncoder.value(of: 42), ValueEncoder.value(of: Int.min), ValueEncoder.value(of: UInt64.max),
            ValueEncoder.value(of: true), ValueEncoder.value(of: [1.5, -0.0]), ValueEncoder.value(of: (1, "two", [Float(3)])),
            ValueEncoder.value(of: Optional<Int>.none), ValueEncoder.value(of: URL(fileURLWithPath: "/x")),
        ] + hostile.map { ValueEncoder.value(of: $0) }
        let failures: [DerivationFailure.Disagreement] = [
            .sizes, .notNumeric, .unevaluated(message: hostile[4]), .element(index: 2, difference: 1e-3),
            .element(index: 0, difference: nil), .outsideRange(index: 1, low: 0.4615, high: .infinity),
        ]
        return [
            .start(chunkLines: []), .start(chunkLines: [3, 12, 40]), .end, .at(item: 0), .at(item: 7),
            .block(index: 0), .blockEnd(index: 3),
        ] + values.enumerated().map { .value(id: $0.offset, value: $0.element) } + [
            .derivation(id: 1, draws: 20, failures: []),
            .derivation(id: 2, draws: 3, failures: failures.enumerated().map { k, disagreement in
                DerivationFailure(
                    step: k + 1, draw: k, inputs: [.init(name: "z", value: values[k]), .init(name: hostile[2], value: .other("?"))],
                    first: values[k], this: values[k + 1], disagreement: disagreement)
            }),
        ] + hostile.map { text in
            .figure(FigureRecord(block: 2, call: CallSite(file: "Chapter/01-a.md", line: 9), label: text, caption: text, alt: text, svg: text))
        } + [
            .figure(FigureRecord(block: nil, call: nil, label: "fig:a", caption: "", alt: "", svg: "<svg/>")),
            .table(TableRecord(block: 1, call: CallSite(file: hostile[3], line: 1), label: "tbl:t", caption: hostile[8],
                               header: hostile, rows: [hostile, [], ["1.50", "2"]])),
            .table(TableRecord(block: nil, call: nil, label: "", caption: "", header: [], rows: [])),
        ]
    }

    @Test func everyRecordReadsBackAsItWasWritten() throws {
        let written = Self.records
        let channel = written.map(\.jsonLine).joined()
        var unread = 0
        let read = ChapterRun.records(channel, unread: &unread)
        #expect(unread == 0)
        #expect(read.count == written.count)
        for (a, b) in zip(written, read) {
            #expect(Self.same(a, b), "\(a.jsonLine.prefix(300)) read back as \(b.jsonLine.prefix(300))")
        }
    }

    @Test func theHandWrittenLineIsTheCodableShape() throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: JSONText.infinity, negativeInfinity: JSONText.negativeInfinity, nan: JSONText.nan)
        for record in Self.records {
            let foundation = String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
            var unread = 0
            let read = ChapterRun.records(foundation, unread: &unread)
            #expect(unread == 0 && read.count == 1 && Self.same(read[0], record), "\(foundation.prefix(300))")
            // The same JSON, up to the order of members and escaping: both parse to equal objects.
            let mine = try JSONSerialization.jsonObject(with: Data(record.jsonLine.utf8)) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: Data(foundation.utf8)) as? NSDictionary
            #expect(mine == theirs, "\(record.jsonLine.prefix(300)) ≠ \(foundation.prefix(300))")
        }
    }

    @Test func numbersKeepTheirExactBits() {
        let line = Self.doubles.map { ChannelRecord.value(id: 0, value: ValueEncoder.value(of: $0)).jsonLine }.joined()
        var unread = 0
        let read = ChapterRun.records(line, unread: &unread)
        for (x, record) in zip(Self.doubles, read) {
            guard case .value(_, .double(let y, let text)) = record else {
                Issue.record("\(x) read back as \(record)")
                continue
            }
            #expect(x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN), "\(x) read back as \(y)")
            #expect(text == x.description)
        }
        let float = ChapterRun.records(ChannelRecord.value(id: 0, value: ValueEncoder.value(of: Float(0.1))).jsonLine, unread: &unread)
        #expect(float == [.value(id: 0, value: .float(0.1, text: "0.1"))], "a Float stays a Float, not the Double 0.1")
    }

    @Test func aLineCutOffByTheCapIsCountedNotRead() {
        let whole = ChannelRecord.at(item: 1).jsonLine
        let cut = ChannelRecord.figure(FigureRecord(block: 0, call: nil, label: "fig:a", caption: "", alt: "", svg: "<svg>")).jsonLine.dropLast(9)
        var unread = 0
        let read = ChapterRun.records(whole + cut, unread: &unread)
        #expect(read == [.at(item: 1)])
        #expect(unread == 1)
    }

    /// Equal, counting a NaN equal to a NaN (the records' `==` does not).
    static func same(_ a: ChannelRecord, _ b: ChannelRecord) -> Bool {
        a == b || a.jsonLine == b.jsonLine
    }
}
