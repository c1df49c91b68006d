/// A derivation step that disagreed with the first step, at its first failing draw.
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
    /// The first step's value.
    public var first: Value
    /// This step's value.
    public var this: Value
    /// How they disagreed.
    public var disagreement: Disagreement

    /// Creates a failure.
    public init(step: Int, draw: Int, inputs: [Input], first: Value, this: Value, disagreement: Disagreement) {
        self.step = step
        self.draw = draw
        self.inputs = inputs
        self.first = first
        self.this = this
        self.disagreement = disagreement
    }
}
