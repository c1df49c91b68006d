#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each block's printed output starts and ends in a chapter program's
/// standard output, which reaches render through a pipe (a pipe has no
/// offset to read, and render counts every byte it receives).
///
/// At a block's start and end, the runtime flushes the C streams and writes
/// one marker with a single `write(2)` to fd 1: `\u{1}tutorial-output NONCE
/// start 3\n` (or `end 3`), NONCE being the run's 32 hex digits. A marker is
/// shorter than `PIPE_BUF`, so it never interleaves with another thread's
/// write. render makes the nonce fresh for every run and hands it over as
/// it does the channel's key (the channel file's second line, which the
/// runtime reads and erases before chapter code runs); it is never in the
/// environment. render splits the stream at the markers carrying the run's
/// nonce (`split`) and drops them; any other text, a marker-like line with
/// another nonce included, is printed output. A program that learns the
/// nonce can only misplace its own printed output, which it controls anyway.
public struct OutputMarker: Sendable, Hashable {
    /// The run's nonce: 32 lowercase hex digits.
    public let nonce: String

    /// A marker of `nonce` (32 hex digits); nil when it is not.
    public init?<Bytes: Collection<UInt8>>(line: Bytes) {
        var digits = Array(line.prefix(33))
        if digits.last == UInt8(ascii: "\n") { digits.removeLast() }
        guard digits.count == 32, digits.allSatisfy(Self.isHexDigit) else { return nil }
        nonce = String(decoding: digits, as: UTF8.self)
    }

    /// A fresh nonce from the system's random number generator.
    public static func random() -> OutputMarker {
        var generator = SystemRandomNumberGenerator()
        return OutputMarker(line: Array((ChannelKey.hex(generator.next()) + ChannelKey.hex(generator.next())).utf8))!
    }

    /// The nonce as the channel file's second line: 32 hex digits and a newline.
    public var line: String { nonce + "\n" }

    /// Which edge of a block a marker stands for.
    public enum Edge: String, Sendable {
        case start, end
    }

    /// The bytes written to standard output at `edge` of block `index`.
    public func marker(_ edge: Edge, block index: Int) -> [UInt8] {
        prefix + Array("\(edge.rawValue) \(index)\n".utf8)
    }

    /// What every marker of this run starts with; its first byte, 0x01, occurs nowhere else in it.
    private var prefix: [UInt8] { Array("\u{1}tutorial-output \(nonce) ".utf8) }

    /// What each block printed: the bytes from its start marker to its end
    /// marker, or to the end of the stream when it has none (the program
    /// stopped in it). Bytes outside every block are dropped; a block
    /// started twice keeps its last output.
    ///
    /// One pass: the search for the prefix never steps back, because a
    /// partial match cannot hold the 0x01 that a new match starts with, so
    /// the cost is linear in the stream's length, and the parts are slices of it.
    public func split(_ output: [UInt8]) -> [Int: ArraySlice<UInt8>] {
        var printed: [Int: ArraySlice<UInt8>] = [:]
        var open: (block: Int, from: Int)? = nil
        var position = 0
        while let found = find(in: output, from: position) {
            if let block = open { printed[block.block] = output[block.from..<found.range.lowerBound] }
            switch found.edge {
            case .start: open = (found.block, found.range.upperBound)
            case .end: open = nil
            }
            position = found.range.upperBound
        }
        if let block = open { printed[block.block] = output[block.from...] }
        return printed
    }

    /// The next whole marker of this run at or after `start`.
    private func find(in output: [UInt8], from start: Int) -> (range: Range<Int>, edge: Edge, block: Int)? {
        let prefix = self.prefix
        var at = start
        while at < output.count {
            guard let first = Self.firstIndex(of: prefix[0], in: output, from: at) else { return nil }
            var matched = 1
            while matched < prefix.count, first + matched < output.count, output[first + matched] == prefix[matched] { matched += 1 }
            if matched == prefix.count, let tail = Self.readTail(output, from: first + matched) {
                return (first..<tail.end, tail.edge, tail.block)
            }
            // No 0x01 in prefix[1..<matched]: the next candidate is at or after the mismatch.
            at = first + max(matched, 1)
        }
        return nil
    }

    /// Where `byte` next occurs in `output` from `start` (`memchr`, which
    /// scans 16 MiB in milliseconds even in a debug build of render).
    private static func firstIndex(of byte: UInt8, in output: [UInt8], from start: Int) -> Int? {
        output.withUnsafeBytes { bytes in
            guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, Int32(byte), bytes.count - start) else { return nil }
            return bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
    }

    /// `start 12\n` or `end 12\n` at `from`: the edge, the block, and where the marker ends.
    private static func readTail(_ output: [UInt8], from: Int) -> (edge: Edge, block: Int, end: Int)? {
        var at = from
        var word: [UInt8] = []
        while at < output.count, word.count < 5, output[at] != UInt8(ascii: " ") { word.append(output[at]); at += 1 }
        guard at < output.count, output[at] == UInt8(ascii: " "), let edge = Edge(rawValue: String(decoding: word, as: UTF8.self)) else { return nil }
        at += 1
        var block = 0, digits = 0
        while at < output.count, digits < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(output[at]) {
            block = block * 10 + Int(output[at] - UInt8(ascii: "0"))
            digits += 1
            at += 1
        }
        guard digits > 0, at < output.count, output[at] == UInt8(ascii: "\n") else { return nil }
        return (edge, block, at + 1)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
