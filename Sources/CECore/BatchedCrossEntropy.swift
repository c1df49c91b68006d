import Dispatch
import RealModule

/// Loss and gradient of a batch of rows in one fused pass, with PyTorch `F.cross_entropy`
/// semantics (class-index targets).
///
/// For row i with label y, weights w (all 1 if absent), smoothing ε and K classes:
///
///     a = (1 − ε) w_y,  b_c = ε w_c / K,  B = Σ_c b_c
///     loss_i = a (−log q_y) + Σ_c b_c (−log q_c)
///     ∂loss_i/∂z_j = (a + B) q_j − b_j − a·[j = y]
///
/// `.mean` divides the sum of loss_i by Σ_i w_{y_i} over non-ignored rows (PyTorch's
/// weighted mean; with smoothing the smoothing term is divided by the same total).
/// Each row is read twice (max; exp and sum, writing e^(z − m) into the gradient) and its
/// gradient is scaled in place while it is in cache; the max of the next row is taken in
/// the same loop as the exponentials of this one, so its memory reads overlap the
/// arithmetic (the values are those of a separate max pass); the label entry q_y − 1 and the
/// loss use the accurate forms of `crossEntropyGradient` and `crossEntropy(logits:label:)`.
/// Batches of 32 768 elements or more are split over the cores.
///
/// Departures from PyTorch: when no row counts (every label is `ignoreIndex`, or the
/// counted weights sum to 0), `.mean` returns loss 0 and a zero gradient instead of NaN.
/// Special logits behave as in the single-row functions; with ε > 0 a masked (−∞) class
/// makes the loss +∞, as in PyTorch, because the smoothed target puts mass on it.
///
/// - Parameters:
///   - logits: rows × classes values, row-major; rows = `labels.count`.
///   - classes: K, the length of a row.
///   - labels: one class index per row, in `0..<classes` or equal to `options.ignoreIndex`.
/// - Throws: `CECoreError` when classes < 1, labels is empty, logits.count ≠ rows × classes,
///   a label is out of range, weights.count ≠ classes, or ε is outside 0...1.
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func crossEntropyLossAndGradient<T: Real & BinaryFloatingPoint & Sendable>(
    logits: [T], classes: Int, labels: [Int], options: CrossEntropyOptions<T> = CrossEntropyOptions()
) throws(CECoreError) -> CrossEntropyResult<T> {
    var gradient: [T] = []
    let (loss, rowLosses) = try crossEntropyLossAndGradient(
        logits: logits, classes: classes, labels: labels, options: options, gradient: &gradient)
    return CrossEntropyResult(loss: loss, rowLosses: rowLosses, gradient: gradient)
}

/// The same loss, writing the gradient into `gradient` instead of a new array.
///
/// `gradient` is resized to `logits.count` if needed and overwritten. Reusing one buffer
/// across calls (a training loop, the benchmark) saves allocating, and page-faulting in,
/// a fresh array on every call: 16 MB for 4096 × 1000 Floats.
///
/// - Returns: the reduced loss and the per-row losses (see `CrossEntropyResult`).
/// - Throws: `CECoreError`, as `crossEntropyLossAndGradient(logits:classes:labels:options:)`.
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func crossEntropyLossAndGradient<T: Real & BinaryFloatingPoint & Sendable>(
    logits: [T], classes: Int, labels: [Int], options: CrossEntropyOptions<T> = CrossEntropyOptions(),
    gradient: inout [T]
) throws(CECoreError) -> (loss: T, rowLosses: [T]) {
    guard classes >= 1 else { throw .invalidClassCount(classes) }
    guard !labels.isEmpty else { throw .empty(argument: "labels") }
    let rows = labels.count
    guard logits.count == rows * classes else {
        throw .lengthMismatch(argument: "logits", count: logits.count, expected: rows * classes,
                              reason: "\(rows) rows of labels × \(classes) classes")
    }
    if let w = options.weights, w.count != classes {
        throw .lengthMismatch(argument: "weights", count: w.count, expected: classes, reason: "one per class")
    }
    let epsilon = options.labelSmoothing
    guard epsilon >= 0 && epsilon <= 1 else { throw .labelSmoothingOutOfRange(Double(epsilon)) }
    var counted = CompensatedSum<T>()
    for (i, y) in labels.enumerated() where y != options.ignoreIndex {
        guard (0..<classes).contains(y) else { throw .labelOutOfRange(label: y, classes: classes, row: i) }
        counted.add(options.weights?[y] ?? 1)
    }
    let total = counted.value
    let scale: T
    switch options.reduction {
    case .mean: scale = total == 0 ? 0 : 1 / total
    case .sum, .none: scale = 1
    }
    let kernel = BatchKernel(classes: classes, options: options, scale: scale)
    var rowLosses = [T](repeating: 0, count: rows)
    if gradient.count != logits.count {
        // every entry is written by the kernel (ignored rows are zeroed), so skip the fill
        gradient = [T](unsafeUninitializedCapacity: logits.count) { _, count in count = logits.count }
    }
    logits.withUnsafeBufferPointer { z in
        labels.withUnsafeBufferPointer { y in
            rowLosses.withUnsafeMutableBufferPointer { losses in
                gradient.withUnsafeMutableBufferPointer { g in
                    kernel.run(z: z, labels: y, losses: losses, gradient: g)
                }
            }
        }
    }
    var sum = CompensatedSum<T>()
    for l in rowLosses { sum.add(l) }
    let loss = options.reduction == .mean ? (total == 0 ? 0 : sum.value / total) : sum.value
    return (loss, rowLosses)
}
