import ChapterChannel
import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Check: compares each claim's literal with its computed value.
enum ClaimChecker {
    /// Returns nil when the claim holds, or the message saying how it fails.
    package static func failure(expression: String, literal text: String, value: Value, exact: Bool = false) -> String? {
        let literal: ClaimLiteral
        do { literal = try ClaimLiteral.parse(text) } catch let error as ClaimLiteral.ParseError {
            return error.message
        } catch { return "cannot read the claim" }
        guard let numbers = value.numbers else {
            return "`\(expression)` is \(ValueFormatter.format(value, .plain)), not a number, so it cannot be compared with \(literal.text)"
        }
        if literal.isTuple || numbers.count != 1 {
            guard numbers.count == literal.numbers.count else {
                return "the claim \(literal.text) lists \(literal.numbers.count) number\(literal.numbers.count == 1 ? "" : "s") but `\(expression)` has \(numbers.count) value\(numbers.count == 1 ? "" : "s")"
            }
        }
        if exact {
            // An exact claim: the value is the number written, to the last bit of its Double.
            for (k, (claimed, computed)) in zip(literal.numbers, numbers).enumerated() where computed != claimed.value {
                let which = literal.numbers.count == 1 ? "" : " (element \(k))"
                return "exact claim \(claimed.text)\(which) disagrees with `\(expression)` = \(computed): an exact claim (`<!-- = … -->`) must be the value itself; write `<!-- ≈ … -->` to claim it to the digits written"
            }
            return nil
        }
        for (k, (claimed, computed)) in zip(literal.numbers, numbers).enumerated() where !claimed.accepts(computed) {
            let shown = shownValue(computed, for: claimed)
            let subject = literal.numbers.count == 1
                ? "claim \(claimed.text) disagrees with `\(expression)` = \(shown)"
                : "claim \(literal.text) disagrees with `\(expression)`: element \(k) is \(shown), not \(claimed.text)"
            return subject + ": " + reason(claimed, computed)
        }
        return nil
    }

    /// The computed value with at least two more digits than the literal
    /// shows, and more when those would round it onto a value the claim
    /// accepts (0.67499 against 0.68 shows as 0.67499, not 0.6750).
    static func shownValue(_ x: Double, for claimed: ClaimLiteral.Number) -> String {
        if claimed.isInteger { return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        var digits = claimed.decimals + 2
        while true {
            let shown = claimed.exponent != 0 ? String(format: "%.\(digits)e", x) : ValueFormatter.fixed(x, decimals: digits)
            if digits >= 17 || Double(shown).map({ !claimed.accepts($0) }) ?? true { return shown }
            digits += 1
        }
    }

    static func reason(_ claimed: ClaimLiteral.Number, _ x: Double) -> String {
        if claimed.isInteger { return "an integer claim must match exactly" }
        if let k = claimed.agreement(with: x) {
            return "they agree to \(k) decimal\(k == 1 ? "" : "s"), not \(claimed.decimals)"
        }
        if claimed.exponent == 0 {
            return "they do not agree even to the nearest whole number"
        }
        return "they differ by \(String(format: "%.2g", abs(x - claimed.value))), more than the ±\(String(format: "%.2g", claimed.tolerance)) its digits claim"
    }
}
