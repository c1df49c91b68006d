internal import ChapterChannel

/// Turns any Swift value into the channel's `Value`.
///
/// Numbers keep the text of their shortest round-trip form (Swift's
/// `description`), so the engine recovers the exact bits; arrays, sets and
/// tuples become `.array`, an optional its wrapped value (or `.other("nil")`),
/// and anything else `.other` with its description.
public enum ValueEncoder {
    static func value(of value: Any) -> Value {
        switch value {
        case let x as Double: return .double(x, text: x.description)
        case let x as Float: return .float(x, text: x.description)
        case let x as Int: return .int(x, text: x.description)
        case let x as any BinaryInteger: return .integer(text: x.description)
        case let x as Bool: return .bool(x)
        case let x as String: return .string(x)
        case let x as Substring: return .string(String(x))
        case let x as Character: return .string(String(x))
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .tuple?, .set?:
            return .array(mirror.children.map { Self.value(of: $0.value) })
        case .optional?:
            if let first = mirror.children.first { return Self.value(of: first.value) }
            return .other("nil")
        default:
            return .other(String(describing: value))
        }
    }

    /// The value as a flat list of numbers (Bool as 1 or 0), or nil when it
    /// holds something else.
    public static func numbers(_ value: Any) -> [Double]? {
        switch value {
        case let x as Double: return [x]
        case let x as Float: return [Double(x)]
        case let x as Int: return [Double(x)]
        case let x as Bool: return [x ? 1 : 0]
        case let x as [Double]: return x
        case let x as [Float]: return x.map(Double.init)
        case let x as [Int]: return x.map(Double.init)
        case let x as any BinaryInteger: return [double(x)]
        case let x as any BinaryFloatingPoint: return [double(x)]
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .tuple?:
            var all: [Double] = []
            for child in mirror.children {
                guard let n = numbers(child.value) else { return nil }
                all += n
            }
            return all
        case .optional?:
            return mirror.children.first.flatMap { numbers($0.value) }
        default:
            return nil
        }
    }

    private static func double<T: BinaryInteger>(_ x: T) -> Double { Double(x) }
    private static func double<T: BinaryFloatingPoint>(_ x: T) -> Double { Double(x) }
}
