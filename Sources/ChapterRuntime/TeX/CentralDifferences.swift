import RealModule

/// The gradient the derivation checker takes of `\nabla` and `\frac{\partial}{…}`
/// steps: central differences, (f(z + h·e_i) − f(z − h·e_i)) / 2h.
///
/// The step per coordinate is h_i = ε^(1/3) · max(|z_i|, 1), which balances the
/// O(h²) truncation error against the O(ε/h) rounding error (a relative error
/// near ε^(2/3), about 4e-11), adjusted to (z_i + h) − z_i so the step taken is
/// exactly 2h. The same formula as CECore's `numericalGradient(of:at:)`; the
/// runtime keeps its own so that it depends on no book's package.
enum CentralDifferences {
    static func gradient(of f: ([Double]) -> Double, at z: [Double]) -> [Double] {
        let scale = Double.root(Double.ulpOfOne, 3)
        var point = z
        var gradient = [Double](repeating: 0, count: z.count)
        for i in 0..<z.count {
            let zi = z[i]
            let h = (zi + scale * Swift.max(abs(zi), 1)) - zi
            point[i] = zi + h
            let up = f(point)
            point[i] = zi - h
            let down = f(point)
            point[i] = zi
            gradient[i] = (up - down) / (2 * h)
        }
        return gradient
    }
}
