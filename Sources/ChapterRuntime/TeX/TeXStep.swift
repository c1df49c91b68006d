/// The value of one derivation step, or why it has none.
public enum __TeXStep {
    /// A Swift twin's value, which cannot be evaluated again.
    case value(Any)
    /// A step read from TeX: its value, and the step itself, so that the
    /// checker can evaluate it again with its inputs nudged by a few ulps
    /// (``RoundingProbe``) before it calls a disagreement an error.
    case computed(Any, again: () throws -> __TeXValue)
    /// An `\approx` step: its value as written, and the range of its values
    /// as its rounded numbers vary within their last digit.
    case range(Any, low: [Double], high: [Double])
    /// The step could not be evaluated.
    case failed(String)
    /// The step's side condition (`\quad \text{for } i \ne j`) does not hold on this draw.
    case skipped
    /// A derivative in the step was taken across a kink on this draw (``KinkTest``).
    case atKink

    /// The step's value, when it has one.
    var value: Any? {
        switch self {
        case .value(let v), .computed(let v, _), .range(let v, _, _): return v
        case .failed, .skipped, .atKink: return nil
        }
    }
}

/// A step read from TeX: its value, or the message of the error that
/// stopped it (an index out of range, a size mismatch).
public func __texStep(_ body: @escaping () throws -> __TeXValue) -> __TeXStep {
    do {
        switch try body() {
        case .number(let x): return .computed(x, again: body)
        case .vector(let v): return .computed(v, again: body)
        case let matrix: return .computed(matrix.rows ?? [], again: body)  // a matrix, as its rows
        }
    } catch let error as __TeXError {
        return .failed(error.message)
    } catch is __TeXKink {
        return .atKink
    } catch {
        return .failed("\(error)")
    }
}

/// A step's Swift twin: the value of the Swift after `%`.
public func __texTwin(_ value: Any) -> __TeXStep { .value(value) }

/// A step with a side condition: skipped on the draws where it does not hold.
public func __texGuarded(_ condition: () throws -> Bool, _ step: () -> __TeXStep) -> __TeXStep {
    do {
        return try condition() ? step() : .skipped
    } catch let error as __TeXError {
        return .failed("its condition could not be evaluated: \(error.message)")
    } catch {
        return .failed("its condition could not be evaluated: \(error)")
    }
}

/// Which corner of its rounded numbers' ranges an `\approx` step is being
/// evaluated at: bit k set means literal k at its upper end; −1 means every
/// literal as written. Only the literals `moving` marks vary.
enum LiteralCorner {
    nonisolated(unsafe) static var current = -1
    nonisolated(unsafe) static var moving: [Bool] = []
    /// Literals beyond this many stay as written (2^12 evaluations at most).
    static let limit = 12
}

/// A decimal number written in an `\approx` step: as written, or at either
/// end of the range its digits claim (±half a unit in its last digit).
public func __texLiteral(_ x: Double, _ halfUnit: Double, _ id: Int) -> __TeXValue {
    let corner = LiteralCorner.current
    guard corner >= 0, id < LiteralCorner.limit, id < LiteralCorner.moving.count, LiteralCorner.moving[id] else { return .number(x) }
    return .number((corner >> id) & 1 == 1 ? x + halfUnit : x - halfUnit)
}

/// An `\approx` step: its value as written, and the range it takes as each
/// of its *rounded* numbers moves by half a unit in its last digit
/// (evaluated at every corner of those ranges). The step agrees when the
/// first step's value lies in that range.
///
/// Which numbers are rounded: a step that is a lone number is its result,
/// rounded. Inside an expression, a number equal to a value of the
/// chapter's code or of the block's inputs (`known`) is exact; one within
/// half a unit of such a value is that value rounded, so it varies; any other
/// number with three or more significant digits (`0.2231`, a hand-computed
/// intermediate) is a rounded result and varies; a shorter one (`0.1`,
/// `2.5`) is a constant of the formula, and exact, since ±half a unit would
/// be a large part of it.
///
/// - Parameters:
///   - literals: the step's decimal numbers, as written, in emission order.
///   - halfUnits: half a unit in each one's last digit.
///   - digits: each one's significant digits, as written.
///   - lone: whether the step is one number and nothing else.
///   - known: the chapter's values and the block's inputs and values.
public func __texApproximateStep(
    literals: [Double], halfUnits: [Double], digits: [Int], lone: Bool, known: () -> [Any], _ body: @escaping () throws -> __TeXValue
) -> __TeXStep {
    let nominal = __texStep(body)
    guard case .computed(let value, _) = nominal, var low = ValueEncoder.numbers(value) else { return nominal }
    let numbers = lone ? [] : known().compactMap(ValueEncoder.numbers).flatMap { $0 }
    let moving = literals.indices.map { k -> Bool in
        if lone { return true }
        if numbers.contains(literals[k]) { return false }
        if numbers.contains(where: { abs($0 - literals[k]) <= halfUnits[k] }) { return true }
        return k < digits.count && digits[k] >= 3
    }
    var high = low
    LiteralCorner.moving = moving
    defer { LiteralCorner.current = -1; LiteralCorner.moving = [] }
    for corner in 0..<(1 << min(moving.filter { $0 }.count == 0 ? 0 : literals.count, LiteralCorner.limit)) {
        LiteralCorner.current = corner
        guard let numbers = try? body().numbers, numbers.count == low.count else { continue }
        for i in numbers.indices {
            low[i] = min(low[i], numbers[i])
            high[i] = max(high[i], numbers[i])
        }
    }
    return .range(value, low: low, high: high)
}
