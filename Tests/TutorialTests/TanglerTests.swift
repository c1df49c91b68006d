import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The tangler writes one program per chapter that points back at the chapter.
@Suite struct TanglerTests {
    func program(_ text: String) -> String {
        Tangler.tangle(ChapterParser.parse(ChapterSource(path: "chapters/t.md", name: "t", text: text))).source
    }

    @Test func blocksRunInOrderWithSourceLocations() {
        let source = program("# T\n\n```swift\nlet a = 1\n```\n\nText \\(a + 1).\n\n```swift\nlet b = a\n```\n")
        let first = source.range(of: "let a = 1")!
        let value = source.range(of: "a + 1")!
        let second = source.range(of: "let b = a")!
        #expect(first.lowerBound < value.lowerBound && value.lowerBound < second.lowerBound)
        #expect(source.contains("#sourceLocation(file: \"chapters/t.md\", line: 4)\nlet a = 1"))
        #expect(source.contains("#sourceLocation(file: \"chapters/t.md\", line: 10)\nlet b = a"))
    }

    @Test func anExpressionKeepsItsLineAndColumn() {
        let source = program("```swift\nlet a = 1\n```\n\nSome text \\(a).\n")
        // line 5 of the chapter, column 13: the directive names line 4 for the call's first line.
        #expect(source.contains("#sourceLocation(file: \"chapters/t.md\", line: 4)\n__tutorialValue(0,\n            a)"))
    }

    @Test func typesAndImportsAreHoistedButStatementsStayInOrder() {
        let source = program("```swift\nimport Foundation\nstruct P { var x = 1 }\nlet p = P()\n```\n")
        let function = source.range(of: "func __tutorialChapter")!
        #expect(source.range(of: "import Foundation")!.lowerBound < function.lowerBound)
        #expect(source.range(of: "struct P")!.lowerBound < function.lowerBound)
        #expect(source.range(of: "let p = P()")!.lowerBound > function.lowerBound)
    }

    @Test func norunBlocksAreNotInTheProgram() {
        let source = program("```swift norun\nfatalError()\n```\n\n```swift hide\nlet h = 2\n```\n")
        #expect(!source.contains("fatalError()"))
        #expect(source.contains("let h = 2"))
    }

    @Test func derivationsDrawTheirInputsAndEncodeEachStep() {
        let source = program("```derivation\n% for z in logits(count: 3), y in label(below: z.count)\n% let q = softmax(z)\nq_y &= \\frac{e^{z_y}}{\\sum_j e^{z_j}} % softmax(z)[y]\n```\n")
        #expect(source.contains("let z = (ChapterRuntime.logits(count: 3)).draw(using: &__random)"))
        #expect(source.contains("let y = (ChapterRuntime.label(below: z.count)).draw(using: &__random)"))
        #expect(source.contains("    let q = (\n") && source.contains("softmax(z))"))
        // Each step read from TeX is a closure of small statements; the twin is evaluated beside it.
        #expect(source.contains("let __s0 = __texStep { () throws -> __TeXValue in"))
        #expect(source.contains("let __s1 = __texStep { () throws -> __TeXValue in"))
        #expect(source.contains("try __texSum("))
        #expect(source.contains("let __s2 = __texTwin("))
        #expect(source.contains("steps: [__s0, __s1, __s2]"))
        #expect(source.contains("draws: 200") && source.contains("relations: [.first, .equal, .equal]"))
    }

    @Test func aWorkedExampleRunsOnceAndVariesItsWrittenNumbers() {
        let source = program("```swift\nlet q: [Double] = [0.25, 0.75]\n```\n\n```derivation\n-\\log q_1 \\approx -\\log 0.75\n```\n")
        #expect(source.contains("draws: 1"))
        #expect(source.contains("__texApproximateStep(literals: [0.75], halfUnits: [5e-3], digits: [2], lone: false, known: { [q as Any] })"))
        #expect(source.contains("__texLiteral(0.75, 5e-3, 0)"))
    }

    @Test func aChapterWithNothingToRunNeedsNoCompiler() {
        let plain = Tangler.tangle(ChapterParser.parse(ChapterSource(path: "c.md", name: "c", text: "# Just prose\n\n$x$\n")))
        #expect(!plain.hasWork)
    }

    @Test func seedsDependOnChapterAndLine() {
        #expect(Seed.derive(chapter: "a", line: 3) == Seed.derive(chapter: "a", line: 3))
        #expect(Seed.derive(chapter: "a", line: 3) != Seed.derive(chapter: "a", line: 4))
        #expect(Seed.derive(chapter: "a", line: 3) != Seed.derive(chapter: "b", line: 3))
    }

    /// The seed is FNV-1a, the same one the cache's checksum uses: the
    /// published 64-bit test vectors hold for it, and a seed is the hash of
    /// "chapter:line" (so seeds, and every derivation's draws, stay as before).
    @Test func seedsAreFNV1aOfChapterAndLine() {
        #expect(Checksum.fnv1a("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(Checksum.fnv1a("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(Checksum.fnv1a("foobar".utf8) == 0x8594_4171_f739_67e8)
        #expect(Seed.derive(chapter: "a", line: 3) == Checksum.fnv1a("a:3".utf8))
    }
}
