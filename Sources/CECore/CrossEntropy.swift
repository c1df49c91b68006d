import RealModule

/// The one-hot distribution of `label`: 1 at `label`, 0 elsewhere.
///
/// - Precondition: `count` ≥ 1 and `label` in `0..<count` ("label 5 is out of range 0..<3").
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func oneHot<T: Real & BinaryFloatingPoint>(_ label: Int, count: Int) -> [T] {
    require(count >= 1, CECoreError.invalidClassCount(count))
    require((0..<count).contains(label), CECoreError.labelOutOfRange(label: label, classes: count, row: nil))
    var p = [T](repeating: 0, count: count)
    p[label] = 1
    return p
}

/// The cross-entropy H(p, q) = −Σ_j p_j log q_j between two distributions.
///
/// Terms with p_j = 0 count as 0 (the limit of p log p), even where q_j = 0; a class
/// with p_j > 0 and q_j = 0 makes H infinite. The terms are summed with compensation.
///
/// - Precondition: `p` is not empty and `q` has as many elements as `p`.
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func crossEntropy<T: Real & BinaryFloatingPoint>(_ p: [T], _ q: [T]) -> T {
    require(!p.isEmpty, CECoreError.empty(argument: "p"))
    require(p.count == q.count, CECoreError.lengthMismatch(
        argument: "q", count: q.count, expected: p.count, reason: "one probability per class of p"))
    var sum = CompensatedSum<T>()
    for j in 0..<p.count where p[j] != 0 {
        sum.add(-p[j] * T.log(q[j]))
    }
    return sum.value
}

/// The loss −log q_y = log Σ_j e^(z_j − m) − (z_y − m) for logits z and label y.
///
/// Written this way the shared offset m cancels before rounding (logits + 1e15 give the
/// same loss), both terms are ≥ 0 (no cancellation), and log Σ = log(onePlus: t) keeps
/// full relative accuracy when the true class wins by a wide margin: logits (50, 0, 0)
/// with label 0 give 3.857e-22, where log(softmax) gives 0.
///
/// A masked label (z_y = −∞) or a row of only −∞ gives +∞; a +∞ logit gives 0 or +∞
/// (log of the number of +∞ logits if z_y is one of them); a NaN logit gives NaN.
///
/// - Precondition: `logits` is not empty and `label` is in `0..<logits.count`.
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func crossEntropy<T: Real & BinaryFloatingPoint>(logits: [T], label: Int) -> T {
    checkRow(logits, label)
    return rowExponentials(logits).loss(logit: logits[label])
}

/// The gradient ∇_z of the loss: q − onehot(y).
///
/// q is the softmax (see `softmax(_:)`); the label's entry q_y − 1 is computed as
/// −(Σ_{j≠y} e_j)/s when z_y is the maximum, so it stays a tiny negative number (−3.857e-22
/// for logits (50, 0, 0), label 0) instead of rounding to 0. Masked classes get 0; a row
/// of only −∞ gives −onehot(y); a NaN logit gives NaN everywhere.
///
/// - Precondition: `logits` is not empty and `label` is in `0..<logits.count`.
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func crossEntropyGradient<T: Real & BinaryFloatingPoint>(logits: [T], label: Int) -> [T] {
    checkRow(logits, label)
    return [T](unsafeUninitializedCapacity: logits.count) { g, count in
        logits.withUnsafeBufferPointer { zb in
            let row = RowExponentials(zb, into: g)
            let ey = g[label]
            for j in 0..<zb.count { g[j] *= row.reciprocal }
            g[label] = row.qMinusOne(logit: zb[label], exponential: ey)
        }
        count = logits.count
    }
}

/// Stops with a message naming the argument unless `logits` is non-empty and `label` valid.
@inlinable
func checkRow<T>(_ logits: [T], _ label: Int) {
    require(!logits.isEmpty, CECoreError.empty(argument: "logits"))
    require((0..<logits.count).contains(label), CECoreError.labelOutOfRange(label: label, classes: logits.count, row: nil))
}
