/// A value a chapter program computed, as it travels on the side channel.
///
/// Numbers keep the exact text Swift printed (its shortest round-trip form),
/// so the engine recovers their exact bits — NaN, ±∞ and −0 included — and
/// showing a plain value reproduces Swift's own output. On the wire a value
/// is an object with one key, its kind: `{"double":"0.46436"}`,
/// `{"float":"0.5"}`, `{"int":"3"}`, `{"bool":true}`, `{"string":"…"}`,
/// `{"array":[…]}` or `{"other":"…"}`.
public indirect enum Value: Sendable, Hashable {
    /// A `Double`, with the text Swift printed for it.
    case double(Double, text: String)
    /// A `Float`, with the text Swift printed for it.
    case float(Float, text: String)
    /// An integer that fits in `Int`, with its text.
    case int(Int, text: String)
    /// A `Bool`.
    case bool(Bool)
    /// A `String`, `Substring` or `Character`.
    case string(String)
    /// An array, set or tuple, element by element.
    case array([Value])
    /// Any other type, as `String(describing:)` printed it.
    case other(String)

    /// The value as a flat list of numbers, or nil when it holds a non-number.
    public var numbers: [Double]? {
        switch self {
        case .double(let x, _): return [x]
        case .float(let x, _): return [Double(x)]
        case .int(let x, _): return [Double(x)]
        case .bool(let b): return [b ? 1 : 0]
        case .array(let items):
            var all: [Double] = []
            for item in items {
                guard let n = item.numbers else { return nil }
                all += n
            }
            return all
        case .string, .other: return nil
        }
    }

    /// The value of an integer printed as `text`: an `.int` when it fits in
    /// `Int`, else the nearest `.double` (a large `UInt64`), else `.other`.
    public static func integer(text: String) -> Value {
        Int(text).map { .int($0, text: text) } ?? Double(text).map { .double($0, text: text) } ?? .other(text)
    }

    /// The `Double` Swift printed as `text`, the special values included.
    static func double(parsing text: String) -> Double? {
        if let x = Double(text) { return x }
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "-nan": return .nan
        default: return nil
        }
    }
}
