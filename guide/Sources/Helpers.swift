// The guide's shared code: every chapter calls these without importing anything.

/// The logistic sigmoid, 1 / (1 + e^(−x)).
func sigmoid(_ x: Double) -> Double {
    1 / (1 + exp(-x))
}

/// Softmax with the largest entry subtracted first, so that e^(z_i − m) never overflows:
/// q_i = e^(z_i − m) / Σ_j e^(z_j − m), m = max z.
func softmax(_ z: [Double]) -> [Double] {
    let m = z.max() ?? 0
    let e = z.map { exp($0 - m) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
}

/// The cross-entropy loss of logits z for the true class y: −log q_y = log Σ_j e^(z_j − m) − (z_y − m).
func crossEntropy(logits z: [Double], label y: Int) -> Double {
    let m = z.max() ?? 0
    return log(z.map { exp($0 - m) }.reduce(0, +)) - (z[y] - m)
}

/// The half-width of the interval a claim written with `decimals` decimals allows: ½·10^(−decimals).
func claimHalfWidth(decimals: Int) -> Double {
    0.5 * pow(10, Double(-decimals))
}
