/// `\begin{cases} a & \text{if } x > 0 \\ b & \text{otherwise} \end{cases}`:
/// the value of the case whose condition holds.
///
/// Published piecewise definitions mean their conditions to exclude one
/// another. When two hold and their values differ, the definition says two
/// things at that input, and the step fails rather than pick one; when none
/// holds and there is no `\text{otherwise}`, it has no value there.
/// - Parameters:
///   - cases: each case's condition and value, in order; a value is
///     evaluated only when its condition holds.
///   - otherwise: the value when no condition holds.
/// - Throws: `__TeXError` when cases that hold disagree, or none holds.
public func __texCases(
    _ cases: [(condition: () throws -> Bool, value: () throws -> __TeXValue)], otherwise: (() throws -> __TeXValue)?
) throws -> __TeXValue {
    var found: (number: Int, value: __TeXValue)?
    for (k, item) in cases.enumerated() where try item.condition() {
        let value = try item.value()
        if let first = found {
            guard first.value.numbers.count == value.numbers.count,
                  zip(first.value.numbers, value.numbers).allSatisfy({ $0 == $1 || abs($0 - $1) <= 1e-12 * max(abs($0), abs($1)) })
            else {
                throw __TeXError("cases \(first.number + 1) and \(k + 1) both hold here and their values differ (\(first.value.numbers.first ?? .nan) and \(value.numbers.first ?? .nan)): make the conditions exclude each other")
            }
        } else {
            found = (k, value)
        }
    }
    if let found { return found.value }
    guard let otherwise else { throw __TeXError("no case's condition holds here, and there is no `\\text{otherwise}` case") }
    return try otherwise()
}
