import ChapterChannel
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Values print as Swift prints them unless a format is asked for.
@Suite struct ValueFormatterTests {
    let loss = Value.double(0.4643687841079448, text: "0.4643687841079448")

    @Test func plainIsSwiftsShortestRoundTripForm() {
        #expect(ValueFormatter.format(loss, .plain) == "0.4643687841079448")
        #expect(ValueFormatter.format(.int(3, text: "3"), .plain) == "3")
        #expect(ValueFormatter.format(.bool(true), .plain) == "true")
        #expect(ValueFormatter.format(.string("dog"), .plain) == "dog")
    }

    @Test func decimalsAndSignificantDigits() {
        #expect(ValueFormatter.format(loss, .decimals(4)) == "0.4644")
        #expect(ValueFormatter.format(loss, .significant(3)) == "0.464")
        #expect(ValueFormatter.format(.double(-0.0001, text: "-0.0001"), .decimals(2)) == "0.00")
        #expect(ValueFormatter.format(.double(3.857e-22, text: "3.857e-22"), .significant(2)) == "3.9e-22")
        #expect(ValueFormatter.format(.double(1234.5, text: "1234.5"), .significant(2)) == "1200")
    }

    @Test func arraysPrintElementWise() {
        let q = Value.array([.double(0.2312, text: "0.2312"), .double(0.6285, text: "0.6285")])
        #expect(ValueFormatter.format(q, .decimals(2)) == "(0.23, 0.63)")
    }

    @Test func scientificNotationInMath() {
        #expect(ValueFormatter.format(.double(3.857e-22, text: "3.857e-22"), .significant(2), inMath: true) == "3.9 \\times 10^{-22}")
        #expect(ValueFormatter.format(.double(.infinity, text: "inf"), .plain, inMath: true) == "\\infty")
    }
}
