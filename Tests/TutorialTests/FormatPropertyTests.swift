import ChapterChannel
import Foundation
import Testing
import ChapterRuntime
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// `format(_:decimals:)` and `format(_:significant:)`, which chapter code
/// calls, print exactly what the page shows for `\(x, decimals: N)` and
/// `\(x, significant: N)`, and both keep the rule the engine had before they
/// shared it (Foundation's `String(format:)`).
@Suite struct FormatPropertyTests {
    /// Doubles of every magnitude and sign, halfway cases and special values.
    static func samples(count: Int) -> [Double] {
        var generator = SeededGenerator(seed: 0x5eed_f0f0)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 2.675, 0.125, 1e-7, 123_456_789.987, 1e15, 9.999_999e14,
                                -1e-300, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .nan, .infinity, -.infinity]
        for _ in 0..<count {
            let mantissa = Double.random(in: -10...10, using: &generator)
            let exponent = Double(Int.random(in: -12...18, using: &generator))
            values.append(mantissa * pow(10, exponent))
            // Short decimals sit on rounding boundaries: 0.125, 3.45…
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 1000)
        }
        return values
    }

    /// The engine's rule as it was, on Foundation.
    static func foundationFixed(_ x: Double, _ n: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let s = String(format: "%.\(n)f", x)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }

    @Test func formatDecimalsIsWhatThePageShows() {
        for x in Self.samples(count: 2000) {
            for n in [0, 1, 2, 3, 4, 6, 10] {
                let page = ValueFormatter.prose(.double(x, text: "\(x)"), .decimals(n))
                #expect(ChapterRuntime.format(x, decimals: n) == page, "x = \(x), decimals \(n)")
                #expect(page == Self.foundationFixed(x, n).replacingOccurrences(of: "-", with: "\u{2212}"), "x = \(x), decimals \(n)")
            }
        }
    }

    @Test func formatSignificantIsWhatThePageShows() {
        for x in Self.samples(count: 2000) {
            for n in [1, 2, 3, 4, 6, 9] {
                let page = ValueFormatter.prose(.double(x, text: "\(x)"), .significant(n))
                #expect(ChapterRuntime.format(x, significant: n) == page, "x = \(x), significant \(n)")
            }
        }
    }

    @Test func floatsIntegersAndVectorsFollowTheSameRule() {
        let q: [Double] = [0.2312, 0.6285, 0.1403]
        #expect(ChapterRuntime.format(q, decimals: 2) == ValueFormatter.prose(.array(q.map { .double($0, text: "\($0)") }), .decimals(2)))
        #expect(ChapterRuntime.format(q, decimals: 2) == "(0.23, 0.63, 0.14)")
        #expect(ChapterRuntime.format(Float(0.675), decimals: 2) == ValueFormatter.prose(.float(0.675, text: "0.675"), .decimals(2)))
        #expect(ChapterRuntime.format(7, decimals: 2) == "7.00")
        #expect(ChapterRuntime.format(0.6749999999999996, decimals: 2) == "0.67")
        #expect(ChapterRuntime.format(-0.0001, decimals: 2) == "0.00")
        #expect(ChapterRuntime.format(1234.5, significant: 2) == "1200")
    }

    /// Negative numbers have the true minus sign U+2212 on the page and from format(), as in the typeset math;
    /// messages and the exact value in a claim's title keep Swift's hyphen.
    @Test func negativeNumbersReadWithATrueMinusSign() {
        #expect(ChapterRuntime.format(-0.4644, decimals: 2) == "\u{2212}0.46")
        #expect(ChapterRuntime.format(-3.26e-6, significant: 2) == "\u{2212}3.3e\u{2212}6")
        #expect(ChapterRuntime.format([-1.0, 2.0], decimals: 1) == "(\u{2212}1.0, 2.0)")
        #expect(ValueFormatter.prose(.double(-0.5, text: "-0.5"), .plain) == "\u{2212}0.5")
        #expect(ValueFormatter.prose(.int(-3, text: "-3"), .plain) == "\u{2212}3")
        #expect(ValueFormatter.prose(.string("a-b"), .plain) == "a-b", "a string is text, not a number")
        #expect(ValueFormatter.format(.double(-0.5, text: "-0.5"), .plain) == "-0.5")
        #expect(ValueFormatter.brief(.double(-0.5, text: "-0.5")) == "-0.500000")
    }

    /// book.toml's [format]: how a Double with no format of its own prints.
    @Test func theBookWideFormatRoundsPlainDoublesOnly() {
        let x = Value.double(0.9999999999999999, text: "0.9999999999999999")
        #expect(ValueFormatter.format(x, .plain) == "0.9999999999999999")
        #expect(ValueFormatter.format(x, .plain, plain: .significant(6)) == "1.0")
        #expect(ValueFormatter.format(.double(0.1, text: "0.1"), .plain, plain: .significant(6)) == "0.1", "no trailing zeros")
        #expect(ValueFormatter.format(.double(0.46436878410794477, text: "0.46436878410794477"), .plain, plain: .significant(6)) == "0.464369")
        #expect(ValueFormatter.format(.double(1.2345678e-7, text: "1.2345678e-07"), .plain, plain: .significant(3)) == "1.23e-07")
        #expect(ValueFormatter.format(.double(1.2345678e-7, text: "1.2345678e-07"), .plain, inMath: true, plain: .significant(3)) == "1.23 \\times 10^{-7}")
        #expect(ValueFormatter.format(x, .plain, plain: .decimals(3)) == "1.000")
        #expect(ValueFormatter.format(x, .decimals(2), plain: .significant(6)) == "1.00", "a format of its own wins")
        #expect(ValueFormatter.format(.int(123456789, text: "123456789"), .plain, plain: .significant(3)) == "123456789", "integers are exact")
        #expect(ValueFormatter.format(.float(0.1, text: "0.1"), .plain, plain: .significant(6)) == "0.1")
    }
}
