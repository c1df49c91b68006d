/// How the per-row losses of a batch are combined (PyTorch's `reduction`).
public enum Reduction: Sendable, Equatable {
    /// Σ_i loss_i / Σ_i w_{y_i} over the rows that are not ignored (w = 1 without weights).
    case mean
    /// Σ_i loss_i.
    case sum
    /// Keep the row losses (`CrossEntropyResult.rowLosses`); `loss` is then their sum.
    case none
}

/// Options of the batched loss, with the meaning of PyTorch's `F.cross_entropy`.
public struct CrossEntropyOptions<T: Sendable>: Sendable {
    /// How row losses are combined; `.mean` by default.
    public var reduction: Reduction
    /// One weight per class (w_c), or `nil` for all 1. Row i's loss is scaled by w_{y_i}.
    public var weights: [T]?
    /// Rows with this label contribute no loss and get a zero gradient; -100 by default.
    public var ignoreIndex: Int
    /// ε in 0...1: the target becomes (1 − ε)·onehot(y) + ε/K, as in PyTorch.
    public var labelSmoothing: T

    /// Options with PyTorch's defaults: mean, no weights, ignoreIndex -100, no smoothing.
    public init(reduction: Reduction = .mean, weights: [T]? = nil, ignoreIndex: Int = -100,
                labelSmoothing: T = 0) where T: BinaryFloatingPoint {
        self.reduction = reduction
        self.weights = weights
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
    }
}

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
