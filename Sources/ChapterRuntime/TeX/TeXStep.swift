/// The value of one derivation step, or why it has none.
public enum __TeXStep {
    case value(Any)
    /// An `\approx` step: its value as written, and the range of its values
    /// as its written numbers vary within their last digit.
    case range(Any, low: [Double], high: [Double])
    case failed(String)
}

/// A step read from TeX: its value, or the message of the error that
/// stopped it (an index out of range, a size mismatch).
public func __texStep(_ body: () throws -> __TeXValue) -> __TeXStep {
    do {
        switch try body() {
        case .number(let x): return .value(x)
        case .vector(let v): return .value(v)
        }
    } catch let error as __TeXError {
        return .failed(error.message)
    } catch {
        return .failed("\(error)")
    }
}

/// A step's Swift twin: the value of the Swift after `%`.
public func __texTwin(_ value: Any) -> __TeXStep { .value(value) }

/// Which corner of its written numbers' ranges an `\approx` step is being
/// evaluated at: bit k set means literal k at its upper end; −1 means every
/// literal as written.
enum LiteralCorner {
    nonisolated(unsafe) static var current = -1
    /// Literals beyond this many stay as written (2^12 evaluations at most).
    static let limit = 12
}

/// A decimal number written in an `\approx` step: as written, or at either
/// end of the range its digits claim (±half a unit in its last digit).
public func __texLiteral(_ x: Double, _ halfUnit: Double, _ id: Int) -> __TeXValue {
    let corner = LiteralCorner.current
    guard corner >= 0, id < LiteralCorner.limit else { return .number(x) }
    return .number((corner >> id) & 1 == 1 ? x + halfUnit : x - halfUnit)
}

/// An `\approx` step: its value as written, and the range it takes as each
/// of its `literals` decimal numbers moves by half a unit in its last digit
/// (evaluated at every corner of those ranges). The step agrees when the
/// first step's value lies in that range — the claim rule, applied to every
/// number the step writes.
public func __texApproximateStep(literals: Int, _ body: () throws -> __TeXValue) -> __TeXStep {
    let nominal = __texStep(body)
    guard case .value(let value) = nominal, var low = ValueEncoder.numbers(value) else { return nominal }
    var high = low
    defer { LiteralCorner.current = -1 }
    for corner in 0..<(1 << min(literals, LiteralCorner.limit)) {
        LiteralCorner.current = corner
        guard let numbers = try? body().numbers, numbers.count == low.count else { continue }
        for i in numbers.indices {
            low[i] = min(low[i], numbers[i])
            high[i] = max(high[i], numbers[i])
        }
    }
    return .range(value, low: low, high: high)
}
