import ChapterChannel
import Testing
@testable import ChapterRuntime

/// The rule a derivation step is held to: equal to the first step within a
/// relative tolerance scaled by the size of the quantity.
@Suite struct DerivationRuleTests {
    @Test func equalValuesAgree() {
        #expect(StepComparison.disagreement([0.25, -0.75], [0.25, -0.75], tolerance: 1e-9, scale: 0.75) == nil)
    }

    @Test func aRoundingDifferenceWithinTheToleranceAgrees() {
        let a = 0.46436878410794485
        #expect(StepComparison.disagreement([a], [a * (1 + 1e-12)], tolerance: 1e-9, scale: a) == nil)
    }

    @Test func aTinyEntryNextToLargeOnesCountsAsZero() {
        // A gradient entry that is 1e-17 in one formula and exactly 0 in another.
        #expect(StepComparison.disagreement([0.5, 1e-17, -0.5], [0.5, 0, -0.5], tolerance: 1e-9, scale: 0.5) == nil)
    }

    @Test func aRealDifferenceIsReportedWithItsElement() {
        let verdict = StepComparison.disagreement([0.2, 0.3], [0.2, -0.3], tolerance: 1e-9, scale: 0.3)
        #expect(verdict?.element == 1)
        #expect(verdict?.difference == 2)
    }

    @Test func nanNeverAgreesAndInfinityOnlyWithItself() {
        #expect(StepComparison.disagreement([.nan], [.nan], tolerance: 1e-9, scale: 0) != nil)
        #expect(StepComparison.disagreement([.infinity], [1], tolerance: 1e-9, scale: .infinity) != nil)
        #expect(StepComparison.disagreement([.infinity], [-.infinity], tolerance: 1e-9, scale: .infinity) != nil)
        #expect(StepComparison.disagreement([.infinity, 1], [.infinity, 1], tolerance: 1e-9, scale: .infinity) == nil)
    }

    @Test func differentSizesNeverAgree() {
        #expect(StepComparison.disagreement([1, 2], [1, 2, 3], tolerance: 1, scale: 3) == .sizes)
    }

    @Test func boolsAndTuplesAreNumbers() {
        #expect(ValueEncoder.numbers(true) == [1])
        #expect(ValueEncoder.numbers((1.5, 2)) == [1.5, 2])
        #expect(ValueEncoder.numbers([Float(0.5)]) == [0.5])
        #expect(ValueEncoder.numbers("text") == nil)
    }

    @Test func anInfiniteElementOfTheFirstStepDoesNotWidenTheTolerance() {
        let reference = [-Double.infinity, 0.5, 0.25]
        #expect(StepComparison.scale(reference) == 0.5)
        let verdict = StepComparison.disagreement(reference, [-.infinity, 0.5, 9], tolerance: 1e-9, scale: StepComparison.scale(reference))
        #expect(verdict?.element == 2)
    }

    @Test func anApproximateStepIsHeldToItsDecimals() {
        #expect(StepComparison.disagreement([0.464369], [0.4644], tolerance: 1e-9, scale: 1, decimals: 4) == nil)
        #expect(StepComparison.disagreement([0.464369], [0.462], tolerance: 1e-9, scale: 1, decimals: 3)?.element == 0)
    }

    @Test func anApproximateStepAgreesWhenItsRangeHoldsTheFirstStep() {
        // -log(0.6285 ± 0.00005) spans 0.46429…0.46445, which holds 0.464369.
        #expect(StepComparison.outside([0.464369], low: [0.46429], high: [0.46445]) == nil)
        #expect(StepComparison.outside([0.464369], low: [0.4615], high: [0.4625])?.element == 0)
        #expect(StepComparison.outside([1, 2], low: [1], high: [1]) == .sizes)
    }

    @Test func integersOfEveryWidthAreNumbers() {
        #expect(ValueEncoder.numbers(Int8(-3)) == [-3])
        #expect(ValueEncoder.numbers(UInt64(7)) == [7])
        #expect(ValueEncoder.numbers([UInt16(1), 2]) == [1, 2])
        #expect(ValueEncoder.value(of: Int16(5)) == .int(5, text: "5"))
        #expect(ValueEncoder.value(of: UInt64.max) == .double(18446744073709551615.0, text: "18446744073709551615"))
    }
}
