internal import NumberFormatting

/// `x` with exactly `decimals` digits after the point: the same text the
/// page shows for `\(x, decimals: N)`, for captions, labels and table cells
/// built in code (`"loss \(format(loss, decimals: 3))"`). A negative
/// number has the true minus sign U+2212, as on the page: the text is for
/// readers, not for `Double(_:)`.
public func format<T: BinaryFloatingPoint>(_ x: T, decimals: Int) -> String {
    NumberFormat.withMinusSigns(NumberFormat.fixed(Double(x), decimals: decimals))
}

/// `x` to `significant` digits: the same text as `\(x, significant: N)`.
public func format<T: BinaryFloatingPoint>(_ x: T, significant: Int) -> String {
    NumberFormat.withMinusSigns(NumberFormat.significant(Double(x), digits: significant))
}

/// An integer with `decimals` zeros after the point, as `\(n, decimals: N)` shows it.
public func format<T: BinaryInteger>(_ n: T, decimals: Int) -> String {
    NumberFormat.withMinusSigns(NumberFormat.fixed(Double(n), decimals: decimals))
}

/// An integer to `significant` digits, as `\(n, significant: N)` shows it.
public func format<T: BinaryInteger>(_ n: T, significant: Int) -> String {
    NumberFormat.withMinusSigns(NumberFormat.significant(Double(n), digits: significant))
}

/// A vector as `\(v, decimals: N)` shows it: `(0.23, 0.63, 0.14)`.
public func format<T: BinaryFloatingPoint>(_ xs: [T], decimals: Int) -> String {
    "(" + xs.map { format($0, decimals: decimals) }.joined(separator: ", ") + ")"
}

/// A vector as `\(v, significant: N)` shows it.
public func format<T: BinaryFloatingPoint>(_ xs: [T], significant: Int) -> String {
    "(" + xs.map { format($0, significant: significant) }.joined(separator: ", ") + ")"
}
