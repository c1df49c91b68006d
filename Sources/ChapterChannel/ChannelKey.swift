/// The per-run key of the channel's MACs: 128 bits, which render makes fresh
/// for every run and writes as the channel file's first line (32 hex digits);
/// the runtime reads that line and empties the file before any chapter code
/// runs, so chapter code never sees the key in a file.
public struct ChannelKey: Sendable, Hashable {
    /// The key's first 64 bits (SipHash's k0).
    public var k0: UInt64
    /// Its last 64 bits (SipHash's k1).
    public var k1: UInt64

    /// Creates a key from its halves.
    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// A fresh key from the system's random number generator.
    public static func random() -> ChannelKey {
        var generator = SystemRandomNumberGenerator()
        return ChannelKey(k0: generator.next(), k1: generator.next())
    }

    /// The key as the channel file's first line: 32 lowercase hex digits, k0 then k1.
    public var line: String { Self.hex(k0) + Self.hex(k1) + "\n" }

    /// Reads the key from its line (the newline optional); nil when it is not 32 hex digits.
    public init?<Bytes: Collection<UInt8>>(line: Bytes) {
        var digits = Array(line.prefix(33))
        if digits.last == UInt8(ascii: "\n") { digits.removeLast() }
        guard digits.count == 32,
              let k0 = UInt64(String(decoding: digits[0..<16], as: UTF8.self), radix: 16),
              let k1 = UInt64(String(decoding: digits[16..<32], as: UTF8.self), radix: 16)
        else { return nil }
        self.init(k0: k0, k1: k1)
    }

    /// The tag of `message` under this key (SipHash-2-4).
    public func tag<Bytes: Collection<UInt8>>(_ message: Bytes) -> UInt64 {
        message.withContiguousStorageIfAvailable { SipHash.tag(UnsafeRawBufferPointer($0), k0: k0, k1: k1) }
            ?? Array(message).withUnsafeBytes { SipHash.tag($0, k0: k0, k1: k1) }
    }

    /// `x` as 16 lowercase hex digits.
    static func hex(_ x: UInt64) -> String {
        let digits = String(x, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
