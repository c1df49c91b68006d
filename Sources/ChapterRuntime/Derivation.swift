internal import ChapterChannel
import RealModule

/// How a step joins the chain, as the engine's TeX reader saw it.
public enum __TeXRelation: Sendable {
    /// The first step of a chain.
    case first
    /// `=`.
    case equal
    /// `\approx` with the decimals the step writes.
    case approximately(Int)
    /// `<`, `\le`, `>`, `\ge` with the step before.
    case less, lessOrEqual, greater, greaterOrEqual
}

/// Runs one derivation check inside the chapter program: `draws` times,
/// draw the inputs and evaluate every step, then compare each step by its
/// relation.
///
/// A derivation is one or more chains, each opened by a `.first` step. An
/// `=` step agrees with its chain's settled value (the chain's first step,
/// or the step after its latest inequality) when, element by element,
/// |a − b| ≤ max(tol · max(|a|, |b|, m), atol), m the largest finite
/// magnitude in the settled value: relative to the size of the quantity,
/// with an absolute floor so that identities whose value is 0 hold on
/// rounding noise. A step joined by `\approx` with d decimals agrees when
/// |a − b| ≤ ½·10^(−d) (plus 4 ulps for binary rounding), the rule of
/// claims. An inequality step compares with the step right before it,
/// allowing the same tolerances (so `q_y - 1 \le 0` holds when q_y rounds to
/// 1). Bool values count as 1 and 0. A NaN never agrees, not even with NaN;
/// an infinity agrees only with the same infinity.
///
/// Before an `=` disagreement becomes a failure, ``RoundingProbe`` measures
/// how much rounding of the inputs moves both steps; a disagreement within
/// that is a `losesDigits` warning, unless it happens on every draw.
///
/// Only a summary goes to the engine: a `ChannelRecord.derivation` with,
/// for each step that disagreed, its first failing draw and how.
///
/// - Parameters:
///   - id: the derivation's number in the chapter.
///   - draws: how many random draws (1 for a worked example).
///   - tolerance: the relative tolerance of `=` steps.
///   - absolute: the absolute tolerance of `=` steps.
///   - relations: for each step, how it joins the chain.
///   - body: draws the inputs and returns them (name, value) with every step, in order.
public func __tutorialDerivation(
    _ id: Int, draws: Int, tolerance: Double, absolute: Double, relations: [__TeXRelation],
    _ body: (inout SeededGenerator) -> (inputs: [(String, Any)], steps: [__TeXStep])
) {
    var random = SeededGenerator(seed: Channel.seed(for: id))
    var failures: [Int: DerivationFailure] = [:]
    var warnings: [Int: DerivationFailure] = [:]
    var confirmed = Set<Int>()
    var evaluated = Set<Int>()
    /// For each `=` step, how it differed where it agreed within the tolerance.
    var offsets: [Int: SteadyOffset] = [:]
    /// The first draw's inputs, and which of them every draw since has repeated.
    var firstInputs: [DerivationFailure.Input]?
    var repeated: [Bool] = []
    /// The first draw on which a derivative was at a kink, to name its inputs.
    var firstKink: DerivationFailure?
    var completed = 0
    for n in 0..<draws {
        let (inputs, steps) = body(&random)
        completed = n + 1
        let drawn = inputs.map { DerivationFailure.Input(name: $0.0, value: ValueEncoder.value(of: $0.1)) }
        if let firstInputs {
            for j in repeated.indices where repeated[j] && (j >= drawn.count || drawn[j] != firstInputs[j]) { repeated[j] = false }
        } else {
            firstInputs = drawn
            repeated = drawn.map { _ in true }
        }
        func failure(_ k: Int, _ reference: (Int, Any)?, _ b: Any, _ disagreement: DerivationFailure.Disagreement) -> DerivationFailure {
            DerivationFailure(
                step: k, draw: n, inputs: drawn, first: ValueEncoder.value(of: reference?.1 ?? "?"), this: ValueEncoder.value(of: b),
                disagreement: disagreement, reference: reference?.0)
        }
        func record(_ k: Int, _ reference: (Int, Any)?, _ b: Any, _ disagreement: DerivationFailure.Disagreement) {
            if failures[k] == nil { failures[k] = failure(k, reference, b, disagreement) }
        }
        /// Adds step k's agreeing pairs (element, reference's number, step's number) to its steady-offset watch.
        func watch(_ k: Int, _ reference: (Int, Any), _ b: Any, _ pairs: some Sequence<(Int, Double, Double)>) {
            var offset = offsets[k] ?? SteadyOffset()
            guard offset.isSteady else { return }
            for (i, x, y) in pairs where offset.add(x, y) { offset.first = (i, failure(k, reference, b, .neverEvaluated)) }
            offsets[k] = offset
        }
        /// The chain's settled step and the step before this one: (index, value, numbers).
        var settled: (Int, Any, [Double]?)?
        var previous: (Int, Any, [Double]?)?
        for k in steps.indices {
            let relation = k < relations.count ? relations[k] : (k == 0 ? .first : .equal)
            let step = steps[k]
            if case .skipped = step {
                if case .first = relation { settled = nil; previous = nil }
                continue
            }
            evaluated.insert(k)
            if case .atKink = step {
                // No value on this draw: neither it nor, if it starts the
                // chain, the steps after it are compared on this draw.
                if firstKink == nil { firstKink = failure(k, nil, "?", .neverEvaluated) }
                if case .first = relation { settled = nil }
                previous = nil
                continue
            }
            if case .failed(let message) = step {
                record(k, settled.map { ($0.0, $0.1) }, "?", .unevaluated(message: message))
                if case .first = relation { settled = nil }
                previous = nil
                continue
            }
            guard let value = step.value else { continue }
            let numbers = ValueEncoder.numbers(value)
            if case .first = relation {
                settled = (k, value, numbers)
                previous = settled
                confirmed.insert(k)
                continue
            }
            switch relation {
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                defer { settled = (k, value, numbers); previous = settled }
                guard let before = previous else { continue }
                guard let a = before.2, let b = numbers else { record(k, (before.0, before.1), value, .notNumeric); continue }
                guard a.count == b.count, sameShape(before.1, value) else { record(k, (before.0, before.1), value, .sizes); continue }
                if let i = StepComparison.broken(relation, a, b, tolerance: tolerance, absolute: absolute) {
                    record(k, (before.0, before.1), value, .inequality(index: i))
                } else {
                    confirmed.insert(k)
                    // Where `\le` or `\ge` held only by the tolerance, it must not be broken by the same amount every time.
                    watch(k, (before.0, before.1), value, a.indices.lazy.filter { StepComparison.heldBySlackOnly(relation, a[$0], b[$0]) }.map { ($0, b[$0], a[$0]) })
                }
                continue
            default: break
            }
            defer { previous = (k, value, numbers) }
            guard let reference = settled else { continue }
            guard let referenceNumbers = reference.2 else { record(k, (reference.0, reference.1), value, .notNumeric); continue }
            guard sameShape(reference.1, value) else { record(k, (reference.0, reference.1), value, .sizes); continue }
            if case .range(_, let low, let high) = step {
                if let outside = StepComparison.outside(referenceNumbers, low: low, high: high) {
                    switch outside {
                    case .sizes: record(k, (reference.0, reference.1), value, .sizes)
                    case .element(let i, _): record(k, (reference.0, reference.1), value, .outsideRange(index: i, low: low[i], high: high[i]))
                    }
                } else {
                    confirmed.insert(k)
                }
                continue
            }
            guard let values = numbers else { record(k, (reference.0, reference.1), value, .notNumeric); continue }
            var places: Int?
            if case .approximately(let d) = relation { places = d }
            let scale = StepComparison.scale(referenceNumbers)
            switch StepComparison.disagreement(referenceNumbers, values, tolerance: tolerance, absolute: absolute, scale: scale, decimals: places) {
            case nil:
                confirmed.insert(k)
                if places == nil { watch(k, (reference.0, reference.1), value, values.indices.lazy.map { ($0, referenceNumbers[$0], values[$0]) }) }
            case .sizes?: record(k, (reference.0, reference.1), value, .sizes)
            case .element(let i, let difference)?:
                // Once step k has an error, later draws cannot change what is
                // reported (the first error stands), so no probe is paid for them.
                if places == nil, difference.isFinite, failures[k] == nil,
                   let spread = roundingSpread(steps[reference.0], step, at: i, seed: UInt64(n) &* 0x9E37_79B9 &+ UInt64(k)),
                   abs(referenceNumbers[i] - values[i]) <= 2 * spread + absolute {
                    if warnings[k] == nil {
                        warnings[k] = failure(k, (reference.0, reference.1), value,
                            .losesDigits(index: i, difference: difference, spread: spread / max(abs(referenceNumbers[i]), abs(values[i]), scale)))
                    }
                } else {
                    record(k, (reference.0, reference.1), value, .element(index: i, difference: difference.isFinite ? difference : nil))
                }
            }
        }
    }
    // A step that agreed only by the tolerance, off by the same amount every time, is not equal as written.
    for (k, offset) in offsets where failures[k] == nil && warnings[k] == nil {
        guard let verdict = offset.verdict, var steady = offset.first?.example, let index = offset.first?.index else { continue }
        steady.disagreement = .steadyOffset(index: index, difference: verdict.difference, relative: verdict.relative, count: offset.count)
        failures[k] = steady
    }
    // A warning stands alone only where some draw confirmed the step; a step
    // that only ever agreed within rounding, or never ran, was not checked.
    for (k, warning) in warnings where failures[k] == nil {
        failures[k] = warning
        if !confirmed.contains(k) { failures[k]?.disagreement = .unevaluated(message: "it agrees only within rounding on every draw, so nothing confirms it (the formula loses digits: rewrite it, or check it on other inputs)") }
    }
    // A step that some draw evaluated but no draw compared, because a
    // derivative was at a kink each time, was not checked.
    if let firstKink {
        for k in evaluated.sorted() where failures[k] == nil && !confirmed.contains(k) {
            var never = firstKink
            never.step = k
            never.reference = nil
            never.disagreement = .unevaluated(message: "a derivative in this derivation was taken at a kink here, where its slope jumps (as `\\max(0, x)` at 0), and on every other draw that reached this step, so the step was never compared; draw the inputs away from the kink")
            failures[k] = never
        }
    }
    if draws > 0 {
        for k in relations.indices where !evaluated.contains(k) && failures[k] == nil {
            failures[k] = DerivationFailure(step: k, draw: 0, inputs: [], first: ValueEncoder.value(of: "?"), this: ValueEncoder.value(of: "?"), disagreement: .neverEvaluated)
        }
    }
    // An input that every draw gave the same value checked the steps at that value only
    // (said when nothing else is wrong: a kink or a failure says more).
    if completed > 1, let firstInputs, let j = repeated.firstIndex(of: true),
       failures.values.allSatisfy({ if case .losesDigits = $0.disagreement { true } else { false } }) {
        failures[0] = DerivationFailure(step: 0, draw: 0, inputs: firstInputs, first: firstInputs[j].value, this: firstInputs[j].value,
                                        disagreement: .constantInput(name: firstInputs[j].name))
    }
    Channel.send(.derivation(id: id, draws: completed, failures: failures.keys.sorted().map { failures[$0]! }))
}

/// Whether two step values have one shape where both are matrices: a 2×3
/// and a 3×2 matrix hold as many numbers, and are still not equal.
func sameShape(_ a: Any, _ b: Any) -> Bool {
    func shape(_ v: Any) -> [Int]? {
        switch v {
        case let m as [[Double]]: return [m.count] + m.map(\.count)
        case let m as [[Float]]: return [m.count] + m.map(\.count)
        case let m as [[Int]]: return [m.count] + m.map(\.count)
        default: return nil
        }
    }
    guard let x = shape(a), let y = shape(b) else { return true }
    return x == y
}

/// The spread ``RoundingProbe`` measures for element `i` of two steps
/// (the sum of both), or nil when either cannot be evaluated again.
func roundingSpread(_ a: __TeXStep, _ b: __TeXStep, at i: Int, seed: UInt64) -> Double? {
    func spread(_ step: __TeXStep) -> Double? {
        switch step {
        case .computed(let value, let again):
            guard let nominal = ValueEncoder.numbers(value), i < nominal.count else { return nil }
            return RoundingProbe.spread(of: again, nominal: nominal, seed: seed)?[i]
        case .value: return 0
        default: return nil
        }
    }
    guard let x = spread(a), let y = spread(b), x + y > 0 else { return nil }
    return x + y
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
    static func disagreement(_ a: [Double], _ b: [Double], tolerance: Double, absolute: Double = 0, scale: Double, decimals: Int? = nil) -> Mismatch? {
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
            if !(abs(x - y) <= max(tolerance * size, absolute)) {
                return .element(i, difference: abs(x - y) / size)
            }
        }
        return nil
    }

    /// Whether `a RELATION b` (`\le` or `\ge`) holds only thanks to the
    /// tolerances: a is above b for `\le`, below it for `\ge`.
    static func heldBySlackOnly(_ relation: __TeXRelation, _ a: Double, _ b: Double) -> Bool {
        switch relation {
        case .lessOrEqual: a > b
        case .greaterOrEqual: a < b
        default: false
        }
    }

    /// The first element where `a RELATION b` fails; nil when it holds
    /// everywhere. `\le` and `\ge` allow the tolerances of `=` (a ≤ b holds
    /// when a − b ≤ max(tol · max(|a|, |b|), atol)); `<` and `>` must hold as computed.
    static func broken(_ relation: __TeXRelation, _ a: [Double], _ b: [Double], tolerance: Double, absolute: Double) -> Int? {
        for i in a.indices {
            let x = a[i], y = b[i]
            if x.isNaN || y.isNaN { return i }
            let slack = x.isFinite && y.isFinite ? max(tolerance * max(abs(x), abs(y)), absolute) : 0
            let holds: Bool
            switch relation {
            // A strict inequality must hold as computed: equal values never satisfy it.
            case .less: holds = x < y
            case .greater: holds = x > y
            case .lessOrEqual: holds = x <= y + slack
            case .greaterOrEqual: holds = x >= y - slack
            default: holds = true
            }
            if !holds { return i }
        }
        return nil
    }
}
