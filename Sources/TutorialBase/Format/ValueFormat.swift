/// How an inline value is printed.
public enum ValueFormat: Sendable, Hashable {
    /// Swift's own printing: shortest round-trip form for floating point.
    case plain
    /// Fixed notation with exactly N digits after the point.
    case decimals(Int)
    /// N significant digits.
    case significant(Int)
}
