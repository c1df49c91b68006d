/// A value of a derivation step read from TeX: a number or a vector.
///
/// The engine's TeX reader turns each step into Swift that computes with
/// these values, so that the step's meaning — not a hidden Swift twin — is
/// what gets checked. Indices (`Int`) and Booleans become numbers; the
/// chapter's arrays become vectors. Names start with `__tex` because they
/// are written by the engine, not by authors.
public enum __TeXValue: Sendable, Equatable {
    case number(Double)
    case vector([Double])

    /// The numbers, flattened, for comparing steps.
    var numbers: [Double] {
        switch self {
        case .number(let x): return [x]
        case .vector(let v): return v
        }
    }

    /// "a number" or "a vector of 3 elements", for messages.
    var shape: String {
        switch self {
        case .number: return "a number"
        case .vector(let v): return "a vector of \(v.count) element\(v.count == 1 ? "" : "s")"
        }
    }
}

/// Why a step read from TeX could not be evaluated (an index out of range,
/// vectors of different sizes): the step fails with this message.
public struct __TeXError: Error, Sendable, CustomStringConvertible {
    /// Why the step could not be evaluated.
    public let message: String
    /// Creates an error with its message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

// MARK: - Swift values into TeX values

/// A chapter value as a TeX value: already one.
public func __texValue(_ x: __TeXValue) -> __TeXValue { x }
/// A Double as a TeX number (nudged while a ``RoundingProbe`` runs).
public func __texValue(_ x: Double) -> __TeXValue { .number(RoundingProbe.nudge(x)) }
/// A Float as a TeX number.
public func __texValue(_ x: Float) -> __TeXValue { .number(RoundingProbe.nudge(Double(x))) }
/// An Int as a TeX number.
public func __texValue(_ x: Int) -> __TeXValue { .number(Double(x)) }
/// An integer of any width as a TeX number.
public func __texValue<T: BinaryInteger>(_ x: T) -> __TeXValue { .number(Double(x)) }
/// A Bool as the TeX number 1 or 0.
public func __texValue(_ x: Bool) -> __TeXValue { .number(x ? 1 : 0) }
/// An array of Doubles as a TeX vector.
public func __texValue(_ x: [Double]) -> __TeXValue { .vector(RoundingProbe.generator == nil ? x : x.map(RoundingProbe.nudge)) }
/// An array of Floats as a TeX vector.
public func __texValue(_ x: [Float]) -> __TeXValue { .vector(x.map { RoundingProbe.nudge(Double($0)) }) }
/// An array of Ints as a TeX vector.
public func __texValue(_ x: [Int]) -> __TeXValue { .vector(x.map(Double.init)) }
/// A slice of Doubles as a TeX vector.
public func __texValue(_ x: ArraySlice<Double>) -> __TeXValue { __texValue(Array(x)) }

// MARK: - TeX values into the arguments of Swift functions

/// The argument of a call to a Swift function, `\operatorname{softmax}(z)`:
/// the overload is chosen by the parameter's type.
public func __texArgument(_ v: __TeXValue) throws -> Double { try Double.__fromTeX(v) }
/// An `Int` argument.
/// - Throws: `__TeXError` when the value is not a whole number.
public func __texArgument(_ v: __TeXValue) throws -> Int { try Int.__fromTeX(v) }
/// A `[Double]` argument.
/// - Throws: `__TeXError` when the value is not a vector.
public func __texArgument(_ v: __TeXValue) throws -> [Double] { try [Double].__fromTeX(v) }
/// An `[Int]` argument.
/// - Throws: `__TeXError` when the value is not a vector of whole numbers.
public func __texArgument(_ v: __TeXValue) throws -> [Int] { try [Int].__fromTeX(v) }

/// A parameter of a `% let F(z, y) = …` function, given the type of the
/// input or value of the same name (`like`).
public func __texNative<T: __TeXNative>(_ v: __TeXValue, like witness: T) throws -> T {
    try T.__fromTeX(v)
}

/// A Swift type a TeX value converts back to.
public protocol __TeXNative {
    static func __fromTeX(_ v: __TeXValue) throws -> Self
}

/// A scalar type a TeX number converts back to.
public protocol __TeXScalar: __TeXNative {
    static func __fromNumber(_ x: Double) throws -> Self
}

extension __TeXScalar {
    /// The scalar a TeX number stands for.
    /// - Throws: `__TeXError` when the value is a vector, or not representable.
    public static func __fromTeX(_ v: __TeXValue) throws -> Self {
        guard case .number(let x) = v else { throw __TeXError("expected a number here, found \(v.shape)") }
        return try __fromNumber(x)
    }
}

extension Double: __TeXScalar {
    /// The number itself.
    public static func __fromNumber(_ x: Double) throws -> Double { x }
}

extension Float: __TeXScalar {
    /// The number rounded to Float.
    public static func __fromNumber(_ x: Double) throws -> Float { Float(x) }
}

extension Int: __TeXScalar {
    /// The number as an Int.
    /// - Throws: `__TeXError` when it is not a whole number within ±9·10¹⁵.
    public static func __fromNumber(_ x: Double) throws -> Int {
        guard x.isFinite, x == x.rounded(), abs(x) < 9.0e15 else { throw __TeXError("expected a whole number here, found \(x)") }
        return Int(x)
    }
}

extension Array: __TeXNative where Element: __TeXScalar {
    /// The array a TeX vector stands for.
    /// - Throws: `__TeXError` when the value is a number, or an element is not representable.
    public static func __fromTeX(_ v: __TeXValue) throws -> [Element] {
        guard case .vector(let xs) = v else { throw __TeXError("expected a vector here, found \(v.shape)") }
        return try xs.map(Element.__fromNumber)
    }
}

/// A parameter of a `% let F(x: Double) = …` function, of the type written.
public func __texNative<T: __TeXNative>(_ v: __TeXValue) throws -> T {
    try T.__fromTeX(v)
}

/// A parameter of a `% let F(t) = …` function that has no type and no input
/// or value of its name to lend one: read as a number.
/// - Throws: `__TeXError` naming the parameter when the argument is a vector.
public func __texNative(_ v: __TeXValue, parameter: String, of function: String) throws -> Double {
    guard case .number(let x) = v else {
        throw __TeXError("the parameter `\(parameter)` of `\(function)` has no type, so it is read as a number, but its argument is \(v.shape); write its type, `% let \(function)(\(parameter): [Double]) = …`")
    }
    return x
}
