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
/// the engine: `{"t":"derivation","i":ID,"n":DRAWS,"f":[FAILURE…]}` with, for
/// each step that disagreed, its first failing draw — `{"k":STEP,"d":DRAW,
/// "in":[[NAME,VALUE]…],"a":FIRST,"b":THIS,"e":ELEMENT,"r":DIFFERENCE,
/// "m":MESSAGE}`, where ELEMENT is −1 when the sizes differ, −2 when a
/// value is not numeric and −3 when the step could not be evaluated
/// (MESSAGE says why).
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
    var failures: [Int: String] = [:]
    var completed = 0
    for n in 0..<draws {
        let (inputs, steps) = body(&random)
        completed = n + 1
        guard let first = steps.first else { continue }
        let encodedInputs = "[" + inputs.map { "[" + ValueEncoder.quote($0.0) + "," + ValueEncoder.encodeAny($0.1) + "]" }.joined(separator: ",") + "]"
        func record(_ k: Int, _ a: Any, _ b: Any, element: Int, difference: Double, message: String? = nil) {
            failures[k] = #"{"k":\#(k),"d":\#(n),"in":\#(encodedInputs),"a":\#(ValueEncoder.encodeAny(a)),"b":\#(ValueEncoder.encodeAny(b)),"e":\#(element),"r":\#(difference.isFinite ? difference.description : "null")\#(message.map { #","m":"# + ValueEncoder.quote($0) } ?? "")}"#
        }
        guard case .value(let reference) = first else {
            if failures[0] == nil, case .failed(let message) = first { record(0, "?", "?", element: -3, difference: .nan, message: message) }
            continue
        }
        let referenceNumbers = ValueEncoder.numbers(reference)
        let scale = referenceNumbers.map(StepComparison.scale) ?? 0
        for k in 1..<max(steps.count, 1) where failures[k] == nil {
            let value: Any
            switch steps[k] {
            case .failed(let message):
                record(k, reference, "?", element: -3, difference: .nan, message: message)
                continue
            case .value(let v): value = v
            case .range(let v, let low, let high):
                if let referenceNumbers, let element = StepComparison.outside(referenceNumbers, low: low, high: high) {
                    let message = element < 0 ? nil
                        : "this step ranges over [\(low[element]), \(high[element])] as the numbers written in it vary by half a unit in their last digit"
                    record(k, reference, v, element: element, difference: .nan, message: message)
                }
                continue
            }
            let verdict: (element: Int, difference: Double)?
            if let referenceNumbers, let values = ValueEncoder.numbers(value) {
                let places = k < decimals.count ? decimals[k] : nil
                verdict = StepComparison.disagreement(referenceNumbers, values, tolerance: tolerance, scale: scale, decimals: places)
            } else {
                verdict = (-2, .nan)
            }
            guard let (element, difference) = verdict else { continue }
            record(k, reference, value, element: element, difference: difference)
        }
    }
    let list = failures.keys.sorted().map { failures[$0]! }.joined(separator: ",")
    Channel.send(#"{"t":"derivation","i":\#(id),"n":\#(completed),"f":[\#(list)]}"#)
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

    /// nil when every element of `a` lies in [low, high] (with 4 ulps of
    /// slack for binary rounding); else the first that does not (−1 for
    /// different sizes).
    static func outside(_ a: [Double], low: [Double], high: [Double]) -> Int? {
        guard a.count == low.count else { return -1 }
        for i in a.indices {
            let slack = 4 * max(abs(low[i]), abs(high[i]), abs(a[i])).ulp
            if !(a[i] >= low[i] - slack && a[i] <= high[i] + slack) { return i }
        }
        return nil
    }

    /// nil when they agree; else the first element that disagrees (−1 for
    /// different sizes) and the difference there: relative for `=` steps,
    /// absolute for `\approx` steps (`decimals` given).
    static func disagreement(_ a: [Double], _ b: [Double], tolerance: Double, scale: Double, decimals: Int? = nil) -> (element: Int, difference: Double)? {
        guard a.count == b.count else { return (-1, .nan) }
        for i in a.indices {
            let x = a[i], y = b[i]
            // NaN never agrees (not even with NaN); ±∞ agrees only with the same ±∞.
            if x.isNaN || y.isNaN { return (i, .nan) }
            if x == y { continue }
            if !x.isFinite || !y.isFinite { return (i, .infinity) }
            if let decimals {
                let allowed = 0.5 * Double.pow(10, -decimals) + 4 * max(abs(x), abs(y)).ulp
                if !(abs(x - y) <= allowed) { return (i, abs(x - y)) }
                continue
            }
            let size = max(abs(x), abs(y), scale)
            if !(abs(x - y) <= tolerance * size) {
                return (i, abs(x - y) / size)
            }
        }
        return nil
    }
}
