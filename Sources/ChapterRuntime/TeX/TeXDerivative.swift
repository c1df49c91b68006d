import RealModule

/// `\nabla_{z_i} F`, `\frac{\partial F}{\partial z_i}`, `\frac{d}{dx} F`:
/// the derivative of F, taken numerically by central differences with
/// Richardson extrapolation (``CentralDifferences``).
///
/// What it is depends on the shapes, as in the matrix calculus textbooks
/// use (numerator layout):
/// - by a number, or by one component `z_i`: F's shape, each entry's slope;
/// - a number by a vector or a matrix: the gradient, of the variable's shape;
/// - a vector F by a vector z: the Jacobian, J_ij = ∂F_i/∂z_j, so that
///   `S'(z) = \operatorname{diag}(S) - S S^T` can be checked.
/// Anything else would be a tensor, and is an error.
///
/// - Parameters:
///   - point: the variable's value.
///   - component: for a vector, the component to differentiate by (`z_i`);
///     nil for the whole variable.
///   - f: F, evaluated with the variable set to its argument.
public func __texDerivative(
    at point: __TeXValue, component: __TeXValue?, _ f: (__TeXValue) throws -> __TeXValue
) throws -> __TeXValue {
    let (rows, columns, x) = grid(point)
    if let component {
        guard case .vector = point else { throw __TeXError("a derivative by a component of \(point.shape)") }
        let i = try Int.__fromTeX(component)
        guard i >= 0, i < x.count else {
            throw __TeXError("a derivative by component \(i) of a vector of \(x.count) elements (indices 0…\(x.count - 1), as Swift counts)")
        }
        return try slope(f, along: i, of: point)
    }
    let slopes = try x.indices.map { try slope(f, along: $0, of: point) }
    switch (point, slopes.first) {
    case (.number, let only?): return only
    case (_, .number?): return .matrix(rows: rows, columns: columns, slopes.map { $0.numbers[0] })
    case (.vector, .vector(let first)?):
        // Column j is ∂F/∂z_j.
        var entries = [Double](repeating: 0, count: first.count * x.count)
        for (j, column) in slopes.enumerated() {
            for (i, value) in column.numbers.enumerated() { entries[i * x.count + j] = value }
        }
        return .matrix(rows: first.count, columns: x.count, entries)
    case (_, let some?):
        throw __TeXError("the derivative of \(some.shape) by \(point.shape) is a tensor, which the reader does not evaluate; differentiate one entry, or by one component")
    case (_, nil):
        throw __TeXError("a derivative by an empty vector")
    }
}

/// The slope of F along flat coordinate i of x, entry by entry: central
/// differences D(h) = (F(x + h·e_i) − F(x − h·e_i)) / 2h at h and h/2,
/// combined by Richardson extrapolation, (4·D(h/2) − D(h)) / 3, which
/// cancels the h² term of the error (``CentralDifferences``).
private func slope(_ f: (__TeXValue) throws -> __TeXValue, along i: Int, of point: __TeXValue) throws -> __TeXValue {
    let (rows, columns, x) = grid(point)
    func central(_ h: Double) throws -> __TeXValue {
        var moved = x
        moved[i] = x[i] + h
        let up = try f(.matrix(rows: rows, columns: columns, moved))
        moved[i] = x[i] - h
        let down = try f(.matrix(rows: rows, columns: columns, moved))
        return map(try __texSubtract(up, down)) { $0 / (2 * h) }
    }
    let (h, half) = CentralDifferences.steps(at: x[i])
    let coarse = try central(h), fine = try central(half)
    return try __texSubtract(map(fine) { 4 * $0 / 3 }, map(coarse) { $0 / 3 })
}
