internal import CECoreBaseline
internal import CECoreAVX2
internal import CECoreAVX512

/// The row kernels of the chosen `InstructionSet`, for Float and Double.
///
/// Each function forwards to the same function of `CECoreBaseline`, `CECoreAVX2` or
/// `CECoreAVX512`: one source compiled for each, so all three return the same bits. Rows
/// shorter than `InstructionSet.shortestWideRow` always take the baseline kernels.
@usableFromInline
enum Kernels {
    /// The path for a row of n elements.
    @inline(__always)
    static func path(_ isa: InstructionSet, _ n: Int) -> InstructionSet { n < InstructionSet.shortestWideRow ? .baseline : isa }

    /// The largest element (NaN if z[0] is NaN).
    @usableFromInline
    static func max(_ z: UnsafeBufferPointer<Float>, _ isa: InstructionSet) -> Float {
        let p = z.baseAddress!
        switch path(isa, z.count) {
        case .baseline: return CECoreBaseline.RowKernels.max(p, count: z.count)
        case .avx2: return CECoreAVX2.RowKernels.max(p, count: z.count)
        case .avx512: return CECoreAVX512.RowKernels.max(p, count: z.count)
        }
    }

    @usableFromInline
    static func max(_ z: UnsafeBufferPointer<Double>, _ isa: InstructionSet) -> Double {
        let p = z.baseAddress!
        switch path(isa, z.count) {
        case .baseline: return CECoreBaseline.RowKernels.max(p, count: z.count)
        case .avx2: return CECoreAVX2.RowKernels.max(p, count: z.count)
        case .avx512: return CECoreAVX512.RowKernels.max(p, count: z.count)
        }
    }

    /// Writes e^(z_j − m) into `e` and returns t = Σ e_j − 1 and the max of `next` (of `z`
    /// when `next` is nil).
    @usableFromInline
    static func exponentiate(
        _ z: UnsafeBufferPointer<Float>, minus m: Float, into e: UnsafeMutableBufferPointer<Float>,
        next: UnsafeBufferPointer<Float>?, _ isa: InstructionSet
    ) -> (tail: Float, nextMax: Float) {
        let (p, n, out, nx) = (z.baseAddress!, z.count, e.baseAddress!, next?.baseAddress)
        switch path(isa, n) {
        case .baseline: return CECoreBaseline.RowKernels.exponentiate(p, count: n, minus: m, into: out, next: nx)
        case .avx2: return CECoreAVX2.RowKernels.exponentiate(p, count: n, minus: m, into: out, next: nx)
        case .avx512: return CECoreAVX512.RowKernels.exponentiate(p, count: n, minus: m, into: out, next: nx)
        }
    }

    @usableFromInline
    static func exponentiate(
        _ z: UnsafeBufferPointer<Double>, minus m: Double, into e: UnsafeMutableBufferPointer<Double>,
        next: UnsafeBufferPointer<Double>?, _ isa: InstructionSet
    ) -> (tail: Double, nextMax: Double) {
        let (p, n, out, nx) = (z.baseAddress!, z.count, e.baseAddress!, next?.baseAddress)
        switch path(isa, n) {
        case .baseline: return CECoreBaseline.RowKernels.exponentiate(p, count: n, minus: m, into: out, next: nx)
        case .avx2: return CECoreAVX2.RowKernels.exponentiate(p, count: n, minus: m, into: out, next: nx)
        case .avx512: return CECoreAVX512.RowKernels.exponentiate(p, count: n, minus: m, into: out, next: nx)
        }
    }

    /// e_j ← c·e_j.
    @usableFromInline
    static func scale(_ e: UnsafeMutableBufferPointer<Float>, by c: Float, _ isa: InstructionSet) {
        let (p, n) = (e.baseAddress!, e.count)
        switch path(isa, n) {
        case .baseline: CECoreBaseline.RowKernels.scale(p, count: n, by: c)
        case .avx2: CECoreAVX2.RowKernels.scale(p, count: n, by: c)
        case .avx512: CECoreAVX512.RowKernels.scale(p, count: n, by: c)
        }
    }

    @usableFromInline
    static func scale(_ e: UnsafeMutableBufferPointer<Double>, by c: Double, _ isa: InstructionSet) {
        let (p, n) = (e.baseAddress!, e.count)
        switch path(isa, n) {
        case .baseline: CECoreBaseline.RowKernels.scale(p, count: n, by: c)
        case .avx2: CECoreAVX2.RowKernels.scale(p, count: n, by: c)
        case .avx512: CECoreAVX512.RowKernels.scale(p, count: n, by: c)
        }
    }
}
