import Testing
import RealModule
@testable import CECore

/// The batched loss against a reference written here from the single-row functions and
/// PyTorch's definitions.
@Suite("Batched loss with PyTorch options")
struct BatchedTests {
    /// PyTorch's F.cross_entropy, one row at a time, from `logSoftmax` and `softmax`.
    static func reference(
        _ z: [Double], classes k: Int, labels: [Int], _ o: CrossEntropyOptions<Double>
    ) -> (loss: Double, rows: [Double], gradient: [Double]) {
        let w = o.weights ?? Array(repeating: 1, count: k)
        let eps = o.labelSmoothing
        var rows: [Double] = [], gradient: [Double] = [], total = 0.0
        for (i, y) in labels.enumerated() {
            let row = Array(z[(i * k)..<((i + 1) * k)])
            if y == o.ignoreIndex {
                rows.append(0); gradient += Array(repeating: 0, count: k); continue
            }
            total += w[y]
            let l = logSoftmax(row), q = softmax(row)
            var loss = (1 - eps) * w[y] * -l[y]
            for c in 0..<k { loss += eps / Double(k) * w[c] * -l[c] }
            rows.append(loss)
            // ∂/∂z_j of −Σ_c t_c w_c log q_c with t = (1 − ε) onehot + ε/K
            var g = crossEntropyGradient(logits: row, label: y).map { (1 - eps) * w[y] * $0 }
            for c in 0..<k {
                let b = eps / Double(k) * w[c]
                for j in 0..<k { g[j] += b * (q[j] - (j == c ? 1 : 0)) }
            }
            gradient += g
        }
        let sum = rows.reduce(0, +)
        switch o.reduction {
        case .mean: return (total == 0 ? 0 : sum / total, rows, gradient.map { total == 0 ? 0 : $0 / total })
        case .sum, .none: return (sum, rows, gradient)
        }
    }

    static let optionSets: [(String, CrossEntropyOptions<Double>)] = [
        ("mean", .init()),
        ("sum", .init(reduction: .sum)),
        ("none", .init(reduction: .none)),
        ("weighted mean", .init(weights: [0.5, 2, 1, 0.25, 3])),
        ("weighted sum", .init(reduction: .sum, weights: [0.5, 2, 1, 0.25, 3])),
        ("ignoreIndex", .init(ignoreIndex: 2)),
        ("weighted mean, ignoreIndex", .init(weights: [0.5, 2, 1, 0.25, 3], ignoreIndex: 2)),
        ("label smoothing", .init(labelSmoothing: 0.1)),
        ("label smoothing, sum", .init(reduction: .sum, labelSmoothing: 0.3)),
        ("everything", .init(reduction: .mean, weights: [0.5, 2, 1, 0.25, 3], ignoreIndex: 2, labelSmoothing: 0.2)),
        ("everything, none", .init(reduction: .none, weights: [0.5, 2, 1, 0.25, 3], ignoreIndex: 0, labelSmoothing: 1)),
    ]

    @Test("each option matches the reference", arguments: 0..<optionSets.count)
    func options(index: Int) throws {
        let (name, o) = Self.optionSets[index]
        var rng = RandomLogits(seed: 800 + UInt64(index))
        let k = 5
        for rows in [1, 4, 37] {
            let z: [Double] = rng.logits(rows * k)
            let labels = (0..<rows).map { _ in rng.label(k) }
            let r = try crossEntropyLossAndGradient(logits: z, classes: k, labels: labels, options: o)
            let expected = Self.reference(z, classes: k, labels: labels, o)
            #expect(abs(r.loss - expected.loss) <= 1e-13 * max(1, abs(expected.loss)), "\(name), B=\(rows): loss")
            for (a, b) in zip(r.rowLosses, expected.rows) {
                #expect(abs(a - b) <= 1e-13 * max(1, abs(b)), "\(name), B=\(rows): row loss \(a) vs \(b)")
            }
            for (a, b) in zip(r.gradient, expected.gradient) {
                #expect(abs(a - b) <= 1e-14, "\(name), B=\(rows): gradient \(a) vs \(b)")
            }
        }
    }

    @Test("gradient matches central differences of the reduced loss, all options on")
    func gradientOfReducedLoss() throws {
        var rng = RandomLogits(seed: 900)
        let k = 4, labels = [0, 3, 1, 2, 3]
        let o = CrossEntropyOptions<Double>(weights: [1, 0.5, 2, 1.5], ignoreIndex: 1, labelSmoothing: 0.15)
        let z: [Double] = rng.logits(labels.count * k, spread: 3)
        let g = try crossEntropyLossAndGradient(logits: z, classes: k, labels: labels, options: o).gradient
        let n = numericalGradient(of: {
            try! crossEntropyLossAndGradient(logits: $0, classes: k, labels: labels, options: o).loss
        }, at: z)
        for (a, b) in zip(g, n) { #expect(abs(a - b) <= 1e-8) }
    }

    @Test("a large batch (split over the cores) equals the row-by-row result")
    func parallelMatchesSerial() throws {
        var rng = RandomLogits(seed: 901)
        let k = 100, rows = 700
        let z: [Float] = rng.logits(rows * k)
        let labels = (0..<rows).map { _ in rng.label(k) }
        let r = try crossEntropyLossAndGradient(logits: z, classes: k, labels: labels, options: .init(reduction: .sum))
        for i in stride(from: 0, to: rows, by: 37) {
            let row = Array(z[(i * k)..<((i + 1) * k)])
            #expect(r.rowLosses[i] == crossEntropy(logits: row, label: labels[i]))
            #expect(Array(r.gradient[(i * k)..<((i + 1) * k)]) == crossEntropyGradient(logits: row, label: labels[i]))
        }
        var reused: [Float] = [1, 2, 3]
        let again = try crossEntropyLossAndGradient(logits: z, classes: k, labels: labels,
                                                    options: .init(reduction: .sum), gradient: &reused)
        #expect(reused == r.gradient && again.loss == r.loss)
    }

    @Test("all rows ignored: mean gives 0 and a zero gradient (PyTorch gives NaN)")
    func allIgnored() throws {
        let r = try crossEntropyLossAndGradient(logits: [1.0, 2, 3, 4], classes: 2, labels: [-100, -100])
        #expect(r.loss == 0 && r.gradient == [0, 0, 0, 0] && r.rowLosses == [0, 0])
    }

    @Test("tiny losses keep their precision in the batch")
    func tinyLoss() throws {
        let r = try crossEntropyLossAndGradient(logits: [50.0, 0, 0, 50, 0, 0], classes: 3, labels: [0, 0])
        #expect(abs(r.loss - 3.857499695927835566e-22) <= 2 * r.loss.ulp)
        #expect(r.gradient[0] < 0 && abs(r.gradient[0] + 3.857499695927835566e-22 / 2) <= 4 * r.gradient[0].ulp)
    }
}
