import RealModule

/// A seeded generator of test logits (SplitMix64), so every failure can be replayed.
struct RandomLogits {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / 9007199254740992 }

    /// A class index in 0..<count.
    mutating func label(_ count: Int) -> Int { Int(next() % UInt64(count)) }

    /// `count` logits uniform in (−spread, spread), rounded to T.
    mutating func logits<T: BinaryFloatingPoint>(_ count: Int, spread: Double = 8) -> [T] {
        (0..<count).map { _ in T((uniform() * 2 - 1) * spread) }
    }
}
