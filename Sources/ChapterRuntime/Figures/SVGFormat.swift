/// How ``Drawing`` writes numbers and text into SVG.
enum SVGFormat {
    /// A coordinate with at most two decimals and no trailing zeros:
    /// `12`, `12.5`, `0.25`, `-3.1`. Never `-0`; not-a-number and infinities print as `0`.
    static func number(_ value: Double) -> String {
        fixed(value, decimals: 2, trimmingZeros: true)
    }

    /// `value` rounded to `decimals` places (half away from zero), written
    /// without exponent: `fixed(0.4644, decimals: 2)` is `0.46`,
    /// `fixed(-0.001, decimals: 2)` is `0.00` (never `-0.00`).
    static func fixed(_ value: Double, decimals: Int, trimmingZeros: Bool = false) -> String {
        guard value.isFinite else { return "0" }
        let places = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return value < 0 ? "-\(Int64(abs(value)))" : "\(Int64(abs(value)))" }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        var whole = "\(units / divisor)"
        var fraction = places == 0 ? "" : "\(units % divisor)"
        while fraction.count < places { fraction = "0" + fraction }
        if trimmingZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        if !fraction.isEmpty { whole += "." + fraction }
        return units > 0 && value < 0 ? "-" + whole : whole
    }

    /// A number for a label a reader sees: ``fixed(_:decimals:trimmingZeros:)``
    /// with a true minus sign (U+2212), so `-0.8` reads as `−0.8`.
    static func label(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }
}
