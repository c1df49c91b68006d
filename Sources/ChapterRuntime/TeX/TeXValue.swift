/// A value of a derivation step read from TeX: a number, a vector or a matrix.
///
/// The engine's TeX reader turns each step into Swift that computes with
/// these values, so that the step's meaning — not a hidden Swift twin — is
/// what gets checked. Indices (`Int`) and Booleans become numbers; the
/// chapter's arrays become vectors, and its arrays of equal-length arrays
/// (`[[Double]]`, one inner array per row) matrices. Names start with
/// `__tex` because they are written by the engine, not by authors.
///
/// A vector is a column. A matrix of one column is that vector, and one of
/// one row and one column is that number (``matrix(rows:columns:_:)``), so
/// `u^T v` is a number and `(v^T)^T` is `v` again.
public enum __TeXValue: Sendable, Equatable {
    case number(Double)
    case vector([Double])
    /// `rows` × `columns` entries, row after row; always at least two columns.
    case matrix(rows: Int, columns: Int, entries: [Double])

    /// A value of `rows` × `columns` entries given row after row: a number,
    /// a vector (one column) or a matrix.
    static func matrix(rows: Int, columns: Int, _ entries: [Double]) -> __TeXValue {
        if rows == 1, columns == 1 { return .number(entries[0]) }
        if columns == 1 { return .vector(entries) }
        return .matrix(rows: rows, columns: columns, entries: entries)
    }

    /// The numbers, flattened (a matrix row after row), for comparing steps.
    var numbers: [Double] {
        switch self {
        case .number(let x): return [x]
        case .vector(let v): return v
        case .matrix(_, _, let entries): return entries
        }
    }

    /// The rows of a matrix, as the chapter's `[[Double]]` holds them.
    var rows: [[Double]]? {
        guard case .matrix(let r, let c, let entries) = self else { return nil }
        return (0..<r).map { Array(entries[($0 * c)..<($0 * c + c)]) }
    }

    /// "a number", "a vector of 3 elements" or "a 2×3 matrix", for messages.
    var shape: String {
        switch self {
        case .number: return "a number"
        case .vector(let v): return "a vector of \(v.count) element\(v.count == 1 ? "" : "s")"
        case .matrix(let r, let c, _): return "a \(r)×\(c) matrix"
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

// Every conversion throws, so that the emitted `try __texValue(x)` reads the
// same whatever x is; only an array of arrays of different lengths fails.

/// A chapter value as a TeX value: already one.
public func __texValue(_ x: __TeXValue) throws -> __TeXValue { x }
/// A Double as a TeX number (nudged while a ``RoundingProbe`` runs).
public func __texValue(_ x: Double) throws -> __TeXValue { .number(RoundingProbe.nudge(x)) }
/// A Float as a TeX number.
public func __texValue(_ x: Float) throws -> __TeXValue { .number(RoundingProbe.nudge(Double(x))) }
/// An Int as a TeX number.
public func __texValue(_ x: Int) throws -> __TeXValue { .number(Double(x)) }
/// An integer of any width as a TeX number.
public func __texValue<T: BinaryInteger>(_ x: T) throws -> __TeXValue { .number(Double(x)) }
/// A Bool as the TeX number 1 or 0.
public func __texValue(_ x: Bool) throws -> __TeXValue { .number(x ? 1 : 0) }
/// An array of Doubles as a TeX vector.
public func __texValue(_ x: [Double]) throws -> __TeXValue { .vector(RoundingProbe.generator == nil ? x : x.map(RoundingProbe.nudge)) }
/// An array of Floats as a TeX vector.
public func __texValue(_ x: [Float]) throws -> __TeXValue { .vector(x.map { RoundingProbe.nudge(Double($0)) }) }
/// An array of Ints as a TeX vector.
public func __texValue(_ x: [Int]) throws -> __TeXValue { .vector(x.map(Double.init)) }
/// A slice of Doubles as a TeX vector.
public func __texValue(_ x: ArraySlice<Double>) throws -> __TeXValue { try __texValue(Array(x)) }
/// An array of equal-length arrays of Doubles as a TeX matrix, one inner array per row.
/// - Throws: `__TeXError` when the rows differ in length, or there are none.
public func __texValue(_ x: [[Double]]) throws -> __TeXValue {
    guard let columns = x.first?.count, columns > 0 else { throw __TeXError("an empty array of arrays is not a matrix") }
    guard let ragged = x.firstIndex(where: { $0.count != columns }) else {
        return .matrix(rows: x.count, columns: columns, x.joined().map(RoundingProbe.nudge))
    }
    throw __TeXError("row \(ragged) has \(x[ragged].count) elements and row 0 has \(columns): an array of arrays of different lengths is not a matrix")
}
/// An array of equal-length arrays of Floats as a TeX matrix.
public func __texValue(_ x: [[Float]]) throws -> __TeXValue { try __texValue(x.map { $0.map(Double.init) }) }
/// An array of equal-length arrays of Ints as a TeX matrix.
public func __texValue(_ x: [[Int]]) throws -> __TeXValue { try __texValue(x.map { $0.map(Double.init) }) }

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
/// A `[[Double]]` argument: a matrix, one inner array per row.
/// - Throws: `__TeXError` when the value is not a matrix.
public func __texArgument(_ v: __TeXValue) throws -> [[Double]] { try [[Double]].__fromTeX(v) }

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

extension Array: __TeXNative where Element: __TeXNative {
    /// The array a TeX vector stands for, or for `[[Double]]` the rows of a matrix.
    /// - Throws: `__TeXError` when the value has another shape, or an element is not representable.
    public static func __fromTeX(_ v: __TeXValue) throws -> [Element] {
        if let scalar = Element.self as? any __TeXScalar.Type {
            guard case .vector(let xs) = v else { throw __TeXError("expected a vector here, found \(v.shape)") }
            return try xs.map { try scalar.__fromNumber($0) as! Element }
        }
        guard let rows = v.rows else { throw __TeXError("expected a matrix here, found \(v.shape)") }
        return try rows.map { try Element.__fromTeX(.vector($0)) }
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
