/// Encodes any Swift value as the JSON the engine reads back.
///
/// Numbers travel as strings of their shortest round-trip form (Swift's
/// `description`), so the engine recovers the exact bits:
/// `{"k":"d","v":"0.46436"}` for Double, `"f"` for Float, `"i"` for integers,
/// `"b"` for Bool, `"s"` for String, `{"k":"a","v":[…]}` for arrays and tuples,
/// and `{"k":"x","v":"…"}` (the value's description) for anything else.
public enum ValueEncoder {
    public static func encode<T>(_ value: T) -> String {
        encodeAny(value)
    }

    public static func encodeAny(_ value: Any) -> String {
        switch value {
        case let x as Double: return tagged("d", quote(x.description))
        case let x as Float: return tagged("f", quote(x.description))
        case let x as Int: return tagged("i", quote(x.description))
        case let x as Int32: return tagged("i", quote(x.description))
        case let x as Int64: return tagged("i", quote(x.description))
        case let x as UInt: return tagged("i", quote(x.description))
        case let x as any BinaryInteger: return tagged("i", quote(x.description))
        case let x as Bool: return tagged("b", quote(x.description))
        case let x as String: return tagged("s", quote(x))
        case let x as Substring: return tagged("s", quote(String(x)))
        case let x as Character: return tagged("s", quote(String(x)))
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .tuple?, .set?:
            let parts = mirror.children.map { encodeAny($0.value) }
            return tagged("a", "[" + parts.joined(separator: ",") + "]")
        case .optional?:
            if let first = mirror.children.first { return encodeAny(first.value) }
            return tagged("x", quote("nil"))
        default:
            return tagged("x", quote(String(describing: value)))
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

    static func tagged(_ kind: String, _ json: String) -> String {
        #"{"k":"\#(kind)","v":\#(json)}"#
    }

    /// A JSON string literal for `text`.
    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
