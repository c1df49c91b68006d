import NumberFormatting

/// How a floating-point value with no format of its own (`\(x)`) prints:
/// book.toml's `[format]`.
///
/// - `shortest` (no `[format]`): Swift's shortest round-trip form, all its
///   digits (`0.9999999999999999`), as books written before `[format]` show;
/// - `significant(N)`: rounded to at most N significant digits, still the
///   shortest form (`1.0`, `0.1`, `0.464394`): no trailing zeros;
/// - `decimals(N)`: fixed notation with N decimals, as `\(x, decimals: N)`.
///
/// Integers, strings and values with a format of their own are not affected.
public enum PlainNumberFormat: Sendable, Hashable {
    case shortest
    case significant(Int)
    case decimals(Int)

    /// `x`, whose shortest form is `text`, in this format.
    package func text(_ x: Double, shortest text: String) -> String {
        switch self {
        case .shortest: return text
        case .significant(let n): return NumberFormat.rounded(x, significant: n)
        case .decimals(let n): return NumberFormat.fixed(x, decimals: n)
        }
    }
}
