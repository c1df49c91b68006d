#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding and replacing a literal in generated HTML by its UTF-8 bytes.
///
/// Foundation's `range(of:)`, `components(separatedBy:)` and
/// `replacingOccurrences(of:with:)` compare with locale-aware Unicode rules,
/// and `print.html` put the whole book through them: 0.25 s of a 30-chapter
/// cold build. The text searched here is markup render wrote and the needle
/// plain ASCII markup, so a byte match (`memchr`, `memcmp`) is the same match.
package enum ByteSearch {
    /// The UTF-8 offsets where `needle` starts in `text`, left to right, not overlapping.
    package static func offsets(of needle: String, in text: String) -> [Int] {
        let hay = Array(text.utf8), pin = Array(needle.utf8)
        var found: [Int] = []
        var from = 0
        while let at = offset(of: pin, in: hay, from: from) {
            found.append(at)
            from = at + max(pin.count, 1)
        }
        return found
    }

    /// The first offset at or after `from` where `needle` starts in `hay`.
    package static func offset(of needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, from >= 0, from + needle.count <= hay.count else { return nil }
        return hay.withUnsafeBytes { h -> Int? in
            needle.withUnsafeBytes { n -> Int? in
                guard let base = h.baseAddress, let pin = n.baseAddress else { return nil }
                let first = Int32(needle[0]), last = h.count - n.count
                var at = from
                while at <= last {
                    // memchr finds the first byte; memcmp checks the rest.
                    guard let hit = memchr(base + at, first, last - at + 1) else { return nil }
                    let k = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + k, pin, n.count) == 0 { return k }
                    at = k + 1
                }
                return nil
            }
        }
    }

    /// How many times `needle` occurs in `text`, not overlapping.
    package static func count(of needle: String, in text: String) -> Int { offsets(of: needle, in: text).count }

    /// `text` with every occurrence of `needle` replaced by `replacement`.
    package static func replacing(_ needle: String, with replacement: String, in text: String) -> String {
        let hay = Array(text.utf8), pin = Array(needle.utf8), with = Array(replacement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(hay.count)
        var last = 0
        var from = 0
        while let at = offset(of: pin, in: hay, from: from) {
            out += hay[last..<at]
            out += with
            last = at + pin.count
            from = last
        }
        if last == 0 { return text }
        out += hay[last...]
        return String(decoding: out, as: UTF8.self)
    }
}
