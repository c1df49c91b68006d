import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// How the Checks page shows a claim's computed value and what a derivation checked.
enum CheckDisplay {
    /// The computed value to two more significant digits than the claim's
    /// literal (`≈ 0.462` shows 0.46244 of 0.46243999…): enough to see how
    /// near the claim is, without the 17 digits of a round-trip `Double`.
    /// Values that are already that short, integers and non-numbers stay as they are.
    static func claimValue(computed: String, literal: String) -> String {
        guard let x = Double(computed), x.isFinite, computed.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else {
            return computed
        }
        let digits = significantDigits(literal) + 2
        let short = ValueFormatter.significant(x, digits: max(digits, 3))
        return short.count < computed.count ? short : computed
    }

    /// The significant digits a literal is written to: `0.462` → 3, `1.50` → 3, `2e-9` → 1, `-12` → 2.
    static func significantDigits(_ literal: String) -> Int {
        var mantissa = Substring(literal.trimmingCharacters(in: .whitespaces))
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) { mantissa = mantissa[..<e] }
        let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
        return max(digits.count, 1)
    }

    /// What a derivation's row says was checked:
    /// "3 steps equal to within 10⁻⁹ on 200 draws of z ∈ logits(count: 2...8); all read from the TeX",
    /// or for a worked example (no `% for`) "3 steps equal … on the chapter's values".
    static func derivationChecked(_ derivation: Derivation) -> String {
        let steps = derivation.steps.count
        var text = "\(steps) \(steps == 1 ? "step" : "steps") equal to within \(tolerance(derivation.tolerance))"
        if derivation.steps.contains(where: { if case .approximately = $0.relation { true } else { false } }) {
            text += " (≈ steps to their written digits)"
        }
        if derivation.isWorkedExample {
            text += " on the chapter's values"
        } else {
            let variables = derivation.variables.map { "\($0.name) ∈ \($0.generator)" }.joined(separator: ", ")
            text += " on \(derivation.draws) \(derivation.draws == 1 ? "draw" : "draws") of \(variables)"
        }
        let fromTeX = derivation.texStepCount
        text += fromTeX == steps ? "; all read from the TeX" : "; \(fromTeX) of \(steps) read from the TeX, the rest by their Swift twins"
        return text
    }

    /// What a derivation's computed column says: how many draws agreed.
    static func derivationOutcome(_ record: CheckRecord, derivation: Derivation) -> String {
        if derivation.isWorkedExample {
            return record.passed ? "the steps agree" : "a step differs (see the build's error)"
        }
        let ran = record.draws ?? 0
        if record.passed { return "all \(ran) draws agree" }
        if ran < derivation.draws { return "stopped after \(ran) of \(derivation.draws) draws" }
        return "a step differs (see the build's error)"
    }

    /// A power of ten as `10⁻⁹` (which never wraps, unlike `1e-9`), anything else to three significant digits.
    static func tolerance(_ t: Double) -> String {
        guard t > 0, t.isFinite else { return "\(t)" }
        let e = log10(t).rounded()
        if abs(pow(10, e) - t) <= t * 1e-12 {
            let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
            return "10" + String(String(Int(e)).compactMap { superscripts[$0] })
        }
        return ValueFormatter.significant(t, digits: 3)
    }
}
