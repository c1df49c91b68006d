import Testing
@testable import CECore

/// Masked (−∞), +∞ and NaN logits, and the tiny-loss example, in Float and Double.
@Suite("Special values")
struct SpecialValueTests {
    @Test("masked classes get q = 0 and zero gradient") func masked() {
        check(Double.self); check(Float.self)
        func check<T: TestFloat>(_: T.Type) {
            let z: [T] = [1, -.infinity, 2, 0.5]
            let q = softmax(z)
            #expect(q[1] == 0)
            #expect(q == [q[0], 0, q[2], q[3]] && softmax([1, 2, 0.5] as [T]) == [q[0], q[2], q[3]])
            #expect(crossEntropy(logits: z, label: 2) == crossEntropy(logits: [1, 2, 0.5] as [T], label: 1))
            #expect(crossEntropyGradient(logits: z, label: 0)[1] == 0)
            #expect(logSoftmax(z)[1] == -.infinity)
        }
    }

    @Test("a label on a masked class gives an infinite loss") func maskedLabel() {
        #expect(crossEntropy(logits: [1.0, -.infinity, 2], label: 1) == .infinity)
        #expect(crossEntropyGradient(logits: [1.0, -.infinity, 2], label: 1)[1] == -1)
    }

    @Test("a row of only −∞: q = 0, logSumExp −∞, loss +∞, gradient −onehot") func allMasked() {
        let z: [Double] = [-.infinity, -.infinity, -.infinity]
        #expect(softmax(z) == [0, 0, 0])
        #expect(logSoftmax(z) == [-.infinity, -.infinity, -.infinity])
        #expect(logSumExp(z) == -.infinity)
        #expect(crossEntropy(logits: z, label: 1) == .infinity)
        #expect(crossEntropyGradient(logits: z, label: 1) == [0, -1, 0])
    }

    @Test("+∞ logits share the probability") func plusInfinity() {
        let z: [Double] = [.infinity, 3, .infinity, -.infinity]
        #expect(softmax(z) == [0.5, 0, 0.5, 0])
        #expect(logSumExp(z) == .infinity)
        #expect(crossEntropy(logits: z, label: 0) == .log(2.0))
        #expect(crossEntropy(logits: z, label: 1) == .infinity)
        #expect(crossEntropyGradient(logits: z, label: 0) == [-0.5, 0, 0.5, 0])
        #expect(crossEntropy(logits: [.infinity, 1.0], label: 0) == 0)
    }

    @Test("a NaN logit makes the row NaN") func nan() {
        for z in [[Double.nan, 1, 2], [1, .nan, 2], [1, 2, .nan]] {
            #expect(softmax(z).allSatisfy { $0.isNaN })
            #expect(crossEntropy(logits: z, label: 0).isNaN)
            #expect(crossEntropyGradient(logits: z, label: 0).allSatisfy { $0.isNaN })
            #expect(logSumExp(z).isNaN)
        }
    }

    @Test("a wide margin gives a tiny loss and a tiny negative gradient, not 0") func tinyLoss() {
        let loss = crossEntropy(logits: [50.0, 0, 0], label: 0)
        #expect(abs(loss - 3.857499695927835566e-22) <= loss.ulp)
        let g = crossEntropyGradient(logits: [50.0, 0, 0], label: 0)
        #expect(abs(g[0] + 3.857499695927835566e-22) <= 2 * g[0].ulp)
        let f = crossEntropy(logits: [Float(20), 0, 0], label: 0)
        #expect(abs(f - 4.1223072e-9) <= 2 * f.ulp)
    }

    @Test("oneHot and the distribution cross-entropy") func distributions() {
        #expect(oneHot(1, count: 3) == [0.0, 1, 0])
        #expect(crossEntropy([0.0, 1, 0], [0.5, 0.25, 0.25]) == .log(4.0))
        #expect(crossEntropy([0.0, 1], [0.0, 1]) == 0)  // 0·log 0 counts as 0
        #expect(crossEntropy([0.5, 0.5], [1.0, 0]) == .infinity)
    }
}

/// Logits near the overflow threshold, whose differences overflow.
@Suite("Extreme finite logits")
struct ExtremeLogitTests {
    @Test("differences that overflow still give 0 probability and an infinite loss") func overflow() {
        let z: [Double] = [1e308, -1e308, 0]
        #expect(softmax(z) == [1, 0, 0])
        #expect(crossEntropy(logits: z, label: 1) == .infinity)
        #expect(crossEntropy(logits: z, label: 0) == 0)
        #expect(logSoftmax(z)[1] == -.infinity)
        #expect(logSumExp(z) == 1e308)
    }
}
