import Testing
import Foundation
@testable import CECore

/// Every output against the mpmath reference: within 8 ulps of the exact value.
@Suite("Reference values")
struct ReferenceTests {
    static let tolerance = 8.0

    @Test("Double outputs are within 8 ulps of mpmath") func double() throws {
        try checkAll(Double.self)
    }

    @Test("Float outputs are within 8 Float ulps of mpmath") func float() throws {
        try checkAll(Float.self)
    }

    @Test("the article's example") func article() {
        let q = softmax([1.0, 2, 0.5])
        #expect(abs(q[0] - 0.231224) < 5e-7 && abs(q[1] - 0.628532) < 5e-7 && abs(q[2] - 0.140244) < 5e-7)
        #expect(abs(crossEntropy(logits: [1.0, 2, 0.5], label: 1) - 0.4643688) < 5e-8)
        let g = crossEntropyGradient(logits: [Float(1), 2, 0.5], label: 1)
        #expect(abs(g[1] + 0.371468) < 5e-7)
    }

    func checkAll<T: TestFloat>(_: T.Type) throws {
        let cases = try ReferenceCase.all(for: T.self)
        #expect(cases.count > 20)
        var worst: [String: Double] = [:]
        for c in cases {
            let z = c.inputs(T.self)
            let idx = c.storedIndices(count: z.count)
            let pick: ([T]) -> [T] = { a in idx.map { a[$0] } }
            let parse: ([String]) -> [T] = { $0.map { T($0)! } }
            let batch = try crossEntropyLossAndGradient(
                logits: z, classes: z.count, labels: [c.label], options: .init(reduction: .sum))
            let checks: [(String, Double, Int)] = [
                ("softmax", maxUlpError(pick(softmax(z)), parse(c.softmax))),
                ("logSoftmax", maxUlpError(pick(logSoftmax(z)), parse(c.logSoftmax))),
                ("gradient", maxUlpError(pick(crossEntropyGradient(logits: z, label: c.label)), parse(c.gradient))),
                ("batched gradient", maxUlpError(pick(batch.gradient), parse(c.gradient))),
            ].map { ($0.0, $0.1.error, $0.1.index) } + [
                ("logSumExp", ulpError(logSumExp(z), T(c.logSumExp)!), 0),
                ("loss", ulpError(crossEntropy(logits: z, label: c.label), T(c.loss)!), 0),
                ("batched loss", ulpError(batch.loss, T(c.loss)!), 0),
            ]
            for (what, error, at) in checks {
                worst[what] = max(worst[what] ?? 0, error)
                #expect(error <= Self.tolerance,
                        "\(T.self) \(c.name): \(what) is \(error) ulps off (entry \(at))")
            }
        }
        let summary = worst.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("max ulp error (\(T.self), \(cases.count) cases): \(summary)")
    }
}
