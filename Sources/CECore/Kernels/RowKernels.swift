/// The hot loops of a row of logits — its max, and e_j = e^(z_j − m) with their sum — for
/// Float and Double.
///
/// This one source is compiled three times: as `CECoreBaseline` (this folder) for baseline x86-64
/// (SSE2), and through symbolic links as `CECoreAVX2` (`-target-cpu haswell`) and
/// `CECoreAVX512` (`-target-cpu skylake-avx512`); CECore picks one per process from
/// CPUID. Every path returns the same bits, because the source fixes what a compiler
/// could otherwise choose:
/// - the logical width is 8 lanes (`SIMD8`) on every path: 4 SSE registers for Double
///   or 2 for Float on the baseline, 2 or 1 AVX2 registers, one AVX-512 register;
/// - each lane keeps its own running max and its own sums, and the lanes are combined in
///   lane order at the end, so the reduction tree does not depend on the register width;
/// - a row's last 1 to 7 elements go one at a time through the same operations as a
///   vector lane, into lanes 0, 1, …;
/// - every product and sum is rounded on its own (Swift does not contract a·b + c into a
///   fused multiply-add; the bit-identity test checks that it stays so).
/// A NaN result is NaN on every path, but its payload bits are not promised: which
/// operand's payload an operation keeps can differ between SSE and AVX forms.
///
/// Both exponentials reduce e^x = 2^(n/N) · e^r with r = x − n·(log 2)/N, (log 2)/N split
/// in two (Cody–Waite) so n·hi is exact, and the TwoSum tail of z − m folded into r:
/// - Double: N = 128 and a table of 2^(j/128) (head + tail), so |r| ≤ (log 2)/256 and a
///   degree-5 Taylor polynomial suffices (truncation below 2⁻⁶⁰; result error near ½ ulp).
/// - Float: N = 1, |r| ≤ 0.35, a degree-6 polynomial fitted on the interval (error 2⁻²⁶).
/// The power of two is assembled from the exponent bits. Lanes below the normal range
/// fall back to libm's `exp`.
///
/// The sum leaves out the maximal entries (each exactly 1) and counts them instead:
/// t = Σ_{j≠argmax} e_j is then a sum of small terms that keeps its full relative
/// precision, which log-softmax's largest entry, −log(1 + t), needs. Sums are plain within
/// blocks of 16 vectors (at most 16 terms per lane), Kahan sums across blocks, folded with
/// exact TwoSums, so the relative error of t stays near one ulp even when t is 1e-22 or K
/// is 20 000.
public enum RowKernels {
    typealias D = SIMD8<Double>
    typealias F = SIMD8<Float>

    // MARK: Float

    /// The largest element (NaN if z[0] is NaN; later NaNs are skipped).
    public static func max(_ z: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = F(repeating: z[0])
        var j = 0
        while j + 8 <= n {
            maxStep(&acc, load(z + j))
            j += 8
        }
        if j < n { maxStep(&acc, lastVector(z, count: n)) }
        return fold(acc)
    }

    /// Writes e^(z_j − m) into `e` and returns t = Σ_j e_j − 1 (m finite, the row's max).
    ///
    /// When `next` (a row of the same length) is given, its max is computed in the same
    /// loop, exactly as `max(_:count:)` computes it, and returned as `nextMax`: its loads
    /// then overlap the exponentials instead of stalling a separate pass on memory.
    public static func exponentiate(
        _ z: UnsafePointer<Float>, count n: Int, minus m: Float, into e: UnsafeMutablePointer<Float>,
        next: UnsafePointer<Float>?
    ) -> (tail: Float, nextMax: Float) {
        let nz = next ?? z
        var acc = F(repeating: nz[0])
        var sum = F(), comp = F(), block = F(), ties = F(), blockCount = 0, compensated = false
        let vm = F(repeating: m), negM = F(repeating: -m)
        var j = 0
        while j + 8 <= n {
            maxStep(&acc, load(nz + j))
            let x: F = load(z + j)
            let v = exponentials(shifted(x, vm, negM))
            UnsafeMutableRawPointer(e + j).storeBytes(of: v, as: F.self)
            accumulate(x, v, m, &block, &ties)
            j += 8
            endVector(&block, &blockCount, &sum, &comp, &compensated)
        }
        if j < n {
            // the last 1 to 7 elements one at a time, in lanes 0..<rest, with the same
            // operations as a vector lane (so the same bits)
            maxStep(&acc, lastVector(nz, count: n))
            for l in 0..<(n - j) {
                let x = z[j + l]
                let v = exponential(shifted(x, m, -m))
                e[j + l] = v
                if x == m { ties[l] += 1 } else { block[l] += v }
            }
        }
        if compensated { kahan(&sum, &comp, block) } else { sum = block }
        return (total(sum, comp, ties, compensated: compensated), fold(acc))
    }

    /// e_j ← c·e_j.
    public static func scale(_ e: UnsafeMutablePointer<Float>, count n: Int, by c: Float) {
        let vc = F(repeating: c)
        var j = 0
        while j + 8 <= n {
            let raw = UnsafeMutableRawPointer(e + j)
            raw.storeBytes(of: raw.loadUnaligned(as: F.self) * vc, as: F.self)
            j += 8
        }
        while j < n { e[j] *= c; j += 1 }
    }

    // MARK: Double

    /// The largest element (NaN if z[0] is NaN; later NaNs are skipped).
    public static func max(_ z: UnsafePointer<Double>, count n: Int) -> Double {
        var acc = D(repeating: z[0])
        var j = 0
        while j + 8 <= n {
            maxStep(&acc, load(z + j))
            j += 8
        }
        if j < n { maxStep(&acc, lastVector(z, count: n)) }
        return fold(acc)
    }

    /// Writes e^(z_j − m) into `e` and returns t = Σ_j e_j − 1 (m finite, the row's max);
    /// `next` as for Float.
    public static func exponentiate(
        _ z: UnsafePointer<Double>, count n: Int, minus m: Double, into e: UnsafeMutablePointer<Double>,
        next: UnsafePointer<Double>?
    ) -> (tail: Double, nextMax: Double) {
        let nz = next ?? z
        var acc = D(repeating: nz[0])
        var sum = D(), comp = D(), block = D(), ties = D(), blockCount = 0, compensated = false
        let vm = D(repeating: m), negM = D(repeating: -m)
        var j = 0
        exp2Table.withUnsafeBufferPointer { tb in
            let table = tb.baseAddress!
            // Until a vector has a lane below the normal range, a loop with no call in it:
            // libm's exp in the loop body made every vector register caller-saved across it,
            // and the AVX-512 Double kernel kept its values in stack slots (2× the AVX2 time).
            while j + 8 <= n {
                let x: D = load(z + j)
                let (hi, lo) = shifted(x, vm, negM)
                if any(hi .< -708) { break }
                maxStep(&acc, load(nz + j))
                let v = exp(hi, lo, table: table)
                UnsafeMutableRawPointer(e + j).storeBytes(of: v, as: D.self)
                accumulate(x, v, m, &block, &ties)
                j += 8
                endVector(&block, &blockCount, &sum, &comp, &compensated)
            }
            while j + 8 <= n {
                maxStep(&acc, load(nz + j))
                let x: D = load(z + j)
                let (hi, lo) = shifted(x, vm, negM)
                let v = exponentials(hi, lo, table: table)
                UnsafeMutableRawPointer(e + j).storeBytes(of: v, as: D.self)
                accumulate(x, v, m, &block, &ties)
                j += 8
                endVector(&block, &blockCount, &sum, &comp, &compensated)
            }
            if j < n {
                maxStep(&acc, lastVector(nz, count: n))
                for l in 0..<(n - j) {
                    let x = z[j + l]
                    let (hi, lo) = shifted(x, m, -m)
                    let v = exponential(hi, lo, table: table)
                    e[j + l] = v
                    if x == m { ties[l] += 1 } else { block[l] += v }
                }
            }
        }
        if compensated { kahan(&sum, &comp, block) } else { sum = block }
        return (total(sum, comp, ties, compensated: compensated), fold(acc))
    }

    /// e_j ← c·e_j.
    public static func scale(_ e: UnsafeMutablePointer<Double>, count n: Int, by c: Double) {
        let vc = D(repeating: c)
        var j = 0
        while j + 8 <= n {
            let raw = UnsafeMutableRawPointer(e + j)
            raw.storeBytes(of: raw.loadUnaligned(as: D.self) * vc, as: D.self)
            j += 8
        }
        while j < n { e[j] *= c; j += 1 }
    }

    // MARK: Lane helpers (the same for both types)

    @inline(__always)
    static func load<V: SIMD>(_ p: UnsafePointer<V.Scalar>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    /// The vector that completes a row's max: the row's last 8 elements (those before
    /// them were seen already, and a repeat does not change a max), or, for a row shorter
    /// than 8, its elements padded with its first. Copying in one piece, instead of lane by
    /// lane, avoids a store-forwarding stall per element.
    @inline(__always)
    static func lastVector<V: SIMD>(_ z: UnsafePointer<V.Scalar>, count n: Int) -> V {
        if n >= V.scalarCount { return load(z + n - V.scalarCount) }
        var v = V(repeating: z[0])
        withUnsafeMutableBytes(of: &v) { raw in
            raw.baseAddress!.copyMemory(from: z, byteCount: n * MemoryLayout<V.Scalar>.stride)
        }
        return v
    }

    /// x − m as hi + lo exactly (TwoSum; m is the row's max, so |x − m| needs no swap).
    @inline(__always)
    static func shifted<V: SIMD>(_ x: V, _ vm: V, _ negM: V) -> (V, V) where V.Scalar: FloatingPoint {
        let hi = x - vm
        let mm = hi - x
        let lo = (x - (hi - mm)) + (negM - mm)
        return (hi, lo)
    }

    /// The same for one element (a row's last few).
    @inline(__always)
    static func shifted<T: FloatingPoint>(_ x: T, _ m: T, _ negM: T) -> (T, T) {
        let hi = x - m
        let mm = hi - x
        let lo = (x - (hi - mm)) + (negM - mm)
        return (hi, lo)
    }

    /// Adds the lanes of v that are not maxima (x ≠ m) to `block`, and counts the maxima
    /// in `ties`.
    ///
    /// Written lane by lane (as is `maxStep`) so that LLVM turns it into vector compares
    /// and blends; the generic `SIMDMask` operations build their masks one lane at a time.
    /// `@_transparent`, because `@inline(__always)` left it an out-of-line call per
    /// vector in the Double kernel (B = 4096, K = 1000 on AVX2: 11.1 ms with the call,
    /// 8.4 ms without).
    @_transparent
    static func accumulate<V: SIMD>(
        _ x: V, _ v: V, _ m: V.Scalar, _ block: inout V, _ ties: inout V
    ) where V.Scalar: FloatingPoint {
        for l in 0..<V.scalarCount {
            let isMax = x[l] == m
            block[l] += isMax ? 0 : v[l]
            ties[l] += isMax ? 1 : 0
        }
    }

    /// acc = x > acc ? x : acc lane by lane (a NaN in x is skipped), written per lane so
    /// that it compiles to MAXPS/MAXPD, whose semantics are exactly these.
    @inline(__always)
    static func maxStep<V: SIMD>(_ acc: inout V, _ x: V) where V.Scalar: FloatingPoint {
        for l in 0..<V.scalarCount { acc[l] = x[l] > acc[l] ? x[l] : acc[l] }
    }

    /// The largest lane, folded in lane order (NaN if lane 0 is NaN).
    @inline(__always)
    static func fold<V: SIMD>(_ acc: V) -> V.Scalar where V.Scalar: FloatingPoint {
        var r = acc[0]
        for l in 1..<V.scalarCount where acc[l] > r { r = acc[l] }
        return r
    }

    /// Counts a vector into its block: every 16 vectors (at most 16 terms per lane) the
    /// block's plain sums go into the Kahan sums (sum, comp) and the block starts again.
    @_transparent
    static func endVector<V: SIMD>(
        _ block: inout V, _ blockCount: inout Int, _ sum: inout V, _ comp: inout V, _ compensated: inout Bool
    ) where V.Scalar: FloatingPoint {
        blockCount += 1
        if blockCount == 16 {
            kahan(&sum, &comp, block)
            block = V()
            blockCount = 0
            compensated = true
        }
    }

    /// Adds `x` to the lane-wise Kahan sum (sum, comp).
    @inline(__always)
    static func kahan<V: SIMD>(_ sum: inout V, _ comp: inout V, _ x: V) where V.Scalar: FloatingPoint {
        let y = x - comp
        let t = sum + y
        comp = (t - sum) - y
        sum = t
    }

    /// t = (number of maxima − 1) + Σ_lanes (sum − comp), folded in lane order with
    /// Neumaier's compensation. A row of fewer than 16 full vectors (n < 128) never
    /// folded a block into its Kahan sums (`compensated` false): comp is 0 and only the
    /// sums are added.
    @inline(__always)
    static func total<V: SIMD>(_ sum: V, _ comp: V, _ ties: V, compensated: Bool) -> V.Scalar
    where V.Scalar: FloatingPoint {
        var count = V.Scalar(0)
        for l in 0..<V.scalarCount { count += ties[l] }
        var total = CompensatedTotal(count - 1)
        for l in 0..<V.scalarCount {
            total.add(sum[l])
            if compensated { total.add(-comp[l]) }
        }
        return total.value
    }
}
