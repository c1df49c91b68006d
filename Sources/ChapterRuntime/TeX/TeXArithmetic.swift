import RealModule

// Arithmetic on TeX values. Numbers combine with numbers; a vector or a
// matrix and a number combine element by element (`z + c` adds c to every
// element); two vectors, or two matrices, add and subtract element by
// element and must have one shape.
//
// Products follow linear algebra, with a vector as a column: a matrix times
// a vector or a matrix, a row (`u^T`, a 1×n matrix) times a vector (the dot
// product, a number), a vector times a row (the outer product `u v^T`). Two
// vectors side by side have more than one meaning (dot or element by
// element?), and so do their quotient and power: each is an error, never a guess.

/// `a + b`: numbers, a number and a vector or matrix, or two of one shape.
/// - Throws: `__TeXError` for values of different shapes.
public func __texAdd(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    try elementwise(a, b, "+", +)
}

/// `a - b`, by the rules of `__texAdd`.
/// - Throws: `__TeXError` for values of different shapes.
public func __texSubtract(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    try elementwise(a, b, "-", -)
}

/// `a · b`: a number times anything; a matrix times a vector or a matrix
/// (the columns of the left one the rows of the right one); a row `u^T`
/// times a vector (the dot product); a vector times a row (the outer product).
/// - Throws: `__TeXError` for two vectors, whose product is ambiguous, and for sizes that do not chain.
public func __texMultiply(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    switch (a, b) {
    case (.number(let x), _): return map(b) { x * $0 }
    case (_, .number(let y)): return map(a) { $0 * y }
    case (.vector, .vector):
        throw __TeXError("a product of two vectors is ambiguous (dot product, or element by element?); write `u^T v` (or `u^\\top v`) for the dot product, or the sum, \\sum_j u_j v_j")
    default:
        let (r1, c1, x) = grid(a), (r2, c2, y) = grid(b)
        guard c1 == r2 else {
            throw __TeXError("a product of \(a.shape) and \(b.shape): the left one has \(c1) column\(c1 == 1 ? "" : "s") and the right one \(r2) row\(r2 == 1 ? "" : "s")")
        }
        var entries = [Double](repeating: 0, count: r1 * c2)
        for i in 0..<r1 {
            for j in 0..<c2 {
                var total = 0.0
                for k in 0..<c1 { total += x[i * c1 + k] * y[k * c2 + j] }
                entries[i * c2 + j] = total
            }
        }
        return .matrix(rows: r1, columns: c2, entries)
    }
}

/// `a / b`: a number, vector or matrix divided by a number.
/// - Throws: `__TeXError` when the divisor is not a number.
public func __texDivide(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    switch (a, b) {
    case (_, .number(let y)): return map(a) { $0 / y }
    case (.number(let x), .vector): return map(b) { x / $0 }
    default: throw __TeXError("a quotient of \(a.shape) by \(b.shape) is ambiguous; the reader divides by numbers only")
    }
}

/// `-a`, element by element.
public func __texNegate(_ a: __TeXValue) -> __TeXValue { map(a) { -$0 } }

/// `a^T`, `a^\top`: a vector becomes a row (a 1×n matrix), a matrix its
/// transpose, and a number stays itself.
public func __texTranspose(_ a: __TeXValue) -> __TeXValue {
    let (r, c, x) = grid(a)
    var entries = [Double](repeating: 0, count: r * c)
    for i in 0..<r { for j in 0..<c { entries[j * r + i] = x[i * c + j] } }
    return .matrix(rows: c, columns: r, entries)
}

/// A value as rows × columns entries, row after row: a vector is a column.
func grid(_ a: __TeXValue) -> (rows: Int, columns: Int, entries: [Double]) {
    switch a {
    case .number(let x): return (1, 1, [x])
    case .vector(let v): return (v.count, 1, v)
    case .matrix(let r, let c, let entries): return (r, c, entries)
    }
}

/// `a^{b}` of numbers.
public func __texPower(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    if case .matrix(let n, let c, _) = a, case .number(let y) = b {
        return try matrixPower(a, rows: n, columns: c, exponent: y)
    }
    guard case .number(let x) = a, case .number(let y) = b else {
        throw __TeXError("a power of \(a.shape) to \(b.shape) is ambiguous; the reader raises numbers only")
    }
    if y == y.rounded(), abs(y) <= 64 { return .number(Double.pow(x, Int(y))) }
    return .number(Double.pow(x, y))
}

/// `e^{x}`, `\exp`: element by element on a vector.
public func __texExp(_ a: __TeXValue) -> __TeXValue { map(a) { Double.exp($0) } }

/// The trigonometric and hyperbolic functions the TeX reader reads.
public enum __TeXTrigonometric: Sendable {
    case sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh
}

/// `\sin`, `\cos`, `\tan`, `\arcsin`, `\arccos`, `\arctan`, `\sinh`,
/// `\cosh`, `\tanh`: element by element on a vector (swift-numerics' `Real`).
public func __texTrigonometric(_ a: __TeXValue, _ function: __TeXTrigonometric) -> __TeXValue {
    switch function {
    case .sin: map(a) { Double.sin($0) }
    case .cos: map(a) { Double.cos($0) }
    case .tan: map(a) { Double.tan($0) }
    case .arcsin: map(a) { Double.asin($0) }
    case .arccos: map(a) { Double.acos($0) }
    case .arctan: map(a) { Double.atan($0) }
    case .sinh: map(a) { Double.sinh($0) }
    case .cosh: map(a) { Double.cosh($0) }
    case .tanh: map(a) { Double.tanh($0) }
    }
}

/// `\log`, `\ln`: the natural logarithm, element by element on a vector.
public func __texLog(_ a: __TeXValue) -> __TeXValue { map(a) { Double.log($0) } }

/// `\log(1 + x)`, computed as log1p(x) so that it keeps its accuracy when x is tiny.
public func __texLog1p(_ a: __TeXValue) -> __TeXValue { map(a) { Double.log(onePlus: $0) } }

/// `\sqrt{a}`, element by element.
public func __texSqrt(_ a: __TeXValue) -> __TeXValue { map(a) { Double.sqrt($0) } }

/// `|x|` of a number (of a vector it could mean the norm or each element's size).
public func __texAbs(_ a: __TeXValue) throws -> __TeXValue {
    guard case .number(let x) = a else { throw __TeXError("|…| of a vector is ambiguous (norm, or each element?); the reader takes |x| of numbers only") }
    return .number(Swift.abs(x))
}

/// `a \odot b`: element by element, two vectors of one length or two
/// matrices of one shape. A number is not read: `2 \odot v` is a slip for `2 v`.
public func __texHadamard(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    switch (a, b) {
    case (.vector(let x), .vector(let y)) where x.count == y.count:
        return .vector(zip(x, y).map { $0 * $1 })
    case (.matrix(let r, let c, let x), .matrix(let r2, let c2, let y)) where r == r2 && c == c2:
        return .matrix(rows: r, columns: c, entries: zip(x, y).map { $0 * $1 })
    default:
        throw __TeXError("`⊙` multiplies two vectors of one length or two matrices of one shape, element by element; here \(a.shape) and \(b.shape)")
    }
}

/// `\langle a, b \rangle`: the dot product of two vectors of one length, the
/// sum of the element-wise products of two matrices of one shape, or the
/// product of two numbers.
public func __texInner(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    switch (a, b) {
    case (.number(let x), .number(let y)): return .number(x * y)
    case (.vector(let x), .vector(let y)) where x.count == y.count:
        return .number(zip(x, y).reduce(0) { $0 + $1.0 * $1.1 })
    case (.matrix(let r, let c, let x), .matrix(let r2, let c2, let y)) where r == r2 && c == c2:
        return .number(zip(x, y).reduce(0) { $0 + $1.0 * $1.1 })
    default:
        throw __TeXError("`⟨a, b⟩` takes two vectors of one length or two matrices of one shape; here \(a.shape) and \(b.shape)")
    }
}

/// The norms the TeX reader reads.
public enum __TeXNorm: Sendable {
    case norm, norm1, normInfinity, normFrobenius
}

/// `\|v\|` and `\|v\|_2` (Euclidean), `\|v\|_1`, `\|v\|_\infty` of a vector
/// or a number; `\|A\|_F` of a matrix. A matrix's `\|A\|` is ambiguous
/// (spectral, or Frobenius?), so it is an error that says what to write.
public func __texNorm(_ a: __TeXValue, _ kind: __TeXNorm) throws -> __TeXValue {
    let elements: [Double]
    switch a {
    case .number(let x): elements = [x]
    case .vector(let v):
        if kind == .normFrobenius { throw __TeXError("`\\|…\\|_F` is the Frobenius norm of a matrix, and this is \(a.shape): write `\\|…\\|` or `\\|…\\|_2`") }
        elements = v
    case .matrix(_, _, let entries):
        guard kind == .normFrobenius else { throw __TeXError("a norm of \(a.shape) is ambiguous (spectral, or Frobenius?): write `\\|A\\|_F` for the Frobenius norm") }
        elements = entries
    default: throw __TeXError("a norm of \(a.shape) is not read")
    }
    switch kind {
    case .norm, .normFrobenius:
        // Scaled by the largest magnitude, so that squares neither overflow nor underflow.
        let scale = elements.reduce(0) { Swift.max($0, Swift.abs($1)) }
        guard scale > 0, scale.isFinite else { return .number(scale) }
        return .number(scale * Double.sqrt(elements.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }))
    case .norm1: return .number(elements.reduce(0) { $0 + Swift.abs($1) })
    case .normInfinity: return .number(elements.reduce(0) { Swift.max($0, Swift.abs($1)) })
    }
}

/// `z_i`: element i of a vector, counting from 0 as Swift does.
public func __texElement(_ base: __TeXValue, _ index: __TeXValue, _ written: String) throws -> __TeXValue {
    if case .matrix = base {
        throw __TeXError("`\(written)` is \(base.shape): an entry takes two indices, `\(written)_{i,j}` (or `\(written)_{ij}` with two letters; `_{11}` is the one number 11)")
    }
    guard case .vector(let v) = base else {
        throw __TeXError("`\(written)` is \(base.shape), not a vector, so it cannot be subscripted")
    }
    guard case .number(let x) = index, x == x.rounded(), x.isFinite else {
        throw __TeXError("the subscript of `\(written)` is \(index.numbers.first.map { "\($0)" } ?? index.shape), not a whole number")
    }
    guard x >= 0, x < Double(v.count) else {
        throw __TeXError("index \(Int(x)) is out of range for `\(written)`, which has \(v.count) element\(v.count == 1 ? "" : "s") (indices 0…\(v.count - 1): subscripts count from 0, as in Swift)")
    }
    return .number(v[Int(x)])
}

func map(_ a: __TeXValue, _ f: (Double) -> Double) -> __TeXValue {
    switch a {
    case .number(let x): return .number(f(x))
    case .vector(let v): return .vector(v.map(f))
    case .matrix(let r, let c, let entries): return .matrix(rows: r, columns: c, entries: entries.map(f))
    }
}

private func elementwise(_ a: __TeXValue, _ b: __TeXValue, _ symbol: String, _ f: (Double, Double) -> Double) throws -> __TeXValue {
    switch (a, b) {
    case (.number(let x), .number(let y)): return .number(f(x, y))
    case (_, .number(let y)): return map(a) { f($0, y) }
    case (.number(let x), _): return map(b) { f(x, $0) }
    default:
        let (r1, c1, x) = grid(a), (r2, c2, y) = grid(b)
        guard r1 == r2, c1 == c2 else { throw __TeXError("`\(symbol)` of \(a.shape) and \(b.shape): their shapes differ") }
        return .matrix(rows: r1, columns: c1, zip(x, y).map(f))
    }
}
