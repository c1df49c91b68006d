/// A bad argument to a CECore function, with a message that names the argument and its value.
///
/// The single-row functions (`softmax`, `crossEntropy(logits:label:)`, …) treat bad
/// arguments as precondition failures: they stop the program with `fatalError`, whose
/// message (the `description` of one of these values) is printed in debug and -O builds
/// alike, so a chapter program that passes bad input stops with that sentence instead of
/// a silent NaN. The batched `crossEntropyLossAndGradient` throws them instead, because
/// its shapes usually come from data read at run time.
public enum CECoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An argument that must hold at least one element is empty (`argument` names it).
    case empty(argument: String)
    /// A class label outside `0..<classes`.
    case labelOutOfRange(label: Int, classes: Int, row: Int?)
    /// Two arguments that must have matching lengths do not.
    case lengthMismatch(argument: String, count: Int, expected: Int, reason: String)
    /// A class count below 1.
    case invalidClassCount(Int)
    /// A label-smoothing factor outside `0...1`.
    case labelSmoothingOutOfRange(Double)

    /// The error as one sentence, naming the argument and the rule it broke.
    public var description: String {
        switch self {
        case let .empty(argument):
            return "\(argument) is empty; it needs at least one element"
        case let .labelOutOfRange(label, classes, row):
            let at = row.map { " (row \($0))" } ?? ""
            return "label \(label)\(at) is out of range 0..<\(classes)"
        case let .lengthMismatch(argument, count, expected, reason):
            return "\(argument) has \(count) elements, expected \(expected) (\(reason))"
        case let .invalidClassCount(classes):
            return "classes is \(classes); it must be at least 1"
        case let .labelSmoothingOutOfRange(value):
            return "labelSmoothing \(value) is out of range 0...1"
        }
    }
}

/// Stops the program with `error`'s message unless `condition` holds.
///
/// Used for the preconditions of the single-row functions. Unlike `precondition`, whose
/// message is dropped in optimized (-O) builds, `fatalError` prints it in every build, so
/// a reader always sees which argument was wrong and why.
@inlinable
func require(_ condition: Bool, _ error: @autoclosure () -> CECoreError) {
    if !condition { fatalError(error().description) }
}
