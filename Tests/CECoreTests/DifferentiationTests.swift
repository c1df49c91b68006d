import Testing
import _Differentiation
import Foundation
import CECore

/// The textbook loss log Σ e^(z_j) − z_y, differentiated by the compiler.
@differentiable(reverse)
func naiveLoss(_ z: [Double], label: Int) -> Double {
    var sum: Double = 0
    for j in withoutDerivative(at: 0..<z.count) {
        sum += exp(z[j])
    }
    return log(sum) - z[label]
}

@Suite("Automatic differentiation")
struct DifferentiationTests {
    @Test("the analytic gradient equals Swift's reverse-mode gradient of the naive loss",
          arguments: [2, 3, 10, 100])
    func matchesAutomaticDifferentiation(count: Int) {
        var rng = RandomLogits(seed: 700 + UInt64(count))
        for _ in 0..<10 {
            let z: [Double] = rng.logits(count, spread: 5)
            let y = rng.label(count)
            let automatic: [Double] = gradient(at: z) { naiveLoss($0, label: y) }.base
            let analytic = crossEntropyGradient(logits: z, label: y)
            #expect(automatic.count == count)
            for (a, b) in zip(analytic, automatic) {
                #expect(abs(a - b) <= 1e-12, "K=\(count): analytic \(a), automatic \(b)")
            }
            #expect(abs(naiveLoss(z, label: y) - crossEntropy(logits: z, label: y)) <= 1e-12)
        }
    }
}
