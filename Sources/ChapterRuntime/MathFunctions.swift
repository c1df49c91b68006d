import RealModule

// The elementary functions, in scope in every chapter as authors write them
// (`log(x)`, `exp(-x)`, `sqrt(v)`), for Float and Double alike. They forward
// to swift-numerics' `Real`, which computes them with the platform's libm.
// `abs`, `max` and `min` are the standard library's and need nothing here.
// A chapter that imports Foundation also sees its `log(Double)`; Swift
// prefers that concrete overload, which computes the same value.

/// The natural logarithm, log x.
@inlinable public func log<T: Real>(_ x: T) -> T { T.log(x) }

/// log(1 + x), accurate when x is tiny.
@inlinable public func log1p<T: Real>(_ x: T) -> T { T.log(onePlus: x) }

/// The exponential, eˣ.
@inlinable public func exp<T: Real>(_ x: T) -> T { T.exp(x) }

/// eˣ − 1, accurate when x is tiny.
@inlinable public func expm1<T: Real>(_ x: T) -> T { T.expMinusOne(x) }

/// The square root, √x.
@inlinable public func sqrt<T: Real>(_ x: T) -> T { T.sqrt(x) }

/// xʸ for x ≥ 0 (NaN for negative x; use the Int overload for whole powers).
@inlinable public func pow<T: Real>(_ x: T, _ y: T) -> T { T.pow(x, y) }

/// xⁿ for a whole n, defined for negative x too.
@inlinable public func pow<T: Real>(_ x: T, _ n: Int) -> T { T.pow(x, n) }

/// The sine of `x` (radians), for Float and Double alike.
@inlinable public func sin<T: Real>(_ x: T) -> T { T.sin(x) }
/// The cosine of `x` (radians).
@inlinable public func cos<T: Real>(_ x: T) -> T { T.cos(x) }
/// The tangent of `x` (radians).
@inlinable public func tan<T: Real>(_ x: T) -> T { T.tan(x) }
/// The hyperbolic tangent of `x`.
@inlinable public func tanh<T: Real>(_ x: T) -> T { T.tanh(x) }
/// The arctangent of `x`, in radians.
@inlinable public func atan<T: Real>(_ x: T) -> T { T.atan(x) }
