import RealModule

/// The steps the derivation checker's derivatives take: central differences
/// D(h) = (f(z + h·e_i) − f(z − h·e_i)) / 2h at h and h/2, combined as
/// (4·D(h/2) − D(h)) / 3 (Richardson extrapolation).
///
/// D(h) errs by c·h² + O(h⁴) from truncation and by about ε·|f|/h from
/// rounding. The combination cancels the h² term, so the step can be larger,
/// which shrinks the rounding error: h = ε^(1/4) · max(|z_i|, 1) leaves a
/// relative error near ε^(3/4) (about 2e-12), where a plain central
/// difference at its best step, ε^(1/3), leaves ε^(2/3) (about 4e-11). That
/// margin matters for Jacobians, whose small entries are compared at the
/// scale of the largest. Each step is adjusted to (z_i + h) − z_i, so that
/// the step taken is exactly the one divided by.
enum CentralDifferences {
    static func steps(at z: Double) -> (Double, Double) {
        let scale = Double.root(Double.ulpOfOne, 4) * Swift.max(abs(z), 1)
        return ((z + scale) - z, (z + scale / 2) - z)
    }
}
