/// A 128-bit content hash for cache keys: two FNV-1a 64-bit hashes with
/// different offset bases, printed as 32 hex digits.
///
/// Cache keys need to tell contents apart, not to resist an attacker, so a
/// fast non-cryptographic hash is enough; 128 bits make accidental
/// collisions negligible for any book.
public struct ContentHash: Sendable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142

    public init() {}

    public mutating func add(_ text: String) {
        add(bytes: Array(text.utf8))
        add(bytes: [0xFF])  // separator, so ("ab","c") ≠ ("a","bc")
    }

    public mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = b ^ (b >> 29)
        }
    }

    public var hex: String {
        func h(_ x: UInt64) -> String {
            let s = String(x, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }

    public static func of(_ parts: String...) -> String {
        var hash = ContentHash()
        for part in parts { hash.add(part) }
        return hash.hex
    }
}
