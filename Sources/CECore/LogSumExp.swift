import RealModule

/// log Σ_j e^(z_j), computed as m + log(onePlus: t) with m = max z and t = Σ_j e^(z_j − m) − 1.
///
/// No exponential overflows (all are ≤ 1) and log(onePlus:) keeps t's precision when t is
/// tiny. The one inaccurate spot of that formula is cancellation, m < 0 with
/// m + log(1 + t) near 0; there the sum is recomputed in a wider type (Double for Float;
/// Float80 for Double where the platform has it), which keeps the result within a few
/// ulps unless it is about 2⁻¹⁰ (Double) or 2⁻²⁸ (Float) smaller than |m|.
///
/// A row of only −∞ gives −∞ (the log of an empty sum), a +∞ logit gives +∞, a NaN gives NaN.
///
/// - Precondition: `z` is not empty.
@inlinable
@_specialize(where T == Double)
@_specialize(where T == Float)
public func logSumExp<T: Real & BinaryFloatingPoint>(_ z: [T]) -> T {
    require(!z.isEmpty, CECoreError.empty(argument: "z"))
    let row = rowExponentials(z)
    let m = row.max
    let result = m + row.logNormalizer
    if m.isFinite && m < 0 && abs(result) < row.logNormalizer {
        if T.self == Float.self {
            return T(logSumExp(z.map { Double($0) }))
        }
        #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android))
        if T.self == Double.self {
            let wide = rowExponentials(z.map { Float80($0) })
            return T(wide.max + wide.logNormalizer)
        }
        #endif
    }
    return result
}

/// The row statistics of `z` (its exponentials are discarded).
@inlinable
func rowExponentials<T: Real & BinaryFloatingPoint>(_ z: [T]) -> RowExponentials<T> {
    var e = [T](repeating: 0, count: z.count)
    return z.withUnsafeBufferPointer { zb in
        e.withUnsafeMutableBufferPointer { RowExponentials(zb, into: $0) }
    }
}
