/// How much of a disagreement rounding can explain.
///
/// Before a step that disagrees is called an error, the checker evaluates
/// it (and the step it is compared with) again with every Double that
/// enters the TeX arithmetic — a chapter value, an input, a Swift function's
/// result — multiplied by 1 + δu, u uniform in [−1, 1] and δ = 2⁻⁴⁸ (about 16
/// ulps), eight times. The spread of those values is what rounding of the
/// inputs alone does to the step: `\log(1 - h)` with h within 1e-12 of 1
/// spreads by 1e-4. When the two steps differ by no more than twice their
/// spreads, the formula loses digits on that draw: a warning, not an error.
/// A wrong step differs by far more than its spread on some draw, so it
/// still fails; a step that loses digits on every draw is an error, since
/// nothing confirmed it.
enum RoundingProbe {
    /// The generator of the nudges while a probe runs; nil otherwise.
    nonisolated(unsafe) static var generator: SeededGenerator?
    /// δ, the largest relative nudge.
    static let size = 0x1p-48
    /// How many nudged evaluations a probe takes.
    static let evaluations = 8

    /// `x`, nudged while a probe runs.
    static func nudge(_ x: Double) -> Double {
        guard generator != nil else { return x }
        let u = Double.random(in: -1...1, using: &generator!)
        return x * (1 + size * u)
    }

    /// The largest distance, element by element, between `nominal` and the
    /// step evaluated with its inputs nudged; nil when it cannot be evaluated again.
    static func spread(of step: () throws -> __TeXValue, nominal: [Double], seed: UInt64) -> [Double]? {
        generator = SeededGenerator(seed: seed)
        defer { generator = nil }
        var spread = [Double](repeating: 0, count: nominal.count)
        for _ in 0..<evaluations {
            guard let numbers = try? step().numbers, numbers.count == nominal.count else { return nil }
            for i in numbers.indices {
                let d = abs(numbers[i] - nominal[i])
                spread[i] = d.isNaN ? .infinity : Swift.max(spread[i], d)
            }
        }
        return spread
    }
}
