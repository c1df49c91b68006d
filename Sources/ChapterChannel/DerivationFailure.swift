/// A derivation step that disagreed with the step it is compared with (its
/// chain's settled value, or the step before an inequality), at its first
/// failing draw; or a warning that it agreed only within rounding.
public struct DerivationFailure: Codable, Sendable, Hashable {
    /// An input of the draw, by the name the derivation gave it.
    public struct Input: Codable, Sendable, Hashable {
        /// The input's name.
        public var name: String
        /// Its value on the failing draw.
        public var value: Value

        /// Creates an input.
        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// How the step disagreed.
    public enum Disagreement: Codable, Sendable, Hashable {
        /// The two steps have different numbers of elements.
        case sizes
        /// A step's value is not a number, an array of numbers or a Bool.
        case notNumeric
        /// The step could not be evaluated, for the reason `message` gives.
        case unevaluated(message: String)
        /// Element `index` differs by `difference`: relative for `=` steps,
        /// absolute for `\approx` steps; nil when it is not finite (a NaN or an infinity).
        case element(index: Int, difference: Double?)
        /// Element `index` breaks the inequality written before this step
        /// (`\le`, `<`, `\ge`, `>`) with the step before it.
        case inequality(index: Int)
        /// Element `index` differs by `difference` (relative), but no more
        /// than rounding of the steps' inputs explains (`spread`): the formula
        /// loses digits on this draw. A warning unless it happens on every draw.
        case losesDigits(index: Int, difference: Double, spread: Double)
        /// The step agreed within the tolerance, but each of its `count`
        /// differing elements (from element `index` of this draw on) differed
        /// by the same `difference`: absolute (b − a), or `relative` (b − a
        /// over the larger magnitude). Rounding makes no steady difference,
        /// so the step is not equal to the other as written.
        case steadyOffset(index: Int, difference: Double, relative: Bool, count: Int)
        /// The input `name` had the same value on every draw, so the steps
        /// were compared at that value only, while the page says they were
        /// checked on random draws of it.
        case constantInput(name: String)
        /// The step's side condition held on none of the draws, so it was never checked.
        case neverEvaluated
        /// Element `index` of the first step lies outside [`low`, `high`], the
        /// range this step takes as the numbers written in it vary by half a
        /// unit in their last digit.
        case outsideRange(index: Int, low: Double, high: Double)
    }

    /// The step's number in the derivation (0 is the first step).
    public var step: Int
    /// The failing draw, from 0.
    public var draw: Int
    /// The draw's inputs.
    public var inputs: [Input]
    /// The value of the step it is compared with.
    public var first: Value
    /// The number of the step it is compared with; nil for the derivation's first step.
    public var reference: Int?
    /// This step's value.
    public var this: Value
    /// How they disagreed.
    public var disagreement: Disagreement

    /// Creates a failure.
    public init(step: Int, draw: Int, inputs: [Input], first: Value, this: Value, disagreement: Disagreement, reference: Int? = nil) {
        self.reference = reference
        self.step = step
        self.draw = draw
        self.inputs = inputs
        self.first = first
        self.this = this
        self.disagreement = disagreement
    }
}
