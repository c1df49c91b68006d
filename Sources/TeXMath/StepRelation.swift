/// How a step of a derivation is joined to the steps before it.
///
/// A derivation is one or more chains. Each chain starts with a `.first`
/// step; an `=` or `\approx` step must equal the value its chain last
/// settled on (the chain's first step, or the step after its latest
/// inequality), and an inequality step compares with the step right
/// before it: `q_y - 1 \le 0` holds when q_y − 1 ≤ 0 on every draw.
package enum StepRelation: Sendable, Hashable {
    /// The first step of a chain, which the steps after it are compared with.
    case first
    /// `=`: equal within the tolerances (`max(relative · size, absolute)`).
    case equal
    /// `\approx`: equal to the precision of the number the step writes
    /// (`decimals`), by the rule claims use; nil when the step writes no
    /// decimal number, and then `=`'s rule applies.
    case approximately(decimals: Int?)
    /// `<`, `\le`, `>`, `\ge` between this step and the one before it.
    case inequality(MathCondition.Comparison)

    /// The relation as TeX, for messages: `=`, `\approx`, `\le`.
    package var tex: String {
        switch self {
        case .first: return ""
        case .equal: return "="
        case .approximately: return "\\approx"
        case .inequality(.less): return "<"
        case .inequality(.lessOrEqual): return "\\le"
        case .inequality(.greater): return ">"
        case .inequality(.greaterOrEqual): return "\\ge"
        case .inequality(let other): return other.rawValue
        }
    }
}
