import RealModule

/// z − m as an unevaluated sum `head + tail`, exact (Knuth's TwoSum).
///
/// The shifted logit d = z − m is the argument of every exponential and logarithm in
/// CECore. Rounding it to T would cost up to |d|·2⁻⁵³ of relative accuracy in e^d
/// (several ulps once |d| > 8), so the rounding error is kept in `tail` and added back:
/// e^(head + tail) ≈ e^head · (1 + tail).
///
/// Infinite cases follow the masked-class convention: a −∞ logit gives (−∞, 0); when the
/// row maximum m is +∞, the +∞ logits give (0, 0) and every other logit (−∞, 0).
@usableFromInline
struct ShiftedLogit<T: Real & BinaryFloatingPoint> {
    @usableFromInline var head: T
    @usableFromInline var tail: T

    @inlinable
    init(_ z: T, minus m: T) {
        if m.isInfinite || z.isInfinite {
            if m.isInfinite && z == m {
                head = 0
            } else {
                head = z - m  // −∞ for a masked logit, NaN only for NaN input
            }
            tail = 0
            return
        }
        let s = z - m
        head = s
        guard s.isFinite else { tail = 0; return }  // z − m overflowed to −∞: e^(z−m) = 0
        let mm = s - z
        tail = (z - (s - mm)) + (-m - mm)
    }

    /// The rounded value head + tail.
    @inlinable var value: T { head + tail }
}
