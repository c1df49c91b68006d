import Foundation

/// A fast 64-bit checksum (FNV-1a) of a sequence of parts, each followed by
/// a separator byte, as 16 hex digits.
///
/// For seals that catch a damaged or misplaced cache entry, where the
/// entry is large and read on every build: FNV-1a reads a byte per step,
/// several times faster here than ``SHA256``. It is not a defence against
/// forgery, and needs none: whoever can write the cache can as well write
/// a matching SHA-256, and chapter programs cannot write it (the sandbox
/// mounts it read-only). Keys, which name entries, stay SHA-256
/// (``ContentHash``).
package enum Checksum {
    package static func of(_ parts: String...) -> String {
        var hash = offset
        for part in parts {
            for byte in part.utf8 { hash = step(hash, byte) }
            hash = step(hash, 0xFF)
        }
        return hex(hash)
    }

    /// The checksum of `bytes` as one part.
    package static func of(bytes: Data) -> String {
        var hash = offset
        bytes.withUnsafeBytes { raw in
            for byte in raw { hash = step(hash, byte) }
        }
        return hex(step(hash, 0xFF))
    }

    /// FNV-1a of `bytes` as they are, with no separator: the raw 64-bit hash
    /// (``Seed`` derives each derivation's seed from it).
    package static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        bytes.reduce(offset, step)
    }

    /// FNV-1a's 64-bit offset basis.
    package static let offset: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One FNV-1a step: xor the byte in, multiply by the 64-bit FNV prime.
    @inline(__always)
    package static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    package static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
