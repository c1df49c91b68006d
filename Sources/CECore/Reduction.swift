/// How the per-row losses of a batch are combined (PyTorch's `reduction`).
public enum Reduction: Sendable, Equatable {
    /// Σ_i loss_i / Σ_i w_{y_i} over the rows that are not ignored (w = 1 without weights).
    case mean
    /// Σ_i loss_i.
    case sum
    /// Keep the row losses (`CrossEntropyResult.rowLosses`); `loss` is then their sum.
    case none
}
