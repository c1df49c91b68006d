import ChapterChannel
import Foundation
import Testing
@testable import Tutorial

/// The channel's frames: SipHash-2-4 as its paper defines it, and a frame
/// that checks only under its run's key, at its own place in the run.
@Suite struct ChannelFrameTests {
    /// The key of the paper's test vectors: the bytes 00, 01, …, 0f.
    static let paperKey = ChannelKey(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)

    @Test func sipHashGivesThePapersTestVectors() {
        // Appendix A of the SipHash paper: the 15 bytes 00…0e.
        #expect(Self.paperKey.tag((0..<15).map { UInt8($0) }) == 0xa129_ca61_49be_45e5)
        // The reference implementation's vectors for the empty message, one byte, and eight bytes (a whole word, then the length word).
        #expect(Self.paperKey.tag([UInt8]()) == 0x726f_db47_dd0e_0e31)
        #expect(Self.paperKey.tag([UInt8(0)]) == 0x74f8_39c5_93dc_67fd)
        #expect(Self.paperKey.tag((0..<8).map { UInt8($0) }) == 0x93f5_f579_9a93_2462)
    }

    @Test func aKeyReadsBackFromItsLine() {
        let key = ChannelKey.random()
        #expect(key.line.utf8.count == 33)
        #expect(ChannelKey(line: Array(key.line.utf8)) == key)
        #expect(ChannelKey(line: Array("not a key at all, not thirty-two\n".utf8)) == nil)
        #expect(ChannelKey(line: [UInt8]()) == nil)
        #expect(ChannelKey.random() != ChannelKey.random())
    }

    /// The lines a runtime under `key` writes for `records`.
    static func channel(_ records: [ChannelRecord], key: ChannelKey, from first: Int = 0) -> String {
        records.enumerated().map { ChannelFrame.line($0.element.json, sequence: first + $0.offset, key: key) }.joined()
    }

    @Test func framedRecordsReadBackUnderTheirKey() {
        let key = ChannelKey.random()
        let records = ChannelRecordTests.records
        let opened = ChannelFrame.open(Array(Self.channel(records, key: key).utf8), key: key)
        #expect(opened.problem == nil)
        #expect(!opened.truncated)
        #expect(opened.records.map { String(decoding: $0, as: UTF8.self) } == records.map(\.json))
    }

    @Test func aLineWrittenWithoutTheKeyEndsTheReading() {
        let key = ChannelKey.random()
        let good = Self.channel([.start(chunkLines: []), .at(item: 0)], key: key)
        let forged = [
            ChannelRecord.value(id: 0, value: .int(3, text: "3")).jsonLine,
            ChannelFrame.line(ChannelRecord.value(id: 0, value: .int(3, text: "3")).json, sequence: 2, key: ChannelKey.random()),
            "0000000000000000 2 {\"end\":{}}\n",
            "\n",
        ]
        for line in forged {
            let opened = ChannelFrame.open(Array((good + line + Self.channel([.end], key: key, from: 3)).utf8), key: key)
            #expect(opened.records.count == 2, "only the records before the forged line: \(line)")
            #expect(opened.problem?.hasPrefix("line 3 of the channel") == true, "\(opened.problem ?? "nil")")
        }
    }

    @Test func aRecordOfTheRunCannotBeMovedOrReplayed() {
        let key = ChannelKey.random()
        let value = ChannelFrame.line(ChannelRecord.value(id: 0, value: .int(3, text: "3")).json, sequence: 2, key: key)
        let start = Self.channel([.start(chunkLines: []), .at(item: 0)], key: key)
        // Written twice: the copy carries number 2 where 3 is due.
        let replayed = ChannelFrame.open(Array((start + value + value).utf8), key: key)
        #expect(replayed.records.count == 3)
        #expect(replayed.problem?.contains("out of its order") == true)
        // A record of another place: the tag covers the number, so a changed number does not check.
        let moved = value.replacingOccurrences(of: " 2 {", with: " 3 {")
        let renumbered = ChannelFrame.open(Array((start + value + moved).utf8), key: key)
        #expect(renumbered.problem?.contains("did not make") == true)
    }

    @Test func aLineCutShortIsNotAForgery() {
        let key = ChannelKey.random()
        let channel = Self.channel([.start(chunkLines: []), .at(item: 0)], key: key)
        let opened = ChannelFrame.open(Array(channel.utf8.dropLast(3)), key: key)
        #expect(opened.records.count == 1)
        #expect(opened.truncated)
        #expect(opened.problem == nil)
    }
}
