import RealModule

/// SIMD kernels for the two hot loops of a row: the max, and e_j = e^(z_j − m) with their sum.
///
/// The exponential is the classic reduction e^x = 2^n · e^r, n = round(x / log 2),
/// r = x − n·log 2 ∈ [−0.35, 0.35], with log 2 split in two (Cody–Waite) so n·log2_hi is
/// exact, the TwoSum tail of z − m folded into r, and e^r from a polynomial
/// (degree 11 for Double, 6 for Float, fitted on the interval: errors near 2⁻⁵⁵ and 2⁻²⁶).
/// 2^n is assembled from the exponent bits. Lanes below the normal range (x < −708 for
/// Double, −87 for Float, including masked −∞ logits) fall back to `exp` from libm.
///
/// Sums are plain within blocks of 16 vectors (at most 16 terms per lane), Kahan sums
/// across blocks, folded into t = Σ e_j − 1 with exact TwoSums, so the
/// relative error of t stays near one ulp even when t is 1e-22 or K is 20 000.
@usableFromInline
enum VectorExp {
    @usableFromInline typealias D = SIMD8<Double>
    @usableFromInline typealias F = SIMD16<Float>

    // MARK: Double

    @inlinable
    static func max(_ z: UnsafeBufferPointer<Double>) -> Double {
        let n = z.count, w = D.scalarCount
        var m = z[0]
        var j = 0
        if n >= w {
            var acc = D(repeating: z[0])
            let base = UnsafeRawPointer(z.baseAddress!)
            while j + w <= n {
                let x = base.loadUnaligned(fromByteOffset: j * 8, as: D.self)
                acc.replace(with: x, where: x .> acc)
                j += w
            }
            m = acc.max()
        }
        while j < n { if z[j] > m { m = z[j] }; j += 1 }
        return m
    }

    /// Writes e^(z_j − m) into `e` and returns Σ e_j − 1 (m finite, the row's max).
    @inlinable
    static func exponentiate(
        _ z: UnsafeBufferPointer<Double>, minus m: Double, into e: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let n = z.count, w = D.scalarCount
        var sum = D(repeating: 0), comp = D(repeating: 0), block = D(repeating: 0), blockCount = 0
        let src = UnsafeRawPointer(z.baseAddress!)
        let dst = UnsafeMutableRawPointer(e.baseAddress!)
        let vm = D(repeating: m), negM = D(repeating: -m)
        var j = 0
        while j + w <= n {
            let x = src.loadUnaligned(fromByteOffset: j * 8, as: D.self)
            // TwoSum: x − m = hi + lo exactly
            let hi = x - vm
            let mm = hi - x
            let lo = (x - (hi - mm)) + (negM - mm)
            var v: D
            if any(hi .< -708) {
                v = D(repeating: 0)
                for l in 0..<w { v[l] = scalarExp(hi[l], lo[l]) }
            } else {
                v = exp(hi, lo)
            }
            dst.storeBytes(of: v, toByteOffset: j * 8, as: D.self)
            block += v
            j += w
            blockCount += 1
            if blockCount == 16 {
                kahan(&sum, &comp, block)
                block = D(repeating: 0)
                blockCount = 0
            }
        }
        kahan(&sum, &comp, block)
        var total = CompensatedSum<Double>()
        total.add(-1)
        for l in 0..<w { total.add(sum[l]); total.add(-comp[l]) }
        while j < n {
            let d = ShiftedLogit(z[j], minus: m)
            let v = scalarExp(d.head, d.tail)
            e[j] = v
            total.add(v)
            j += 1
        }
        return total.value
    }

    @inlinable
    static func scalarExp(_ hi: Double, _ lo: Double) -> Double {
        if hi == -.infinity { return 0 }
        let x = Double.exp(hi)
        return x + x * lo
    }

    /// e^(hi + lo) for hi ≥ −708 (NaN lanes give NaN).
    @inlinable
    static func exp(_ hi: D, _ lo: D) -> D {
        let log2e = D(repeating: 0x1.71547652b82fep0)
        let shifter = D(repeating: 0x1.8p52)
        let ln2hi = D(repeating: 0x1.62e42fee00000p-1)
        let ln2lo = D(repeating: 0x1.a39ef35793c76p-33)
        let k = hi * log2e + shifter
        let nf = k - shifter
        let r = (hi - nf * ln2hi) + (lo - nf * ln2lo)
        // g(r) = (e^r − 1 − r)/r², minimax-like (Chebyshev fit, error 2⁻⁵⁵ relative to e^r),
        // evaluated in Estrin's scheme to keep the dependency chain short
        let r2 = r * r, r4 = r2 * r2
        let p01 = D(repeating: 0x1.0000000000001p-1) + D(repeating: 0x1.5555555555556p-3) * r
        let p23 = D(repeating: 0x1.5555555553d68p-5) + D(repeating: 0x1.11111111109b5p-7) * r
        let p45 = D(repeating: 0x1.6c16c17889fd3p-10) + D(repeating: 0x1.a01a01a7c2f89p-13) * r
        let p67 = D(repeating: 0x1.a019b91463588p-16) + D(repeating: 0x1.71de0db2d4e97p-19) * r
        let p89 = D(repeating: 0x1.28917ccaf39d3p-22) + D(repeating: 0x1.af389f20208c6p-26) * r
        let g = (p01 + p23 * r2) + (p45 + p67 * r2) * r4 + p89 * (r4 * r4)
        let er = D(repeating: 1) + (r + r2 * g)
        let bits = (unsafeBitCast(k, to: SIMD8<UInt64>.self) &<< 52)
            &+ SIMD8<UInt64>(repeating: 1023 << 52)
        return er * unsafeBitCast(bits, to: D.self)
    }

    /// Adds `x` to the lane-wise Kahan sum (sum, comp).
    @inlinable
    static func kahan<V: SIMD>(_ sum: inout V, _ comp: inout V, _ x: V) where V.Scalar: FloatingPoint {
        let y = x - comp
        let t = sum + y
        comp = (t - sum) - y
        sum = t
    }

    // MARK: Float

    @inlinable
    static func max(_ z: UnsafeBufferPointer<Float>) -> Float {
        let n = z.count, w = F.scalarCount
        var m = z[0]
        var j = 0
        if n >= w {
            var acc = F(repeating: z[0])
            let base = UnsafeRawPointer(z.baseAddress!)
            while j + w <= n {
                let x = base.loadUnaligned(fromByteOffset: j * 4, as: F.self)
                acc.replace(with: x, where: x .> acc)
                j += w
            }
            m = acc.max()
        }
        while j < n { if z[j] > m { m = z[j] }; j += 1 }
        return m
    }

    /// Writes e^(z_j − m) into `e` and returns Σ e_j − 1 (m finite, the row's max).
    @inlinable
    static func exponentiate(
        _ z: UnsafeBufferPointer<Float>, minus m: Float, into e: UnsafeMutableBufferPointer<Float>
    ) -> Float {
        let n = z.count, w = F.scalarCount
        var sum = F(repeating: 0), comp = F(repeating: 0), block = F(repeating: 0), blockCount = 0
        let src = UnsafeRawPointer(z.baseAddress!)
        let dst = UnsafeMutableRawPointer(e.baseAddress!)
        let vm = F(repeating: m), negM = F(repeating: -m)
        var j = 0
        while j + w <= n {
            let x = src.loadUnaligned(fromByteOffset: j * 4, as: F.self)
            let hi = x - vm
            let mm = hi - x
            let lo = (x - (hi - mm)) + (negM - mm)
            var v: F
            if any(hi .< -87) {
                v = F(repeating: 0)
                for l in 0..<w { v[l] = scalarExp(hi[l], lo[l]) }
            } else {
                v = exp(hi, lo)
            }
            dst.storeBytes(of: v, toByteOffset: j * 4, as: F.self)
            block += v
            j += w
            blockCount += 1
            if blockCount == 16 {
                kahan(&sum, &comp, block)
                block = F(repeating: 0)
                blockCount = 0
            }
        }
        kahan(&sum, &comp, block)
        var total = CompensatedSum<Float>()
        total.add(-1)
        for l in 0..<w { total.add(sum[l]); total.add(-comp[l]) }
        while j < n {
            let d = ShiftedLogit(z[j], minus: m)
            let v = scalarExp(d.head, d.tail)
            e[j] = v
            total.add(v)
            j += 1
        }
        return total.value
    }

    @inlinable
    static func scalarExp(_ hi: Float, _ lo: Float) -> Float {
        if hi == -.infinity { return 0 }
        let x = Float.exp(hi)
        return x + x * lo
    }

    /// e^(hi + lo) for hi ≥ −87 (NaN lanes give NaN).
    @inlinable
    static func exp(_ hi: F, _ lo: F) -> F {
        let log2e = F(repeating: 0x1.715476p0)
        let shifter = F(repeating: 0x1.8p23)
        let ln2hi = F(repeating: 0x1.62e4p-1)
        let ln2lo = F(repeating: 0x1.7f7d1cp-20)
        let k = hi * log2e + shifter
        let nf = k - shifter
        let r = (hi - nf * ln2hi) + (lo - nf * ln2lo)
        // g(r) = (e^r − 1 − r)/r², Chebyshev fit of degree 4 (error 2⁻²⁶ relative to e^r)
        let r2 = r * r
        let p01 = F(repeating: 0x1p-1) + F(repeating: 0x1.5554dep-3) * r
        let p23 = F(repeating: 0x1.55551ap-5) + F(repeating: 0x1.120b62p-7) * r
        let g = p01 + (p23 + F(repeating: 0x1.6d10fcp-10) * r2) * r2
        let er = F(repeating: 1) + (r + r2 * g)
        let bits = (unsafeBitCast(k, to: SIMD16<UInt32>.self) &<< 23)
            &+ SIMD16<UInt32>(repeating: 127 << 23)
        return er * unsafeBitCast(bits, to: F.self)
    }
}
