import Foundation
import Testing
@testable import ChapterRuntime

/// A step that agrees with another only by the tolerance, off by the same
/// amount every time, is not equal to it as written; rounding, which moves
/// in size and sign from draw to draw, never looks like that.
@Suite struct SteadyOffsetTests {
    /// `count` seeded draws in [1, 2].
    static func draws(_ count: Int = 200, seed: UInt64 = 7) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Double.random(in: 1...2, using: &random) }
    }

    static func offset(_ pairs: [(Double, Double)]) -> SteadyOffset {
        var offset = SteadyOffset()
        for (a, b) in pairs { _ = offset.add(a, b) }
        return offset
    }

    @Test func anAddedTermWithinTheToleranceIsSteady() {
        let verdict = Self.offset(Self.draws().map { ($0, $0 + 1e-12) }).verdict
        #expect(verdict?.relative == false)
        #expect(abs((verdict?.difference ?? 0) - 1e-12) < 1e-15)
    }

    @Test func aFactorWithinTheToleranceIsSteadyRelatively() {
        let verdict = Self.offset(Self.draws().map { ($0, $0 * (1 + 1e-10)) }).verdict
        #expect(verdict?.relative == true)
        #expect(abs((verdict?.difference ?? 0) - 1e-10) < 1e-13)
    }

    @Test func roundingIsNotSteady() {
        #expect(Self.offset(Self.draws().map { ($0, Double.exp(Double.log($0))) }).verdict == nil)
        #expect(Self.offset(Self.draws().map { ($0 / 3 * 3 * 7 / 7, $0) }).verdict == nil)
        // One sum in two orders, on vectors of 1,000 terms.
        var random = SeededGenerator(seed: 3)
        let sums = (0..<50).map { _ -> (Double, Double) in
            let terms = (0..<1000).map { _ in Double.random(in: -1...1, using: &random) * 1e3 }
            return (terms.reduce(0, +), terms.reversed().reduce(0, +))
        }
        #expect(Self.offset(sums).verdict == nil)
    }

    @Test func aDifferenceWithinTheFloorOrOfTheOtherSignClearsTheStep() {
        var pairs = Self.draws().map { ($0, $0 + 1e-12) }
        pairs.insert((1.5, 1.5 + 2 * 1.5.ulp), at: 100)
        #expect(Self.offset(pairs).verdict == nil)
        pairs = Self.draws().map { ($0, $0 + 1e-12) }
        pairs.append((1.5, 1.5 - 1e-12))
        #expect(Self.offset(pairs).verdict == nil)
    }

    @Test func exactAgreementsArePassedOverAndAFewDifferencesAreNotEnough() {
        // The term vanishes into the rounding of large values: only the others count.
        let mixed = Self.draws(20).map { ($0, $0 + 1e-12) } + [(1e6, 1e6), (3e7, 3e7)]
        #expect(Self.offset(mixed).verdict != nil)
        #expect(Self.offset(Self.draws(SteadyOffset.minimumCount - 1).map { ($0, $0 + 1e-12) }).verdict == nil)
    }

    @Test func wrongStepsWithinTheToleranceFailAtTheirLineAndRightOnesPass() async throws {
        let directory = try RenderProcess.book(chapter: "01-steady.md", #"""
            ```derivation
            % for x in real(in: 1...2)
            x &= x + 10^{-12}
            ```

            ```derivation
            % for x in real(in: 1...2)
            2x &= 2x \cdot (1 + 10^{-10})
            ```

            ```derivation
            % for x in real(in: 1...2)
            x &= \log e^{x} = \frac{x^2 + x}{x + 1}
            ```

            ```derivation
            % for x in real(in: 1...2)
            x &\le x - 10^{-12}
            ```

            ```derivation
            % for p in probabilities(count: 2...8)
            \sum_i p_i &\le 1
            ```
            """#)
        let result = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-steady.md:3:6: error: this step agrees with the first step (line 3) only by the tolerance, and differs from it by the same amount every time: a difference of 1e-12 on all 200 elements"), "\(result.standardError)")
        #expect(result.standardError.contains("chapters/01-steady.md:8:7: error: this step agrees with the first step (line 8) only by the tolerance, and differs from it by the same amount every time: a relative difference of 1e-10"), "\(result.standardError)")
        #expect(!result.standardError.contains("01-steady.md:13"), "\(result.standardError)")
        // An inequality held only by the tolerance, broken by 10^-12 every time; the sum of probabilities is not.
        #expect(result.standardError.contains("chapters/01-steady.md:18:8: error: inequality `\\le` holds only by the tolerance, and is broken by the same amount every time: a difference of 1e-12"), "\(result.standardError)")
        #expect(!result.standardError.contains("01-steady.md:23"), "\(result.standardError)")
    }
}
