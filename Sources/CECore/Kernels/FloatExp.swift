import RealModule

extension RowKernels {
    /// e^(hi + lo) lane by lane for 8 Floats (hi + lo the exact shifted logit z − m).
    ///
    /// Lanes below the normal range (hi < −87, including masked −∞ logits) use libm's `exp`
    /// instead, as does every path; NaN lanes give NaN. A vector with such a lane goes lane
    /// by lane through `exponential`, so each e_j depends on z_j and m alone, never on its
    /// neighbours.
    @inline(__always)
    static func exponentials(_ x: (hi: F, lo: F)) -> F {
        let (hi, lo) = x
        if any(hi .< -87) {
            var v = F(repeating: 0)
            for l in 0..<F.scalarCount { v[l] = exponential((hi[l], lo[l])) }
            return v
        }
        return exp(hi, lo)
    }

    @inline(never)
    static func scalarExp(_ hi: Float, _ lo: Float) -> Float {
        if hi == -.infinity { return 0 }
        let x = Float.exp(hi)
        return x + x * lo
    }

    /// e^(hi + lo) for hi ≥ −87 (NaN lanes give NaN).
    ///
    /// n = round(hi/log 2), r = (hi − n·c_hi) + (lo − n·c_lo) (Cody–Waite, |r| ≤ 0.35), and
    /// e^r = 1 + r + r²·g(r) with g a degree-4 Chebyshev fit of (e^r − 1 − r)/r² (error 2⁻²⁶
    /// relative to e^r); 2ⁿ is assembled in the exponent bits. Every product and sum is
    /// rounded separately (no FMA), so every path gives the same bits.
    @inline(__always)
    static func exp(_ hi: F, _ lo: F) -> F {
        let log2e = F(repeating: 0x1.715476p0)
        let shifter = F(repeating: 0x1.8p23)
        let ln2hi = F(repeating: 0x1.62e4p-1)
        let ln2lo = F(repeating: 0x1.7f7d1cp-20)
        let k = hi * log2e + shifter
        let nf = k - shifter
        let r = (hi - nf * ln2hi) + (lo - nf * ln2lo)
        let r2 = r * r
        let p01 = F(repeating: 0x1p-1) + F(repeating: 0x1.5554dep-3) * r
        let p23 = F(repeating: 0x1.55551ap-5) + F(repeating: 0x1.120b62p-7) * r
        let g = p01 + (p23 + F(repeating: 0x1.6d10fcp-10) * r2) * r2
        let er = F(repeating: 1) + (r + r2 * g)
        let bits = (unsafeBitCast(k, to: SIMD8<UInt32>.self) &<< 23)
            &+ SIMD8<UInt32>(repeating: 127 << 23)
        return er * unsafeBitCast(bits, to: F.self)
    }

    /// e^(hi + lo) for one element, with the operations of one lane of `exponentials` (so
    /// the same bits): a row's last few elements.
    @inline(__always)
    static func exponential(_ x: (hi: Float, lo: Float)) -> Float {
        let (hi, lo) = x
        if hi < -87 { return scalarExp(hi, lo) }
        let k = hi * 0x1.715476p0 + 0x1.8p23
        let nf = k - 0x1.8p23
        let r = (hi - nf * 0x1.62e4p-1) + (lo - nf * 0x1.7f7d1cp-20)
        let r2 = r * r
        let p01 = 0x1p-1 + 0x1.5554dep-3 * r
        let p23 = 0x1.55551ap-5 + 0x1.120b62p-7 * r
        let g = p01 + (p23 + 0x1.6d10fcp-10 * r2) * r2
        let er = 1 + (r + r2 * g)
        return er * Float(bitPattern: (k.bitPattern &<< 23) &+ (127 << 23))
    }
}
