import Foundation
import Testing
@testable import ChapterChannel

/// A chapter program's standard output is one stream through a pipe; the
/// runtime marks where each block's output starts and ends, and render
/// splits the stream there (`OutputMarker`).
@Suite struct OutputMarkerTests {
    let marker = OutputMarker(line: Array("0123456789abcdef0123456789abcdef\n".utf8))!

    func stream(_ parts: [Any]) -> [UInt8] {
        parts.flatMap { part -> [UInt8] in
            if let text = part as? String { return Array(text.utf8) }
            if let (edge, block) = part as? (OutputMarker.Edge, Int) { return marker.marker(edge, block: block) }
            return []
        }
    }

    func split(_ parts: [Any]) -> [Int: String] {
        marker.split(stream(parts)).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func eachBlockGetsWhatItPrintedBetweenItsMarkers() {
        let printed = split([
            "before any block\n", (OutputMarker.Edge.start, 0), "one\n", (OutputMarker.Edge.end, 0),
            "between blocks\n", (OutputMarker.Edge.start, 2), "two, no newline", (OutputMarker.Edge.end, 2),
        ])
        #expect(printed == [0: "one\n", 2: "two, no newline"])
    }

    @Test func aBlockThatStoppedKeepsEverythingToTheEndOfTheStream() {
        let printed = split([(OutputMarker.Edge.start, 1), "printed before the trap\n", "and more"])
        #expect(printed == [1: "printed before the trap\nand more"])
    }

    @Test func aMarkerWithAnotherNonceIsPrintedText() {
        let other = OutputMarker(line: Array("ffffffffffffffffffffffffffffffff".utf8))!
        let forged = String(decoding: other.marker(.end, block: 0), as: UTF8.self)
        let printed = split([(OutputMarker.Edge.start, 0), "a", forged, "b", (OutputMarker.Edge.end, 0)])
        #expect(printed == [0: "a" + forged + "b"])
    }

    @Test func aCutOrMalformedMarkerIsPrintedText() {
        let whole = String(decoding: marker.marker(.end, block: 7), as: UTF8.self)
        let cut = String(whole.dropLast(2))
        let malformed = whole.replacingOccurrences(of: "end 7", with: "stop 7")
        let printed = split([(OutputMarker.Edge.start, 0), "x", malformed, cut])
        #expect(printed == [0: "x" + malformed + cut])
    }

    @Test func theNonceIs32HexDigitsAndFreshEachRun() {
        #expect(OutputMarker(line: Array("0123".utf8)) == nil)
        #expect(OutputMarker(line: Array("0123456789ABCDEF0123456789abcdef".utf8)) == nil)
        let first = OutputMarker.random(), second = OutputMarker.random()
        #expect(first != second)
        #expect(OutputMarker(line: Array(first.line.utf8)) == first)
    }

    /// 16 MiB (the output cap) of near-misses, the marker's first 20 bytes
    /// over and over, split in about the time of one pass: the search never
    /// steps back to compare a byte again.
    @Test func nearMissesAreSplitInOnePass() {
        let nearMiss = Array(marker.marker(.start, block: 0).prefix(20))
        var output = stream([(OutputMarker.Edge.start, 3)])
        while output.count < 16 << 20 { output += nearMiss }
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(marker.split(output)[3]?.count == output.count - marker.marker(.start, block: 3).count) }
        #expect(elapsed < .seconds(10), "16 MiB took \(elapsed)")
    }
}
