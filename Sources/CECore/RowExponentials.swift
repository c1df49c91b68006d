import RealModule

/// The normalizer of one row of logits, after its exponentials have been written out.
///
/// With m = max_j z_j and e_j = e^(z_j − m) (so e_j ≤ 1 and the largest is exactly 1):
///
///     s = Σ_j e_j = 1 + t,   t = Σ_j e_j − 1  (the sum of all but one maximal term)
///     log Σ_j e^(z_j) = m + log(1 + t)
///
/// Keeping t instead of s is what makes tiny losses exact: when the true class wins by a
/// wide margin, s = 1 + 1e-22 rounds to 1, but t = 1e-22 is stored to full precision and
/// `log(onePlus: t)` gives the loss, and −t/s the gradient entry q_y − 1.
@usableFromInline
struct RowExponentials<T: Real & BinaryFloatingPoint> {
    /// m, the largest logit (−∞ if every class is masked, NaN if a logit is NaN).
    @usableFromInline var max: T
    /// t = s − 1, the sum of every exponential except one maximal one.
    @usableFromInline var tail: T
    /// log s = log(1 + t).
    @usableFromInline var logNormalizer: T
    /// 1/s (0 when every class is masked).
    @usableFromInline var reciprocal: T

    /// Every logit is −∞: no class is left, so every q_j is 0.
    @inlinable var allMasked: Bool { max == -.infinity }

    /// Computes m, writes e_j = e^(z_j − m) into `e`, and sums them (compensated).
    ///
    /// Two passes over the row: the max, then exp-and-sum. Float and Double rows use the
    /// SIMD kernels of the process's `InstructionSet` (`Kernels`); other types call `T.exp`
    /// per element. (The batched kernel overlaps the first pass of a row with the second of
    /// the previous row, see `init(_:max:into:next:nextMax:isa:)`.)
    @inlinable
    init(_ z: UnsafeBufferPointer<T>, into e: UnsafeMutableBufferPointer<T>) {
        var unused: T? = nil
        let isa = InstructionSet.current
        self.init(z, max: rowMax(z, isa), into: e, next: nil, nextMax: &unused, isa: isa)
    }

    /// The same, with m = `rowMax(z)` already known; when `next` (a row of the same
    /// length) is given and this row is finite, its `rowMax` is computed during the
    /// exp-and-sum pass (Float and Double only) and stored in `nextMax`, else `nextMax` is nil.
    ///
    /// t leaves the maximal entries out of the sum and adds their count − 1 instead, so
    /// it is a sum of small terms with its full relative precision, and log(1 + t), the
    /// normaliser of log-softmax's largest entry, stays accurate when t is tiny.
    @inlinable
    init(_ z: UnsafeBufferPointer<T>, max m: T, into e: UnsafeMutableBufferPointer<T>,
         next: UnsafeBufferPointer<T>?, nextMax: inout T?, isa: InstructionSet) {
        nextMax = nil
        if m.isNaN || m.isInfinite {
            self.init(special: z, max: m, into: e)
            return
        }
        let t: T
        if T.self == Double.self {
            let r = Kernels.exponentiate(
                reinterpret(z, as: Double.self), minus: Double(m),
                into: reinterpret(e, as: Double.self), next: next.map { reinterpret($0, as: Double.self) }, isa)
            t = T(r.tail)
            if next != nil { nextMax = T(r.nextMax) }
        } else if T.self == Float.self {
            let r = Kernels.exponentiate(
                reinterpret(z, as: Float.self), minus: Float(m),
                into: reinterpret(e, as: Float.self), next: next.map { reinterpret($0, as: Float.self) }, isa)
            t = T(r.tail)
            if next != nil { nextMax = T(r.nextMax) }
        } else {
            var sum = CompensatedSum<T>()
            var maxima = 0
            for j in 0..<z.count {
                let d = ShiftedLogit(z[j], minus: m)
                let x = d.head == -.infinity ? 0 : T.exp(d.head)
                let ej = x + x * d.tail
                e[j] = ej
                if z[j] == m { maxima += 1 } else { sum.add(ej) }
            }
            sum.add(T(maxima - 1))
            t = sum.value
        }
        self.init(max: m, tail: t, logNormalizer: T.log(onePlus: t), reciprocal: 1 / (1 + t))
    }

    @inlinable
    init(max: T, tail: T, logNormalizer: T, reciprocal: T) {
        self.max = max
        self.tail = tail
        self.logNormalizer = logNormalizer
        self.reciprocal = reciprocal
    }

    /// Rows whose maximum is ±∞ or NaN.
    ///
    /// - +∞ logits share the probability equally (the limit of equal, growing logits);
    ///   every finite or −∞ logit gets q = 0.
    /// - Every logit −∞: all q_j = 0, log s = −∞ (the log of an empty sum).
    /// - A NaN logit: every output of the row is NaN (the normalizer is undefined).
    @inlinable
    init(special z: UnsafeBufferPointer<T>, max m: T, into e: UnsafeMutableBufferPointer<T>) {
        max = m
        if m.isNaN {
            for j in 0..<z.count { e[j] = .nan }
            tail = .nan; logNormalizer = .nan; reciprocal = .nan
        } else if m == .infinity {
            var count = 0
            for j in 0..<z.count {
                if z[j] == .infinity { e[j] = 1; count += 1 } else { e[j] = 0 }
            }
            tail = T(count - 1)
            logNormalizer = T.log(T(count))
            reciprocal = 1 / T(count)
        } else {
            for j in 0..<z.count { e[j] = 0 }
            tail = -1; logNormalizer = -.infinity; reciprocal = 0
        }
    }

    /// q_y − 1 for the row's label y, given e_y, without cancellation.
    ///
    /// When z_y is a maximum, q_y − 1 = (1 − s)/s = −t/s, exact to a few ulps even when it
    /// is 1e-22; otherwise q_y ≤ 1/2 and e_y/s − 1 loses nothing.
    @inlinable
    func qMinusOne(logit zy: T, exponential ey: T) -> T {
        if allMasked { return -1 }
        if zy == max { return -(tail * reciprocal) }
        return ey * reciprocal - 1
    }

    /// −log q_y = log s − (z_y − m): both terms ≥ 0, so nothing cancels, and the shared
    /// offset m is removed before anything is rounded.
    @inlinable
    func loss(logit zy: T) -> T {
        if allMasked { return .infinity }
        let d = ShiftedLogit(zy, minus: max)
        return (logNormalizer - d.head) - d.tail
    }

    /// log q_j = (z_j − m) − log s.
    @inlinable
    func logProbability(logit zj: T) -> T {
        if allMasked { return -.infinity }
        let d = ShiftedLogit(zj, minus: max)
        return (d.head - logNormalizer) + d.tail
    }
}

/// The largest element (NaN if the first element is NaN; a later NaN is caught by the sum).
@inlinable
func rowMax<T: BinaryFloatingPoint>(_ z: UnsafeBufferPointer<T>, _ isa: InstructionSet) -> T {
    if T.self == Double.self {
        return T(Kernels.max(reinterpret(z, as: Double.self), isa))
    } else if T.self == Float.self {
        return T(Kernels.max(reinterpret(z, as: Float.self), isa))
    }
    var m = z[0]
    for x in z where x > m { m = x }
    return m
}

/// Reinterprets a buffer of T as a buffer of U (only called when T == U).
@inlinable
func reinterpret<T, U>(_ b: UnsafeBufferPointer<T>, as _: U.Type) -> UnsafeBufferPointer<U> {
    UnsafeBufferPointer(start: UnsafeRawPointer(b.baseAddress)?.assumingMemoryBound(to: U.self), count: b.count)
}

/// Reinterprets a mutable buffer of T as a buffer of U (only called when T == U).
@inlinable
func reinterpret<T, U>(_ b: UnsafeMutableBufferPointer<T>, as _: U.Type) -> UnsafeMutableBufferPointer<U> {
    UnsafeMutableBufferPointer(
        start: UnsafeMutableRawPointer(b.baseAddress)?.assumingMemoryBound(to: U.self), count: b.count)
}
