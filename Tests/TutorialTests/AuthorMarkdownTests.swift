import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The Markdown authors expect beyond CommonMark: pipe tables whose cells
/// hold values and claims, and GitHub's callouts, exercises and solutions.
@Suite struct AuthorMarkdownTests {
    func parse(_ text: String) -> ChapterDocument {
        ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: text))
    }

    func html(_ text: String, unsafe: Bool = false) -> String {
        let document = parse(text)
        return ChapterTypesetter(
            document: document, run: nil, page: "t.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: CrossReferences(), unsafe: unsafe
        ).typeset().html
    }

    @Test func aTableCellHoldsValuesClaimsAndMathAtTheirOwnColumns() {
        let text = "| z | loss |\n|:--|--:|\n| \\(z, decimals: 2) | \\(loss ≈ 0.46) |\n| $q_1$ | *x* \\| y |\n"
        let document = parse(text)
        #expect(document.diagnostics.isEmpty)
        #expect(FrontEndTests.shape(document.blocks) == "table2x2")
        #expect(document.expressions.map(\.expression) == ["z", "loss"])
        #expect(document.expressions.map(\.location) == [SourceLocation(line: 3, column: 5), SourceLocation(line: 3, column: 25)])
        #expect(document.expressions[1].claim == "0.46")
        let page = html(text)
        #expect(page.contains(#"<th class="align-left">z</th>"#))
        #expect(page.contains(#"<td class="align-right"><span class="claim""#))
        #expect(page.contains(#"<td class="align-right"><em>x</em> | y</td>"#))
    }

    @Test func theDelimiterRowIsNotAnEmDashAndATableInterruptsAParagraph() {
        let page = html("Intro -- text\n| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(page.hasPrefix("<p>Intro – text</p>\n<table>"))
        #expect(!page.contains("—"))
    }

    @Test func aTableInsideAFenceOrWithoutAMatchingDelimiterIsNoTable() {
        #expect(FrontEndTests.shape(parse("```\n| a | b |\n|---|---|\n```\n").blocks) == "code")
        #expect(FrontEndTests.shape(parse("| a | b |\n|---|\n").blocks) == "p")
        #expect(FrontEndTests.shape(parse("a | b\n    --|--\n").blocks) == "p")
    }

    @Test func aLazyLineDoesNotContinueATableInAQuote() {
        let document = parse("> | a | b |\n> |---|---|\n> | 1 | 2 |\nlazy | line\n")
        #expect(FrontEndTests.shape(document.blocks) == "quote(table2x1 p)")
    }

    @Test func calloutsKeepTheirContentAndTitle() {
        let document = parse("> [!NOTE]\n> Mind the *sign*.\n\n> [!EXERCISE] Softmax of a constant\n> What is $q$?\n\n> [!SOLUTION]\n>\n> All equal.\n")
        #expect(FrontEndTests.shape(document.blocks) == "note(p) exercise(p) solution(p)")
        let page = html("> [!TIP]\n> Mind the *sign*.\n\n> [!SOLUTION] Answer\n> All equal, \\(x).\n")
        #expect(page.contains("<div class=\"callout callout-tip\">\n<p class=\"callout-title\">Tip</p>\n<p>Mind the <em>sign</em>.</p>\n</div>"))
        #expect(page.contains("<details class=\"callout callout-solution\">\n<summary>Solution: Answer</summary>\n<p>All equal, <span class=\"value\""))
        #expect(page.hasSuffix("</details>\n"))
    }

    @Test func anUnknownMarkerStaysAQuote() {
        #expect(FrontEndTests.shape(parse("> [!FOO]\n> text\n").blocks) == "quote(p)")
        #expect(FrontEndTests.shape(parse("> [!NOTE]x\n").blocks) == "quote(p)")
    }
}

/// How a destination is classified before it is checked.
@Suite struct LinkDestinationTests {
    @Test func externalLinksAreLeftAloneAndLocalOnesAreDecoded() {
        for url in ["https://example.org/a.md", "mailto:me@example.org", "//cdn.example.org/x.png", "/abs.png", "", "HTTP://x"] {
            #expect(LinkDestination(url) == .external, "\(url)")
        }
        #expect(LinkDestination("#the-table") == .fragment("the-table"))
        #expect(LinkDestination("02-x.md#sec") == .local(path: "02-x.md", fragment: "sec"))
        #expect(LinkDestination("figures/a%20b.png?v=2") == .local(path: "figures/a b.png", fragment: nil))
        #expect(LinkDestination("../data.csv") == .local(path: "../data.csv", fragment: nil))
    }

    @Test func theLocatorFindsEachDestinationInOrder() {
        var locator = LinkLocator(text: "# T\n\n[a](x.md) and [b](x.md)\nthen ![c](y.png)\n")
        let block = MarkdownBlock(kind: .paragraph([]), startLine: 3, endLine: 4)
        #expect(locator.locate("x.md", in: block) == SourceLocation(line: 3, column: 5))
        #expect(locator.locate("x.md", in: block) == SourceLocation(line: 3, column: 19))
        #expect(locator.locate("y.png", in: block) == SourceLocation(line: 4, column: 11))
        #expect(locator.locate("z.png", in: block) == SourceLocation(line: 3, column: 1))
    }
}

/// Raw HTML that safe mode leaves out is reported, not lost silently.
@Suite struct RawHTMLCheckTests {
    func warnings(_ text: String) -> [Diagnostic] {
        RawHTMLCheck.warnings(ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: text)))
    }

    @Test func aDetailsBlockPointsAtTheSolutionCallout() {
        let found = warnings("# T\n\nText.\n\n<details>\n<summary>Solution</summary>\n\nHidden.\n\n</details>\n")
        #expect(found.count == 2, "\(found)")
        #expect(found.first?.description.hasPrefix("t.md:5:1: warning: raw HTML is left out of the page, so this <details>") == true)
        #expect(found.first?.message.contains("> [!SOLUTION]") == true)
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test func inlineHTMLIsReportedOnceAtItsBlockAndCommentsPass() {
        let found = warnings("Some *<sup>2</sup>* text\nand <br> more.\n\n<!-- a note for authors -->\n\nPlain <!-- inline note -->.\n")
        #expect(found.map(\.line) == [1], "\(found)")
        #expect(found.first?.message.contains("<sup>") == true)
    }
}
