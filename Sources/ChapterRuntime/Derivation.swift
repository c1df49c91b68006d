/// Runs one derivation check inside the chapter program: `draws` times, draw
/// the inputs and evaluate every step; every step must equal the first.
///
/// Two values agree when, element by element, |a − b| ≤ tol · max(|a|, |b|, m),
/// where m is the largest magnitude in the first step's value: relative to
/// the size of the quantity, so that a gradient entry of 1e-17 next to
/// entries of order 1 counts as the 0 it is. Bool values count as 1 and 0.
/// A NaN never agrees, not even with NaN; an infinity agrees only with the
/// same infinity.
///
/// The comparison runs here, next to the values, and only a summary goes to
/// the engine: `{"t":"derivation","i":ID,"n":DRAWS,"f":[FAILURE…]}` with, for
/// each step that disagreed, its first failing draw — `{"k":STEP,"d":DRAW,
/// "in":[[NAME,VALUE]…],"a":FIRST,"b":THIS,"e":ELEMENT,"r":RELATIVE}`, where
/// ELEMENT is −1 when the sizes differ and −2 when a value is not numeric.
///
/// The seed of the draws comes from the engine when the program starts
/// (`TUTORIAL_SEEDS`: one seed per derivation, derived from the chapter and
/// the derivation's line), so moving a derivation does not need a recompile.
///
/// - Parameters:
///   - id: the derivation's number in the chapter.
///   - draws: how many random draws.
///   - tolerance: the relative tolerance.
///   - body: draws the inputs and returns them (name, value) with the value
///     of every step, in order.
public func __tutorialDerivation(
    _ id: Int, draws: Int, tolerance: Double,
    _ body: (inout SeededGenerator) -> (inputs: [(String, Any)], steps: [Any])
) {
    var random = SeededGenerator(seed: Channel.seed(for: id))
    var failures: [Int: String] = [:]
    var completed = 0
    for n in 0..<draws {
        let (inputs, steps) = body(&random)
        completed = n + 1
        guard let first = steps.first else { continue }
        let reference = ValueEncoder.numbers(first)
        let scale = reference?.map { abs($0) }.max() ?? 0
        for k in 1..<max(steps.count, 1) where failures[k] == nil {
            let values = ValueEncoder.numbers(steps[k])
            let verdict: (element: Int, relative: Double)?
            if let reference, let values {
                verdict = StepComparison.disagreement(reference, values, tolerance: tolerance, scale: scale)
            } else {
                verdict = (-2, .nan)
            }
            guard let (element, relative) = verdict else { continue }
            let encodedInputs = inputs.map { "[" + ValueEncoder.quote($0.0) + "," + ValueEncoder.encodeAny($0.1) + "]" }
            failures[k] = #"{"k":\#(k),"d":\#(n),"in":[\#(encodedInputs.joined(separator: ","))],"a":\#(ValueEncoder.encodeAny(first)),"b":\#(ValueEncoder.encodeAny(steps[k])),"e":\#(element),"r":\#(relative.isFinite ? relative.description : "null")}"#
        }
    }
    let list = failures.keys.sorted().map { failures[$0]! }.joined(separator: ",")
    Channel.send(#"{"t":"derivation","i":\#(id),"n":\#(completed),"f":[\#(list)]}"#)
}

/// Compares a step's numbers with the first step's.
enum StepComparison {
    /// nil when they agree; else the first element that disagrees (−1 for
    /// different sizes) and the relative difference there.
    static func disagreement(_ a: [Double], _ b: [Double], tolerance: Double, scale: Double) -> (element: Int, relative: Double)? {
        guard a.count == b.count else { return (-1, .nan) }
        for i in a.indices {
            let x = a[i], y = b[i]
            // NaN never agrees (not even with NaN); ±∞ agrees only with the same ±∞.
            if x.isNaN || y.isNaN { return (i, .nan) }
            if x == y { continue }
            if !x.isFinite || !y.isFinite { return (i, .infinity) }
            let size = max(abs(x), abs(y), scale)
            if !(abs(x - y) <= tolerance * size) {
                return (i, abs(x - y) / size)
            }
        }
        return nil
    }
}
