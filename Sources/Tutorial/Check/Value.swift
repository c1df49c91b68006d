import Foundation

/// A value a chapter program computed, decoded from the side channel.
///
/// Floating-point values keep the exact text Swift printed (its shortest
/// round-trip form), so showing a plain value reproduces Swift's own output.
public indirect enum Value: Sendable, Hashable {
    case double(Double, text: String)
    case float(Float, text: String)
    case int(Int, text: String)
    case bool(Bool)
    case string(String)
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

    /// Decodes `{"k": kind, "v": …}` as written by ChapterRuntime's ValueEncoder.
    static func decode(_ json: Any) -> Value? {
        guard let object = json as? [String: Any], let kind = object["k"] as? String else { return nil }
        let text = object["v"] as? String ?? ""
        switch kind {
        case "d": return Double(text).map { .double($0, text: text) } ?? parseSpecial(text).map { .double($0, text: text) }
        case "f": return Float(text).map { .float($0, text: text) } ?? parseSpecial(text).map { .float(Float($0), text: text) }
        case "i": return Int(text).map { .int($0, text: text) } ?? Double(text).map { .double($0, text: text) } ?? .other(text)
        case "b": return .bool(text == "true")
        case "s": return .string(text)
        case "a":
            guard let items = object["v"] as? [Any] else { return nil }
            var values: [Value] = []
            for item in items {
                guard let v = decode(item) else { return nil }
                values.append(v)
            }
            return .array(values)
        default: return .other(text)
        }
    }

    private static func parseSpecial(_ text: String) -> Double? {
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "-nan": return .nan
        default: return nil
        }
    }
}
