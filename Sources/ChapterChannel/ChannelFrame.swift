/// How a record travels on the channel so that render can tell the runtime's
/// own records from bytes chapter code wrote to the channel file itself.
///
/// Each record is one line: its tag (16 hex digits), a space, its sequence
/// number (0 for the first record of a run), a space, and its JSON:
/// `3f9c…e1 4 {"value":{"id":2,…}}`. The tag is SipHash-2-4, under the
/// run's `ChannelKey`, of everything after the tag's space (the sequence
/// number and the JSON), so a record cannot be written without the key,
/// moved to another place in the run, or replayed from another run.
public enum ChannelFrame {
    /// The framed line of record `json` (without its newline), newline included.
    public static func line(_ json: String, sequence: Int, key: ChannelKey) -> String {
        let body = "\(sequence) " + json
        return ChannelKey.hex(key.tag(body.utf8)) + " " + body + "\n"
    }

    /// What a channel's bytes hold once every frame is checked.
    public struct Opened: Sendable {
        /// The JSON of each record that checked, in order.
        public var records: [ArraySlice<UInt8>] = []
        /// Why the first line that failed did (nil when none did): records after it are not read.
        public var problem: String?
        /// Whether the last line was cut short (no newline: a cap or a kill stopped the write).
        public var truncated = false
    }

    /// Checks every line of `channel` in one pass: its tag under `key`, and
    /// that its sequence number is the next. Stops at the first line that fails.
    public static func open(_ channel: [UInt8], key: ChannelKey) -> Opened {
        var opened = Opened()
        var start = channel.startIndex
        let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        while start < channel.endIndex {
            guard let end = channel[start...].firstIndex(of: newline) else {
                opened.truncated = true
                break
            }
            let line = channel[start..<end]
            let sequence = opened.records.count
            defer { start = end + 1 }
            guard line.count > 17, line[line.startIndex + 16] == space,
                  let tag = UInt64(String(decoding: line.prefix(16), as: UTF8.self), radix: 16)
            else {
                opened.problem = "line \(sequence + 1) of the channel, \(excerpt(line)), is not a record of render's runtime"
                break
            }
            let body = line.dropFirst(17)
            guard key.tag(body) == tag else {
                opened.problem = "line \(sequence + 1) of the channel, \(excerpt(body)), carries a tag that render's runtime did not make"
                break
            }
            guard let gap = body.firstIndex(of: space), let number = Int(String(decoding: body[..<gap], as: UTF8.self)),
                  number == sequence
            else {
                opened.problem = "line \(sequence + 1) of the channel is a record of render's runtime out of its order (copied or replayed)"
                break
            }
            opened.records.append(body[(gap + 1)...])
        }
        return opened
    }

    /// The first 60 characters of a line, quoted, control characters shown as `\u{…}`.
    static func excerpt(_ line: ArraySlice<UInt8>) -> String {
        let text = String(decoding: line.prefix(240), as: UTF8.self)
        var shown = ""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == 60 { shown += "…"; break }
            shown += scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
        return "“" + shown + "”"
    }
}
