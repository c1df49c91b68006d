import RealModule

/// The softmax q_j = e^(z_j) / Σ_k e^(z_k), computed as e^(z_j − m) / Σ_k e^(z_k − m).
///
/// Shifting by m = max z makes every exponential ≤ 1 (no overflow) with at least one
/// equal to 1 (the sum cannot underflow to 0). The shift z_j − m is kept exactly (its
/// rounding error is added back), the exponentials come from a sub-ulp SIMD exp, and the
/// sum is compensated, so every q_j is within a few ulps of the exact value for rows of
/// any length. A shared offset (1e15 + z) cancels in z_j − m before anything is rounded.
///
/// Special logits: a −∞ logit is a masked class (q = 0). +∞ logits share the probability
/// equally. A row of only −∞ has no class left: every q_j is 0. A NaN logit makes every
/// q_j NaN.
///
/// - Precondition: `z` is not empty ("z is empty; …").
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func softmax<T: Real & BinaryFloatingPoint>(_ z: [T]) -> [T] {
    require(!z.isEmpty, CECoreError.empty(argument: "z"))
    return [T](unsafeUninitializedCapacity: z.count) { out, count in
        z.withUnsafeBufferPointer { zb in
            let row = RowExponentials(zb, into: out)
            for j in 0..<zb.count { out[j] *= row.reciprocal }
        }
        count = z.count
    }
}

/// log q_j = (z_j − m) − log Σ_k e^(z_k − m), without forming q.
///
/// Both terms are ≤ 0 and ≥ 0 respectively, so their difference never cancels, and
/// log Σ is computed as log(onePlus: t) from the sum t of the non-maximal terms. Stays
/// finite where log(softmax(z)) underflows to −∞. Masked (−∞) logits give −∞; a row of
/// only −∞ gives −∞ everywhere.
///
/// - Precondition: `z` is not empty.
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func logSoftmax<T: Real & BinaryFloatingPoint>(_ z: [T]) -> [T] {
    require(!z.isEmpty, CECoreError.empty(argument: "z"))
    var e = [T](repeating: 0, count: z.count)
    return z.withUnsafeBufferPointer { zb in
        let row = e.withUnsafeMutableBufferPointer { RowExponentials(zb, into: $0) }
        return zb.map { row.logProbability(logit: $0) }
    }
}
