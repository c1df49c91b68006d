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
