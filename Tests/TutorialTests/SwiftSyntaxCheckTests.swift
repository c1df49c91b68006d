import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A block that does not parse is reported where the author wrote the slip.
@Suite struct SwiftSyntaxCheckTests {
    func parse(_ text: String) -> ChapterDocument {
        ChapterParser.parse(ChapterSource(path: "c.md", name: "c", text: text))
    }

    @Test func aStrayBraceIsReportedAtItsLine() {
        let document = parse("# T\n\n```swift\nlet x = 1\n}\n```\n")
        #expect(document.diagnostics.map(\.line) == [5])
        #expect(document.diagnostics.first?.message.contains("unexpected '}'") == true)
        #expect(!Tangler.tangle(document).hasWork)
    }

    @Test func anUnclosedBracketIsReported() {
        let document = parse("- item\n\n  ```swift\n  let t = [1, 2\n  ```\n")
        #expect(document.diagnostics.first?.message.contains("expected ']'") == true)
        #expect(document.diagnostics.first?.line == 4)
    }

    @Test func validBlocksAndNorunBlocksPass() {
        #expect(parse("```swift\nstruct P { var x = 1 }\nlet p = P()\n```\n\n```swift norun\nthis is not swift {\n```\n").diagnostics.isEmpty)
    }
}
