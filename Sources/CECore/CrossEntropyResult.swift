/// The loss of a batch and its gradient with respect to the logits.
public struct CrossEntropyResult<T: Sendable>: Sendable {
    /// The reduced loss: the mean or sum of the row losses (for `.none`, their sum).
    public var loss: T
    /// loss_i per row, weighted and smoothed; 0 for ignored rows.
    public var rowLosses: [T]
    /// ∂loss/∂z, row-major like the logits.
    public var gradient: [T]

    /// A result with the given loss, row losses and gradient.
    public init(loss: T, rowLosses: [T], gradient: [T]) {
        self.loss = loss
        self.rowLosses = rowLosses
        self.gradient = gradient
    }
}
