import ChapterChannel
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A literal claims the precision its digits show.
@Suite struct ClaimLiteralTests {
    func holds(_ literal: String, _ value: Double) throws -> Bool {
        ClaimChecker.failure(expression: "x", literal: literal, value: .double(value, text: "\(value)")) == nil
    }

    @Test func threeDecimalsClaimHalfAThousandth() throws {
        #expect(try holds("0.462", 0.4624999))
        #expect(try holds("0.462", 0.4615001))
        #expect(try !holds("0.462", 0.4643687841079448))
        #expect(try holds("0.4644", 0.4643687841079448))
    }

    @Test func theArticlesLossFailsWithTheRightMessage() {
        let message = ClaimChecker.failure(expression: "loss", literal: "0.462", value: .double(0.4643687841079448, text: "0.4643687841079448"))
        #expect(message == "claim 0.462 disagrees with `loss` = 0.46437: they agree to 2 decimals, not 3")
    }

    @Test func negativeAndScientificLiterals() throws {
        #expect(try holds("-0.37", -0.3714682))
        #expect(try holds("\u{2212}0.37", -0.3714682))
        #expect(try holds("2.5e-3", 0.00254))
        #expect(try !holds("2.5e-3", 0.00256))
        #expect(try holds("3.9e-22", 3.857e-22))
        #expect(try !holds("3.9e-22", 3.8e-22))
    }

    @Test func integersMustMatchExactly() throws {
        #expect(try holds("3", 3))
        #expect(try !holds("3", 3.0000001))
        let n = ClaimChecker.failure(expression: "n", literal: "3", value: .int(3, text: "3"))
        #expect(n == nil)
    }

    @Test func tuplesCheckEachElementAndTheirLength() {
        let q: Value = .array([0.2312239, 0.6285317, 0.1402444].map { .double($0, text: "\($0)") })
        #expect(ClaimChecker.failure(expression: "q", literal: "(0.23, 0.63, 0.14)", value: q) == nil)
        #expect(ClaimChecker.failure(expression: "q", literal: "(0.23, 0.63)", value: q)
            == "the claim (0.23, 0.63) lists 2 numbers but `q` has 3 values")
        let wrong = ClaimChecker.failure(expression: "q", literal: "(0.23, 0.62, 0.14)", value: q)
        #expect(wrong?.contains("element 1 is 0.6285, not 0.62") == true)
    }

    @Test func aNonNumberCannotBeClaimed() {
        let message = ClaimChecker.failure(expression: "s", literal: "1.0", value: .string("dog"))
        #expect(message?.contains("not a number") == true)
    }

    @Test func aMalformedLiteralIsReported() {
        let message = ClaimChecker.failure(expression: "x", literal: "about 3", value: .double(3, text: "3.0"))
        #expect(message?.contains("is not a number") == true)
    }
}

/// Claims on the rounding boundary, and the Swift operator that looks like one.
@Suite struct ClaimBoundaryTests {
    @Test func aValueExactlyOnTheRoundingBoundaryIsAccepted() throws {
        let literal = try ClaimLiteral.parse("0.68")
        #expect(literal.numbers[0].accepts(27.0 / 40))
        #expect(ClaimChecker.failure(expression: "27.0 / 40", literal: "0.68", value: .double(27.0 / 40, text: "0.675")) == nil)
        #expect(ClaimChecker.failure(expression: "x", literal: "0.68", value: .double(0.6749, text: "0.6749")) != nil)
    }

    @Test func aMessageShowsEnoughDigitsToJudge() {
        let message = ClaimChecker.failure(expression: "x", literal: "0.68", value: .double(0.67499, text: "0.67499"))
        #expect(message?.contains("0.67499") == true, "\(message ?? "")")
    }

    @Test func tildeEqualsIsRejectedWithAHint() {
        let inside = Array("x ~= 1.1".unicodeScalars)
        let problem = #expect(throws: InlineExpressionParser.Problem.self) {
            try InlineExpressionParser.parse(inside, location: SourceLocation(line: 1, column: 1))
        }
        #expect(problem?.message.contains("≈") == true)
    }

    @Test func anIntegerOfAnotherWidthIsANumber() {
        #expect(Value.integer(text: "18446744073709551615").numbers == [18446744073709551615.0])
    }
}
