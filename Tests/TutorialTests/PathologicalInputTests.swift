import Foundation
import Testing
@testable import TeXMath
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Inputs built to hurt render end with a clear error or succeed within
/// seconds: nesting deeper than the tree walks' stacks, and 20,000 values in
/// one paragraph. None crashes; none costs quadratic time.
@Suite(.timeLimit(.minutes(8))) struct PathologicalInputTests {
    /// Runs the built render on a book with this one chapter; status and seconds taken.
    func render(_ chapter: String, _ arguments: [String] = ["check"]) async throws -> (RenderProcess.Result, Double) {
        let directory = try RenderProcess.book(chapter: "01-hostile.md", chapter)
        let clock = ContinuousClock(), start = clock.now
        let result = try await RenderProcess.run(arguments, in: directory)
        let elapsed = clock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    static let deepInputs: [String: String] = [
        "block quotes": String(repeating: ">", count: 5_000) + " x",
        "list markers": String(repeating: "- ", count: 5_000) + "x",
        "ordered list markers": String(repeating: "1. ", count: 5_000) + "x",
        "quotes in lists": String(repeating: "> - ", count: 2_500) + "x",
        "emphasis": String(repeating: "*a ", count: 5_000) + "x" + String(repeating: "*", count: 5_000),
        "images in images": String(repeating: "![a ", count: 5_000) + "x" + String(repeating: "](u.png)", count: 5_000),
    ]

    @Test(arguments: deepInputs.keys.sorted())
    func deepNestingIsAnErrorAtItsLineNotACrash(_ name: String) async throws {
        let (result, seconds) = try await render("# Deep\n\nAbove.\n\n" + Self.deepInputs[name]! + "\n")
        #expect(result.status == 1, "\(name): exit \(result.status) \(result.standardError.prefix(500))")
        #expect(result.standardError.contains("chapters/01-hostile.md:5:"), "\(result.standardError.prefix(500))")
        #expect(result.standardError.contains("more than \(CommonMark.maxDepth) levels deep here"))
        // Bounded, with room for a machine busy with the rest of the suite (0.2 s alone).
        #expect(seconds < 120, "\(name) took \(seconds) s")
    }

    /// At the limit, every walk (parse, scan, typeset, search) still holds: the page is written.
    @Test func nestingJustWithinTheLimitRenders() async throws {
        let chapter = "# Deep\n\n" + String(repeating: ">", count: 95) + " x *a [b **c** \\(1 + 1)](#deep)*\n\n"
            + String(repeating: "- ", count: 49) + "y\n\n## Deep\n"
        let directory = try RenderProcess.book(chapter: "01-deep.md", chapter)
        let result = try await RenderProcess.run(["--output", directory + "/site"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let page = try String(contentsOfFile: directory + "/site/01-deep.html", encoding: .utf8)
        #expect(page.components(separatedBy: "<blockquote>").count == 96)
    }

    /// The tangled program grows with the number of values, not with its
    /// square: each value used to be padded with spaces to its column.
    /// Steps of a derivation nested 1,000 deep: the TeX reader stops at its
    /// depth limit (`TeXMathParser.maximumDepth`), so no walk of the tree
    /// (the printer, the emitter to Swift) ever sees deeper nesting.
    static let deepTeX: [String: String] = [
        "parentheses": String(repeating: "(", count: 1_000) + "x" + String(repeating: ")", count: 1_000),
        "braces": String(repeating: "{", count: 1_000) + "x" + String(repeating: "}", count: 1_000),
        "fractions": String(repeating: "\\frac{1}{", count: 1_000) + "x" + String(repeating: "}", count: 1_000),
        "exponents": String(repeating: "x^{", count: 1_000) + "x" + String(repeating: "}", count: 1_000),
        "signs": String(repeating: "-(", count: 1_000) + "x" + String(repeating: ")", count: 1_000),
    ]

    @Test(arguments: deepTeX.keys.sorted())
    func deepTeXInADerivationIsAnErrorAtItsLineNotACrash(_ name: String) async throws {
        let chapter = "# Deep\n\n```derivation\n% for x in real(in: 1...3)\nx &= " + Self.deepTeX[name]! + "\n```\n"
        let (result, _) = try await render(chapter)
        #expect(result.status == 1 || result.status == 2, "\(name): exit \(result.status) \(result.standardError.prefix(500))")
        #expect(result.standardError.contains("chapters/01-hostile.md:5:"), "\(name): \(result.standardError.prefix(800))")
        #expect(result.standardError.contains("nests deeper than \(TeXMathParser.maximumDepth) levels"), "\(name): \(result.standardError.prefix(800))")
    }

    @Test func valuesInOneParagraphCostLinearTimeAndSpace() {
        func programBytes(_ count: Int) -> Int {
            let text = "# Values\n\n```swift\nlet x = 1\n```\n\n" + Array(repeating: "\\(x)", count: count).joined(separator: " ") + "\n"
            let document = ChapterParser.parse(ChapterSource(path: "chapters/01-v.md", name: "01-v", text: text))
            let program = Tangler.tangle(document)
            #expect(document.expressions.count == count)
            return program.source.utf8.count
        }
        let small = programBytes(2_000), large = programBytes(20_000)
        // Quadratic padding held about 10^9 bytes here; linear, each value costs at most maxPadding bytes and its call.
        #expect(large < 2_000 * 20_000, "the program holds \(large) bytes for 20,000 values")
        // Ten times the values, about ten times the program (a count, not a clock: the suite shares the machine).
        #expect(large < 12 * small, "2,000 values: \(small) bytes, 20,000: \(large)")
    }

    /// 20,000 values in one paragraph through the built render, with one
    /// unbalanced `\(` so that it ends before the compile (parse, tangle and
    /// check only): ten times the values of a run beside it may cost at most
    /// 30 times its time (quadratic: 100 times). 3.2 s alone on this machine,
    /// but 125 s under a full parallel `swift test`, so the bound is a ratio.
    @Test func twentyThousandValuesInOneParagraphCostLinearTime() async throws {
        func run(_ count: Int) async throws -> Double {
            let values = Array(repeating: "\\(x)", count: count).joined(separator: " ")
            let (result, seconds) = try await render("# Values\n\n```swift\nlet x = 1\n```\n\n" + values + " and \\(x\n")
            #expect(result.status == 1, "\(result.standardError.prefix(500))")
            #expect(result.standardError.contains("chapters/01-hostile.md:7:"), "\(result.standardError.prefix(500))")
            return seconds
        }
        var small = try await run(2_000), large = try await run(20_000)
        // The faster of two interleaved runs of each: the rest of the suite loads the machine unevenly.
        small = min(small, try await run(2_000))
        large = min(large, try await run(20_000))
        #expect(large < 30 * small, "2,000 values: \(small) s, 20,000: \(large) s")
    }

    /// A compile error in a value past the padding limit is still reported at its own column.
    @Test func aCompileErrorFarRightOnALineKeepsItsColumn() async throws {
        let filler = String(repeating: "wörds ", count: 300)  // 1,800 characters, 2,100 bytes
        let (result, _) = try await render("# Far\n\n" + filler + "\\(1 + missingName)\n")
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-hostile.md:3:\(filler.count + 7): error: cannot find 'missingName' in scope"),
                "\(result.standardError)")
    }
}

/// KaTeX's `\edef` is not counted against `maxExpand`: ten formulas that
/// double a macro sixteen times took 57 s. The batch has a time limit.
@Suite(.timeLimit(.minutes(3))) struct KaTeXExpansionTests {
    static let bomb = "\\def\\a{x}" + String(repeating: "\\edef\\a{\\a\\a}", count: 16) + "\\a"

    @Test func aBatchThatExpandsWithoutEndIsStoppedAtItsTimeLimit() async throws {
        var typesetter = MathTypesetter(cacheDirectory: nil)
        typesetter.batchTimeLimit = (.seconds(2), .zero)
        let formulas = (0..<10).map { Formula(tex: Self.bomb + " \($0)", display: false) }
        // Only the batch's time limit throws this; without it the batch runs on (57 s, or the suite's limit).
        await #expect(throws: MathTypesetterError.timedOut(limit: "\(Duration.seconds(2))", formulas: 10)) {
            try await typesetter.typeset(formulas)
        }
    }

    @Test func plainRecursionStopsAtMaxExpandAsATeXError() async throws {
        let results = try await MathTypesetter(cacheDirectory: nil).typeset([Formula(tex: "\\def\\a{\\a}\\a", display: false)])
        guard case .failure(let message) = results.first else { Issue.record("typeset: \(results)"); return }
        #expect(message.contains("Too many expansions"), "\(message)")
    }

    /// Through the built render: exit 2 with the reason, within the default
    /// limit (60 s + 50 ms a formula). Forty formulas of about 6 s each
    /// cannot finish within it on any machine.
    @Test func renderStopsWithExitTwo() async throws {
        let chapter = "# Bomb\n\n" + (0..<40).map { "$\(Self.bomb) \($0)$" }.joined(separator: "\n\n") + "\n"
        let directory = try RenderProcess.book(chapter: "01-bomb.md", chapter)
        let clock = ContinuousClock(), start = clock.now
        let result = try await RenderProcess.run(["check"], in: directory)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("KaTeX did not finish typesetting 40 formulas within"), "\(result.standardError)")
        #expect(clock.now - start < .seconds(150))
    }
}
