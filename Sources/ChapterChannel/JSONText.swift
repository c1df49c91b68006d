/// A JSON text written by hand, for the chapter program's side of the
/// channel: Foundation's `JSONEncoder` would load Foundation into every
/// chapter program. It writes what `JSONEncoder` writes for the channel's
/// `Codable` types, which the round-trip tests check for every record kind.
public struct JSONText {
    /// The spellings of the non-finite doubles, which JSON has no numbers
    /// for; the engine's decoder reads them back (`nonConformingFloatDecodingStrategy`).
    public static let infinity = "inf", negativeInfinity = "-inf", nan = "nan"

    /// The text so far.
    public private(set) var text = ""

    /// Creates an empty text.
    public init() {}

    /// Writes `{`, the members `body` writes, and `}`.
    mutating func object(_ body: (inout Members) -> Void) {
        text += "{"
        var members = Members()
        body(&members)
        text += members.text.text + "}"
    }

    /// Writes `[`, each element, and `]`.
    mutating func array<T>(_ items: [T], _ write: (inout JSONText, T) -> Void) {
        text += "["
        for (k, item) in items.enumerated() {
            if k > 0 { text += "," }
            write(&self, item)
        }
        text += "]"
    }

    /// Writes an integer.
    mutating func int(_ x: Int) { text += x.description }

    /// Writes a Bool.
    mutating func bool(_ b: Bool) { text += b ? "true" : "false" }

    /// Writes a double: its shortest round-trip form, or a string for NaN and ±∞.
    mutating func double(_ x: Double) {
        if x.isFinite { text += x.description; return }
        string(x.isNaN ? Self.nan : x < 0 ? Self.negativeInfinity : Self.infinity)
    }

    /// Writes a JSON string literal: `"` and `\` escaped, control characters
    /// as `\n`, `\r`, `\t` or `\u00XX`, everything else as its own UTF-8.
    mutating func string(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// The members of one object; each `key` call adds a `"key":value` pair.
    struct Members {
        var text = JSONText()
        private var count = 0

        /// Adds a member whose value `write` writes.
        mutating func key(_ name: String, _ write: (inout JSONText) -> Void) {
            if count > 0 { text.text += "," }
            count += 1
            text.string(name)
            text.text += ":"
            write(&text)
        }

        /// Adds a member when `value` is not nil, as `encodeIfPresent` does.
        mutating func key<T>(_ name: String, ifPresent value: T?, _ write: (inout JSONText, T) -> Void) {
            guard let value else { return }
            key(name) { write(&$0, value) }
        }
    }
}
