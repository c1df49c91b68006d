import RealModule

// Arithmetic on TeX values. Numbers combine with numbers; a vector and a
// number combine element by element (`z + c` adds c to every element);
// two vectors add and subtract element by element and must have one size.
// A product, quotient or power of two vectors has more than one meaning
// (dot or element-wise?), so it is an error rather than a guess.

/// `a + b`: numbers, a number and a vector, or two vectors of one size.
/// - Throws: `__TeXError` for vectors of different sizes.
public func __texAdd(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    try elementwise(a, b, "+", vectors: true, +)
}

/// `a - b`, by the rules of `__texAdd`.
/// - Throws: `__TeXError` for vectors of different sizes.
public func __texSubtract(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    try elementwise(a, b, "-", vectors: true, -)
}

/// `a · b`: numbers, or a number and a vector.
/// - Throws: `__TeXError` for two vectors, whose product is ambiguous.
public func __texMultiply(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    try elementwise(a, b, "·", vectors: false, *)
}

/// `a / b`: numbers, or a vector and a number.
/// - Throws: `__TeXError` for two vectors, whose quotient is ambiguous.
public func __texDivide(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    try elementwise(a, b, "/", vectors: false, /)
}

/// `-a`, element by element.
public func __texNegate(_ a: __TeXValue) -> __TeXValue {
    switch a {
    case .number(let x): return .number(-x)
    case .vector(let v): return .vector(v.map { -$0 })
    }
}

/// `a^{b}` of numbers.
public func __texPower(_ a: __TeXValue, _ b: __TeXValue) throws -> __TeXValue {
    guard case .number(let x) = a, case .number(let y) = b else {
        throw __TeXError("a power of \(a.shape) to \(b.shape) is ambiguous; the reader raises numbers only")
    }
    if y == y.rounded(), abs(y) <= 64 { return .number(Double.pow(x, Int(y))) }
    return .number(Double.pow(x, y))
}

/// `e^{x}`, `\exp`: element by element on a vector.
public func __texExp(_ a: __TeXValue) -> __TeXValue { map(a) { Double.exp($0) } }

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

/// `z_i`: element i of a vector, counting from 0 as Swift does.
public func __texElement(_ base: __TeXValue, _ index: __TeXValue, _ written: String) throws -> __TeXValue {
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

private func map(_ a: __TeXValue, _ f: (Double) -> Double) -> __TeXValue {
    switch a {
    case .number(let x): return .number(f(x))
    case .vector(let v): return .vector(v.map(f))
    }
}

private func elementwise(
    _ a: __TeXValue, _ b: __TeXValue, _ symbol: String, vectors: Bool, _ f: (Double, Double) -> Double
) throws -> __TeXValue {
    switch (a, b) {
    case (.number(let x), .number(let y)): return .number(f(x, y))
    case (.vector(let v), .number(let y)): return .vector(v.map { f($0, y) })
    case (.number(let x), .vector(let w)): return .vector(w.map { f(x, $0) })
    case (.vector(let v), .vector(let w)):
        guard vectors else {
            throw __TeXError("`\(symbol)` of two vectors is ambiguous (dot product, or element by element?); write the sum, \\sum_j a_j b_j")
        }
        guard v.count == w.count else { throw __TeXError("`\(symbol)` of vectors of \(v.count) and \(w.count) elements") }
        return .vector(zip(v, w).map(f))
    }
}
