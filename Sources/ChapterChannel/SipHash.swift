/// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
/// 2012): a keyed 64-bit MAC of a message under a 128-bit key, the one the
/// channel's frames carry (`ChannelFrame`).
///
/// The state is four 64-bit words initialised from the key k = (k0, k1) as
/// v0 = k0 ⊕ "somepseu", v1 = k1 ⊕ "dorandom", v2 = k0 ⊕ "lygenera",
/// v3 = k1 ⊕ "tedbytes". Each 8-byte little-endian word m of the message (the
/// last one padded with zeros and the message length mod 256 in its top byte)
/// is absorbed as v3 ⊕= m, two SipRounds, v0 ⊕= m; then v2 ⊕= 0xff, four
/// SipRounds, and the tag is v0 ⊕ v1 ⊕ v2 ⊕ v3. Without the key, a tag is
/// as hard to predict as a random 64-bit number.
public struct SipHash: Sendable {
    private var v0, v1, v2, v3: UInt64

    /// The tag of `message` under the key (`k0`, `k1`).
    public static func tag(_ message: UnsafeRawBufferPointer, k0: UInt64, k1: UInt64) -> UInt64 {
        var state = SipHash(k0: k0, k1: k1)
        let whole = message.count & ~7
        var offset = 0
        while offset < whole {
            state.absorb(UInt64(littleEndian: message.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var last = UInt64(truncatingIfNeeded: message.count) << 56
        for k in 0..<(message.count - whole) { last |= UInt64(message[whole + k]) << (8 * UInt64(k)) }
        state.absorb(last)
        return state.finish()
    }

    private init(k0: UInt64, k1: UInt64) {
        v0 = k0 ^ 0x736f_6d65_7073_6575
        v1 = k1 ^ 0x646f_7261_6e64_6f6d
        v2 = k0 ^ 0x6c79_6765_6e65_7261
        v3 = k1 ^ 0x7465_6462_7974_6573
    }

    private mutating func absorb(_ m: UInt64) {
        v3 ^= m
        round()
        round()
        v0 ^= m
    }

    private mutating func finish() -> UInt64 {
        v2 ^= 0xff
        for _ in 0..<4 { round() }
        return v0 ^ v1 ^ v2 ^ v3
    }

    private mutating func round() {
        v0 &+= v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
        v2 &+= v3; v3 = v3.rotated(16); v3 ^= v2
        v0 &+= v3; v3 = v3.rotated(21); v3 ^= v0
        v2 &+= v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
    }
}

extension UInt64 {
    fileprivate func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
