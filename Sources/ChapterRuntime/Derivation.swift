internal import ChapterChannel
import RealModule

/// Runs one derivation check inside the chapter program: `draws` times,
/// draw the inputs and evaluate every step; every step must agree with the
/// first.
///
/// A step joined by `=` agrees when, element by element,
/// |a − b| ≤ tol · max(|a|, |b|, m), where m is the largest finite
/// magnitude in the first step's value: relative to the size of the
/// quantity, so that a gradient entry of 1e-17 next to entries of order 1
/// counts as the 0 it is. A step joined by `\approx` with d decimals
/// agrees when |a − b| ≤ ½·10^(−d) (plus 4 ulps for binary rounding), the
/// rule of claims. Bool values count as 1 and 0. A NaN never agrees, not
/// even with NaN; an infinity agrees only with the same infinity.
///
/// The comparison runs here, next to the values, and only a summary goes to
/// the engine: a `ChannelRecord.derivation` with, for each step that
/// disagreed, its first failing draw and how it disagreed (a
/// `DerivationFailure.Disagreement`).
///
/// The seed of the draws comes from the engine when the program starts
/// (`TUTORIAL_SEEDS`: one seed per derivation, derived from the chapter and
/// the derivation's line), so moving a derivation does not need a recompile.
///
/// - Parameters:
///   - id: the derivation's number in the chapter.
///   - draws: how many random draws (1 for a worked example).
///   - tolerance: the relative tolerance of `=` steps.
///   - decimals: for each step, the decimals an `\approx` step is checked
///     to, or nil for the rule of `=`.
///   - body: draws the inputs and returns them (name, value) with every step, in order.
public func __tutorialDerivation(
    _ id: Int, draws: Int, tolerance: Double, decimals: [Int?],
    _ body: (inout SeededGenerator) -> (inputs: [(String, Any)], steps: [__TeXStep])
) {
    var random = SeededGenerator(seed: Channel.seed(for: id))
    var failures: [Int: DerivationFailure] = [:]
    var completed = 0
    for n in 0..<draws {
        let (inputs, steps) = body(&random)
        completed = n + 1
        guard let first = steps.first else { continue }
        let drawn = inputs.map { DerivationFailure.Input(name: $0.0, value: ValueEncoder.value(of: $0.1)) }
        func record(_ k: Int, _ a: Any, _ b: Any, _ disagreement: DerivationFailure.Disagreement) {
            failures[k] = DerivationFailure(
                step: k, draw: n, inputs: drawn, first: ValueEncoder.value(of: a), this: ValueEncoder.value(of: b), disagreement: disagreement)
        }
        guard case .value(let reference) = first else {
            if failures[0] == nil, case .failed(let message) = first { record(0, "?", "?", .unevaluated(message: message)) }
            continue
        }
        let referenceNumbers = ValueEncoder.numbers(reference)
        let scale = referenceNumbers.map(StepComparison.scale) ?? 0
        for k in 1..<max(steps.count, 1) where failures[k] == nil {
            let value: Any
            switch steps[k] {
            case .failed(let message):
                record(k, reference, "?", .unevaluated(message: message))
                continue
            case .value(let v): value = v
            case .range(let v, let low, let high):
                if let referenceNumbers, let outside = StepComparison.outside(referenceNumbers, low: low, high: high) {
                    switch outside {
                    case .sizes: record(k, reference, v, .sizes)
                    case .element(let i, _): record(k, reference, v, .outsideRange(index: i, low: low[i], high: high[i]))
                    }
                }
                continue
            }
            guard let referenceNumbers, let values = ValueEncoder.numbers(value) else {
                record(k, reference, value, .notNumeric)
                continue
            }
            let places = k < decimals.count ? decimals[k] : nil
            switch StepComparison.disagreement(referenceNumbers, values, tolerance: tolerance, scale: scale, decimals: places) {
            case nil: continue
            case .sizes?: record(k, reference, value, .sizes)
            case .element(let i, let difference)?: record(k, reference, value, .element(index: i, difference: difference.isFinite ? difference : nil))
            }
        }
    }
    Channel.send(.derivation(id: id, draws: completed, failures: failures.keys.sorted().map { failures[$0]! }))
}

/// Compares a step's numbers with the first step's.
enum StepComparison {
    /// The size of the first step's value, which the relative tolerance
    /// scales with: its largest finite magnitude. An infinite element (a
    /// masked logit's −∞) must not make the scale infinite, or every step
    /// would pass.
    static func scale(_ reference: [Double]) -> Double {
        reference.filter(\.isFinite).map { abs($0) }.max() ?? 0
    }

    /// Where two lists of numbers part.
    enum Mismatch: Equatable {
        /// They have different lengths.
        case sizes
        /// Element `index` differs by `difference` (NaN when not measured).
        case element(Int, difference: Double)

        /// The element that differs, or nil for different sizes.
        var element: Int? {
            if case .element(let i, _) = self { return i }
            return nil
        }

        /// The difference at that element, or nil for different sizes.
        var difference: Double? {
            if case .element(_, let d) = self { return d }
            return nil
        }
    }

    /// nil when every element of `a` lies in [low, high] (with 4 ulps of
    /// slack for binary rounding); else the first that does not.
    static func outside(_ a: [Double], low: [Double], high: [Double]) -> Mismatch? {
        guard a.count == low.count, a.count == high.count else { return .sizes }
        for i in a.indices {
            let slack = 4 * max(abs(low[i]), abs(high[i]), abs(a[i])).ulp
            if !(a[i] >= low[i] - slack && a[i] <= high[i] + slack) { return .element(i, difference: .nan) }
        }
        return nil
    }

    /// nil when they agree; else the first element that disagrees and the
    /// difference there: relative for `=` steps, absolute for `\approx`
    /// steps (`decimals` given).
    static func disagreement(_ a: [Double], _ b: [Double], tolerance: Double, scale: Double, decimals: Int? = nil) -> Mismatch? {
        guard a.count == b.count else { return .sizes }
        for i in a.indices {
            let x = a[i], y = b[i]
            // NaN never agrees (not even with NaN); ±∞ agrees only with the same ±∞.
            if x.isNaN || y.isNaN { return .element(i, difference: .nan) }
            if x == y { continue }
            if !x.isFinite || !y.isFinite { return .element(i, difference: .infinity) }
            if let decimals {
                let allowed = 0.5 * Double.pow(10, -decimals) + 4 * max(abs(x), abs(y)).ulp
                if !(abs(x - y) <= allowed) { return .element(i, difference: abs(x - y)) }
                continue
            }
            let size = max(abs(x), abs(y), scale)
            if !(abs(x - y) <= tolerance * size) {
                return .element(i, difference: abs(x - y) / size)
            }
        }
        return nil
    }
}
