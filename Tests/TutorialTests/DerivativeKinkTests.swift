import Foundation
import Testing
@testable import ChapterRuntime

/// A derivative taken across a kink (`\max(0, x)` at 0) has no value on that
/// draw, so a right step does not fail there; smooth functions, even steep
/// ones, are never taken for kinks; and a derivation at a kink on every draw
/// is an error, never a silent pass.
@Suite struct DerivativeKinkTests {
    func derivative(at x: Double, _ f: @escaping (Double) -> Double) throws -> Double {
        try __texDerivative(at: .number(x), component: nil) { p in .number(f(p.numbers[0])) }.numbers[0]
    }

    @Test func aKinkWithinTheStepIsNoDerivative() {
        for x in [0.0, 1e-6, -3e-5, 5e-5] {
            #expect(throws: __TeXKink.self, "max(0, x) at \(x)") { try derivative(at: x) { max(0, $0) } }
            #expect(throws: __TeXKink.self, "|x - 1| at \(1 + x)") { try derivative(at: 1 + x) { abs($0 - 1) } }
        }
    }

    /// The flag that tells a derivative it held another is per thread: nested
    /// derivatives ending on other threads never switch this one's kink test off.
    @Test func aKinkIsSeenWhileOtherThreadsTakeNestedDerivatives() {
        let missed = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for _ in 0..<300 {
                if worker % 2 == 0 {
                    if (try? derivative(at: 0) { max(0, $0) }) != nil { missed.add() }
                } else {
                    _ = try? __texDerivative(at: .number(0.3), component: nil) { p in
                        try __texDerivative(at: p, component: nil) { q in .number(Foundation.sin(q.numbers[0])) }
                    }
                }
            }
        }
        #expect(missed.value == 0, "\(missed.value) of 1200 derivatives across max(0, x) at 0 gave a value")
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    @Test(arguments: [0.1, 0.5, 2.0, -3.0])
    func smoothFunctionsAreNeverTakenForKinks(_ x: Double) throws {
        // The steepest third derivatives the book's draws meet, and beyond.
        let cases: [(String, (Double) -> Double, (Double) -> Double)] = [
            ("log", { Foundation.log(abs($0)) }, { 1 / $0 }),
            ("exp(5x)", { Foundation.exp(5 * $0) }, { 5 * Foundation.exp(5 * $0) }),
            ("sin(50x)", { Foundation.sin(50 * $0) }, { 50 * Foundation.cos(50 * $0) }),
            ("sigmoid", { 1 / (1 + Foundation.exp(-$0)) }, { let s = 1 / (1 + Foundation.exp(-$0)); return s * (1 - s) }),
        ]
        for (name, f, slope) in cases {
            let d = try derivative(at: x, f)
            #expect(abs(d - slope(x)) <= 1e-6 * max(abs(slope(x)), 1), "\(name) at \(x): \(d)")
        }
    }

    /// A second derivative differentiates values that carry the first one's
    /// error, far above rounding: only the inner derivative is tested.
    @Test(arguments: [-4.0, -0.3, 0.0, 0.7, 3.0])
    func aSecondDerivativeOfASmoothFunctionIsNoKink(_ x: Double) throws {
        let sigmoid = { (t: Double) in 1 / (1 + Foundation.exp(-t)) }
        let second = try __texDerivative(at: .number(x), component: nil) { p in
            try __texDerivative(at: p, component: nil) { q in .number(sigmoid(q.numbers[0])) }
        }.numbers[0]
        let s = sigmoid(x)
        #expect(abs(second - s * (1 - s) * (1 - 2 * s)) <= 1e-6, "σ'' at \(x): \(second)")
    }

    @Test func aReluDerivativeAwayFromZeroPassesAndAtZeroOnEveryDrawIsAnError() async throws {
        let right = try RenderProcess.book(chapter: "01-relu.md", """
            # Relu

            ```derivation
            % for x in real(in: -1...1)
            % let r(t) = max(0, t)
            \\frac{d}{dx} r(x) = \\mathbb{1}(x > 0)
            ```

            ```derivation
            % for x in real(in: 0...0)
            % let r(t) = max(0, t)
            \\frac{d}{dx} r(x) = 1
            ```
            """)
        let result = try await RenderProcess.run(["check", "--quiet"], in: right)
        #expect(result.status == 1)
        #expect(!result.standardError.contains("01-relu.md:6:"), "the relu derivative away from 0 passes: \(result.standardError)")
        #expect(result.standardError.contains("01-relu.md:12:1: error:") && result.standardError.contains("kink"), "\(result.standardError)")
    }
}
