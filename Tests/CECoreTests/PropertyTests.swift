import Testing
import RealModule
@testable import CECore

/// Identities that hold for every input, checked on seeded random rows in Float and Double.
@Suite("Properties on random logits")
struct PropertyTests {
    static let sizes = [1, 2, 3, 7, 10, 33, 100, 1000]

    @Test("softmax lies in [0, 1] and sums to 1", arguments: sizes)
    func softmaxIsADistribution(count: Int) {
        check(Double.self, count); check(Float.self, count)
        func check<T: TestFloat>(_: T.Type, _ count: Int) {
            var rng = RandomLogits(seed: UInt64(count))
            for _ in 0..<20 {
                let q = softmax(rng.logits(count) as [T])
                #expect(q.allSatisfy { $0 >= 0 && $0 <= 1 })
                let sum = q.reduce(0, +)
                #expect(abs(sum - 1) <= T(count) * T.ulpOfOne, "\(T.self) K=\(count): softmax sums to \(sum)")
            }
        }
    }

    @Test("adding a constant changes nothing", arguments: sizes)
    func shiftInvariance(count: Int) {
        var rng = RandomLogits(seed: 100 + UInt64(count))
        for _ in 0..<20 {
            // logits and shift on a grid of 2⁻¹⁰ so z + c is exact and the results must be identical
            let z: [Double] = (0..<count).map { _ in ((rng.uniform() * 16 - 8) * 1024).rounded() / 1024 }
            let c = ((rng.uniform() * 2000 - 1000) * 1024).rounded() / 1024
            let shifted = z.map { $0 + c }
            let y = rng.label(count)
            #expect(softmax(shifted) == softmax(z))
            #expect(crossEntropy(logits: shifted, label: y) == crossEntropy(logits: z, label: y))
            #expect(crossEntropyGradient(logits: shifted, label: y) == crossEntropyGradient(logits: z, label: y))
            #expect(logSoftmax(shifted) == logSoftmax(z))
            let lse = logSumExp(shifted)
            #expect(abs(lse - (logSumExp(z) + c)) <= 2 * lse.ulp)  // the + c rounds once
        }
    }

    @Test("offsets of 1e15 (Double) and 1e8 (Float) give the same loss and gradient")
    func largeOffsets() {
        let z: [Double] = [1, 2, 0.5], y = 1
        let zd = z.map { $0 + 1e15 }
        #expect(crossEntropy(logits: zd, label: y) == crossEntropy(logits: z, label: y))
        #expect(crossEntropyGradient(logits: zd, label: y) == crossEntropyGradient(logits: z, label: y))
        #expect(softmax(zd) == softmax(z))
        let f: [Float] = [8, 16, 0]
        let ff = f.map { $0 + 1e8 }
        #expect(crossEntropy(logits: ff, label: 0) == crossEntropy(logits: f, label: 0))
        #expect(crossEntropyGradient(logits: ff, label: 0) == crossEntropyGradient(logits: f, label: 0))
        #expect(softmax(ff) == softmax(f))
    }

    @Test("the gradient sums to 0 within a few ulps", arguments: sizes)
    func gradientSumsToZero(count: Int) {
        var rng = RandomLogits(seed: 200 + UInt64(count))
        for _ in 0..<20 {
            let z: [Double] = rng.logits(count)
            let g = crossEntropyGradient(logits: z, label: rng.label(count))
            var sum = CompensatedSum<Double>()
            for x in g { sum.add(x) }
            #expect(abs(sum.value) <= 4 * Double.ulpOfOne, "K=\(count): gradient sums to \(sum.value)")
        }
    }

    @Test("the analytic gradient matches central differences (rtol 1e-6)", arguments: [2, 3, 10, 50])
    func numericalGradientAgrees(count: Int) {
        var rng = RandomLogits(seed: 300 + UInt64(count))
        for _ in 0..<10 {
            let z: [Double] = rng.logits(count, spread: 4)
            let y = rng.label(count)
            let analytic = crossEntropyGradient(logits: z, label: y)
            let numeric = numericalGradient(of: { crossEntropy(logits: $0, label: y) }, at: z)
            for (a, n) in zip(analytic, numeric) {
                #expect(abs(a - n) <= 1e-6 * max(abs(a), 1e-3), "K=\(count): analytic \(a), numerical \(n)")
            }
        }
    }

    @Test("log-softmax is log of softmax, and the loss is −logSoftmax[y]", arguments: [2, 10, 100])
    func logSoftmaxAgrees(count: Int) {
        var rng = RandomLogits(seed: 400 + UInt64(count))
        for _ in 0..<20 {
            let z: [Double] = rng.logits(count)
            let y = rng.label(count)
            let l = logSoftmax(z)
            for (lj, qj) in zip(l, softmax(z)) {
                #expect(abs(lj - .log(qj)) <= 8 * abs(lj).ulp + 1e-15)
            }
            #expect(crossEntropy(logits: z, label: y) == -l[y])
            #expect(abs(crossEntropy(oneHot(y, count: count), softmax(z)) - crossEntropy(logits: z, label: y)) <= 1e-13)
        }
    }

    @Test("Float results agree with a Double computation within 8 Float ulps", arguments: [3, 100, 1000, 20000])
    func floatAgreesWithDouble(count: Int) {
        var rng = RandomLogits(seed: 500 + UInt64(count))
        for spread in [1.0, 8, 40] {
            let z: [Float] = rng.logits(count, spread: spread)
            let zd = z.map(Double.init)
            let y = rng.label(count)
            let exact = { (d: [Double]) in d.map { Float($0) } }
            let worst = [
                maxUlpError(softmax(z), exact(softmax(zd))).error,
                maxUlpError(logSoftmax(z), exact(logSoftmax(zd))).error,
                maxUlpError(crossEntropyGradient(logits: z, label: y),
                            exact(crossEntropyGradient(logits: zd, label: y))).error,
                ulpError(crossEntropy(logits: z, label: y), Float(crossEntropy(logits: zd, label: y))),
            ].max()!
            #expect(worst <= 8, "K=\(count), spread \(spread): \(worst) Float ulps")
        }
    }

    #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android))
    @Test("Double results agree with a Float80 computation within 8 ulps", arguments: [3, 100, 20000])
    func doubleAgreesWithFloat80(count: Int) {
        var rng = RandomLogits(seed: 600 + UInt64(count))
        for spread in [1.0, 8, 40, 300] {
            let z: [Double] = rng.logits(count, spread: spread)
            let zw = z.map(Float80.init)
            let y = rng.label(count)
            let exact = { (d: [Float80]) in d.map { Double($0) } }
            let worst = [
                maxUlpError(softmax(z), exact(softmax(zw))).error,
                maxUlpError(logSoftmax(z), exact(logSoftmax(zw))).error,
                maxUlpError(crossEntropyGradient(logits: z, label: y),
                            exact(crossEntropyGradient(logits: zw, label: y))).error,
                ulpError(crossEntropy(logits: z, label: y), Double(crossEntropy(logits: zw, label: y))),
                ulpError(logSumExp(z), Double(logSumExp(zw))),
            ].max()!
            #expect(worst <= 8, "K=\(count), spread \(spread): \(worst) ulps")
        }
    }
    #endif
}
