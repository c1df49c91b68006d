import RealModule
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

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
/// cancels the h² term of the error (``CentralDifferences``). F is also
/// evaluated at x and x ± h/4, only to tell whether a kink lies within the
/// steps (``KinkTest``).
private func slope(_ f: (__TeXValue) throws -> __TeXValue, along i: Int, of point: __TeXValue) throws -> __TeXValue {
    let (rows, columns, x) = grid(point)
    func at(_ offset: Double) throws -> __TeXValue {
        var moved = x
        moved[i] = x[i] + offset
        return try f(.matrix(rows: rows, columns: columns, moved))
    }
    // Whether F itself takes a derivative (F = f', when the step is f''):
    // its values then carry that derivative's error, far above rounding, and
    // only the inner derivative is tested for kinks.
    KinkTest.nested = false
    defer { KinkTest.nested = true }
    let (h, half) = CentralDifferences.steps(at: x[i])
    let quarter = (x[i] + half / 2) - x[i]
    let upH = try at(h), downH = try at(-h), upHalf = try at(half), downHalf = try at(-half)
    func central(_ up: __TeXValue, _ down: __TeXValue, _ step: Double) throws -> __TeXValue {
        map(try __texSubtract(up, down)) { $0 / (2 * step) }
    }
    let coarse = try central(upH, downH, h), fine = try central(upHalf, downHalf, half)
    let finest = try central(try at(quarter), try at(-quarter), quarter)
    let center = try at(0)
    if !KinkTest.nested {
        try KinkTest.check(
        coarse: coarse.numbers, fine: fine.numbers, finest: finest.numbers,
            values: (center.numbers, upH.numbers, downH.numbers, upHalf.numbers, downHalf.numbers), step: h)
    }
    return try __texSubtract(map(fine) { 4 * $0 / 3 }, map(coarse) { $0 / 3 })
}

/// Whether a derivative was taken across a kink, where the slope jumps by J
/// (`\max(0, x)` at 0, `|x|` at 0): there the extrapolated difference is no
/// derivative at all, and a right step would fail on that draw.
///
/// Two measures, each about h⁴ for a smooth F and about J for a kink:
/// - the extrapolations at (h, h/2) and at (h/2, h/4), which part by about
///   1.2·J·d/h for a kink at distance d < h/4 from x;
/// - the second differences s(k) = F(x + k) − 2F(x) + F(x − k), where
///   (s(h) − 4·s(h/2)) / h is about J·|3d − h| / h (a smooth F's s(k) is F''k²).
/// Each is zero for one d only, and not the same d, so together they see a
/// kink anywhere within h/2 of x; one farther away moves the result by less
/// than it moves these measures. A measure above 1e-6 of the slope's size
/// (and of rounding's share of F's values) is a kink, and the draw is not used
/// for the steps that hold the derivative (``__TeXKink``); a derivation at a
/// kink on every draw is an error that says so.
enum KinkTest {
    static let share = 1e-5

    /// Set by every derivative when it ends, so that one around it knows it held one.
    ///
    /// One flag per thread: a chapter program takes its derivatives on one thread,
    /// but one flag for the process let a derivative ending on another thread (the
    /// engine's tests take many at once) switch off this one's kink test.
    static var nested: Bool {
        get { pthread_getspecific(nestedKey) != nil }
        set { pthread_setspecific(nestedKey, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }

    private static let nestedKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func check(
        coarse: [Double], fine: [Double], finest: [Double],
        values: (center: [Double], upH: [Double], downH: [Double], upHalf: [Double], downHalf: [Double]), step h: Double
    ) throws {
        let n = coarse.count
        guard fine.count == n, finest.count == n, [values.center, values.upH, values.downH, values.upHalf, values.downHalf].allSatisfy({ $0.count == n }) else { return }
        func size(_ xs: [Double]) -> Double { xs.lazy.filter(\.isFinite).map(abs).max() ?? 0 }
        // Rounding moves F's values by a few ulps, which a difference divides by the step.
        let noise = 10_000 * Double.ulpOfOne * size(values.center + values.upH + values.downH) / h
        let slope = max(size(coarse), size(fine))
        let limit = share * slope + noise + Double.leastNormalMagnitude
        for k in 0..<n {
            let r1 = (4 * fine[k] - coarse[k]) / 3, r2 = (4 * finest[k] - fine[k]) / 3
            let s = values.upH[k] - 2 * values.center[k] + values.downH[k]
            let sHalf = values.upHalf[k] - 2 * values.center[k] + values.downHalf[k]
            let curvature = abs(s - 4 * sHalf) / h
            guard r1.isFinite, r2.isFinite, curvature.isFinite else { continue }
            if abs(r1 - r2) > limit || curvature > limit { throw __TeXKink() }
        }
    }
}

/// Thrown by a derivative taken across a kink: the step has no value on this draw.
public struct __TeXKink: Error, Sendable {}
