import ChapterChannel
import Foundation
import NumberFormatting

/// Prints computed values for readers.
///
/// Plain values print as Swift prints them (shortest round-trip form for
/// floating point); `decimals: N` prints fixed notation, `significant: N`
/// N significant digits (switching to scientific notation outside 1e-5…1e15).
/// Arrays and tuples print element-wise as `(a, b, c)`. In math, scientific
/// notation becomes `m \times 10^{e}` and infinity `\infty`.
package enum ValueFormatter {
    /// `value` printed in `format`; `inMath` writes TeX notation; `plain`
    /// is how a floating-point value prints when `format` is `.plain` (book.toml's `[format]`).
    public static func format(_ value: Value, _ format: ValueFormat, inMath: Bool = false, plain: PlainNumberFormat = .shortest) -> String {
        switch value {
        case .array(let items):
            return "(" + items.map { Self.format($0, format, inMath: inMath, plain: plain) }.joined(separator: ", ") + ")"
        case .double(let x, let text):
            return number(x, text: plain.text(x, shortest: text), format, inMath: inMath)
        case .float(let x, let text):
            return number(Double(x), text: plain.text(Double(x), shortest: text), format, inMath: inMath)
        case .int(let n, let text):
            if case .plain = format { return text }
            return number(Double(n), text: text, format, inMath: inMath)
        case .bool(let b): return inMath ? "\\text{\(b)}" : (b ? "true" : "false")
        case .string(let s): return inMath ? texText(s) : s
        case .other(let s): return inMath ? texText(s) : s
        }
    }

    /// `value` as the page's prose shows it: ``format(_:_:inMath:plain:)``,
    /// with the true minus sign U+2212 in negative numbers (math gets it from KaTeX).
    public static func prose(_ value: Value, _ format: ValueFormat, plain: PlainNumberFormat = .shortest) -> String {
        switch value {
        case .array(let items):
            return "(" + items.map { prose($0, format, plain: plain) }.joined(separator: ", ") + ")"
        case .double, .float, .int:
            return NumberFormat.withMinusSigns(Self.format(value, format, plain: plain))
        default:
            return Self.format(value, format, plain: plain)
        }
    }

    package static func number(_ x: Double, text: String, _ format: ValueFormat, inMath: Bool) -> String {
        if x.isNaN { return inMath ? "\\text{NaN}" : "nan" }
        if x.isInfinite { return inMath ? (x < 0 ? "-\\infty" : "\\infty") : (x < 0 ? "-inf" : "inf") }
        let printed: String
        switch format {
        case .plain:
            printed = text
        case .decimals(let n):
            printed = fixed(x, decimals: n)
        case .significant(let n):
            printed = significant(x, digits: n)
        }
        return inMath ? mathNotation(printed) : printed
    }

    /// Text inside math: `\text{…}` with TeX's special characters escaped,
    /// so a string such as "50%" cannot start a TeX comment or break the formula.
    static func texText(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "_", "%": out += "\\" + String(c)
            case "^": out += "\\textasciicircum{}"
            case "~": out += "\\textasciitilde{}"
            default: out.append(c)
            }
        }
        return "\\text{" + out + "}"
    }

    /// A short form for messages: integers as they are, floating point to
    /// six significant digits.
    package static func brief(_ value: Value) -> String {
        switch value {
        case .array(let items): return "(" + items.map(brief).joined(separator: ", ") + ")"
        case .double, .float: return format(value, .significant(6))
        default: return format(value, .plain)
        }
    }

    /// Fixed notation; a value that rounds to zero prints without a minus
    /// sign (the rule chapter code calls as `format(_:decimals:)`).
    package static func fixed(_ x: Double, decimals: Int) -> String {
        NumberFormat.fixed(x, decimals: decimals)
    }

    /// `x` to `digits` significant digits (the rule chapter code calls as `format(_:significant:)`).
    package static func significant(_ x: Double, digits: Int) -> String {
        NumberFormat.significant(x, digits: digits)
    }

    /// A number in scientific notation, mantissa and exponent captured (compiled once).
    nonisolated(unsafe) static let scientificPattern = try? NSRegularExpression(pattern: #"([-+−]?[0-9]+(?:\.[0-9]+)?)[eE]([-+]?[0-9]+)"#)

    /// `3.86e-22` → `3.86 \times 10^{-22}` inside math, for each number of a tuple too.
    package static func mathNotation(_ printed: String) -> String {
        guard printed.contains(where: { $0 == "e" || $0 == "E" }), let regex = scientificPattern else { return printed }
        var result = ""
        var last = printed.startIndex
        for match in regex.matches(in: printed, range: NSRange(printed.startIndex..., in: printed)) {
            guard let whole = Range(match.range, in: printed), let mantissa = Range(match.range(at: 1), in: printed),
                  let exponent = Range(match.range(at: 2), in: printed), let e = Int(printed[exponent])
            else { continue }
            result += printed[last..<whole.lowerBound]
            result += "\(printed[mantissa]) \\times 10^{\(e)}"
            last = whole.upperBound
        }
        return result + printed[last...]
    }
}
