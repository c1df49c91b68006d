
/// `\nabla_{z_i} F`, `\frac{\partial F}{\partial z_i}`, `\frac{d}{dx} F`:
/// the derivative of F, taken numerically by central differences
/// (`CentralDifferences`, step ε^{1/3}·max(|x|, 1)).
///
/// - Parameters:
///   - point: the variable's value: a number, or a vector.
///   - component: for a vector, the component to differentiate by (`z_i`);
///     nil for the whole gradient.
///   - f: F, evaluated with the variable set to its argument.
public func __texDerivative(
    at point: __TeXValue, component: __TeXValue?, _ f: (__TeXValue) throws -> __TeXValue
) throws -> __TeXValue {
    var failure: (any Error)?
    func scalar(_ value: __TeXValue) -> Double {
        do {
            let y = try f(value)
            guard case .number(let x) = y else {
                throw __TeXError("the derivative of \(y.shape) is a matrix, which the reader does not evaluate; differentiate a number")
            }
            return x
        } catch {
            if failure == nil { failure = error }
            return .nan
        }
    }
    switch point {
    case .number(let x):
        guard component == nil else { throw __TeXError("a derivative by a component of a number") }
        let slope = CentralDifferences.gradient(of: { scalar(.number($0[0])) }, at: [x])[0]
        if let failure { throw failure }
        return .number(slope)
    case .vector(let v):
        let gradient = CentralDifferences.gradient(of: { scalar(.vector($0)) }, at: v)
        if let failure { throw failure }
        guard let component else { return .vector(gradient) }
        return try __texElement(.vector(gradient), component, "the gradient")
    }
}
