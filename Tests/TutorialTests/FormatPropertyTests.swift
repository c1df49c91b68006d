import ChapterChannel
import Foundation
import Testing
import ChapterRuntime
@testable import Tutorial

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
                let page = ValueFormatter.format(.double(x, text: "\(x)"), .decimals(n))
                #expect(ChapterRuntime.format(x, decimals: n) == page, "x = \(x), decimals \(n)")
                #expect(page == Self.foundationFixed(x, n), "x = \(x), decimals \(n)")
            }
        }
    }

    @Test func formatSignificantIsWhatThePageShows() {
        for x in Self.samples(count: 2000) {
            for n in [1, 2, 3, 4, 6, 9] {
                let page = ValueFormatter.format(.double(x, text: "\(x)"), .significant(n))
                #expect(ChapterRuntime.format(x, significant: n) == page, "x = \(x), significant \(n)")
            }
        }
    }

    @Test func floatsIntegersAndVectorsFollowTheSameRule() {
        let q: [Double] = [0.2312, 0.6285, 0.1403]
        #expect(ChapterRuntime.format(q, decimals: 2) == ValueFormatter.format(.array(q.map { .double($0, text: "\($0)") }), .decimals(2)))
        #expect(ChapterRuntime.format(q, decimals: 2) == "(0.23, 0.63, 0.14)")
        #expect(ChapterRuntime.format(Float(0.675), decimals: 2) == ValueFormatter.format(.float(0.675, text: "0.675"), .decimals(2)))
        #expect(ChapterRuntime.format(7, decimals: 2) == "7.00")
        #expect(ChapterRuntime.format(0.6749999999999996, decimals: 2) == "0.67")
        #expect(ChapterRuntime.format(-0.0001, decimals: 2) == "0.00")
        #expect(ChapterRuntime.format(1234.5, significant: 2) == "1200")
    }
}
