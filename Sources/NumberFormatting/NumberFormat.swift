#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one rule for printing a number to N decimals or N significant
/// digits. The engine prints `\(x, decimals: N)` with it, and chapter code
/// calls it through ChapterRuntime's `format(_:decimals:)`, so a caption
/// built in code shows exactly what the page shows for the same value.
///
/// Digits come from C's `printf` (`%.Nf`, `%.Ne`), which rounds the double's
/// exact binary value correctly: 2.675 is 2.67499999…, so it prints 2.67.
public enum NumberFormat {
    /// `nan`, `inf` or `-inf` for a value that is not finite, else nil.
    public static func special(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }

    /// Fixed notation with exactly `decimals` digits after the point (none
    /// for 0); a value that rounds to zero prints without a minus sign.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        if let text = special(x) { return text }
        let s = printf(x, precision: max(decimals, 0), conversion: "f")
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }

    /// `x` to `digits` significant digits: fixed notation for exponents
    /// −5 to 14 (1234.5 to 2 digits is 1200), `1.2e-7` style outside.
    public static func significant(_ x: Double, digits: Int) -> String {
        if let text = special(x) { return text }
        let digits = max(digits, 1)
        if x == 0 { return fixed(0, decimals: digits - 1) }
        let scientific = printf(x, precision: digits - 1, conversion: "e")
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...]) else {
            return scientific
        }
        if exponent >= -5 && exponent < 15 {
            // Round to the digits first, then print fixed.
            return fixed(Double(scientific) ?? x, decimals: max(digits - 1 - exponent, 0))
        }
        return "\(scientific[..<e])e\(exponent)"
    }

    /// `x` rounded to at most `digits` significant digits, then printed in
    /// Swift's shortest form: 0.9999999999999999 to 6 digits is `1.0`, 0.1
    /// stays `0.1` (no trailing zeros), 1.234567e-7 is `1.23457e-07`. The
    /// book-wide default of `[format] significant = N`.
    public static func rounded(_ x: Double, significant digits: Int) -> String {
        if let text = special(x) { return text }
        let rounded = Double(printf(x, precision: max(digits, 1) - 1, conversion: "e")) ?? x
        return rounded == 0 ? "0.0" : "\(rounded)"
    }

    /// `text` as readers see it: each hyphen-minus of a printed number
    /// (its sign, its exponent's sign) becomes the true minus sign U+2212,
    /// as in the typeset math: `-0.46` → `−0.46`, `1e-07` → `1e−07`.
    public static func withMinusSigns(_ text: String) -> String {
        String(text.map { $0 == "-" ? "\u{2212}" : $0 })
    }

    /// The minus sign U+2212.
    public static let minus = "\u{2212}"

    /// C's `%.{precision}{conversion}` of `x`.
    static func printf(_ x: Double, precision: Int, conversion: Character) -> String {
        let format = "%.*" + String(conversion)
        // %f of the largest double has 309 integer digits.
        let capacity = 330 + precision
        var buffer = [CChar](repeating: 0, count: capacity)
        let count = withVaList([Int32(clamping: precision), x]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, capacity, format, arguments) }
        }
        return String(decoding: buffer.prefix(Int(max(count, 0))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
