import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Footnotes as GFM and Pandoc write them: `[^label]` with a `[^label]: …`
/// definition anywhere in the chapter, and inline `^[…]`; numbered by first
/// reference, linked both ways, listed at the end of the page.
@Suite struct FootnoteTests {
    static func parse(_ markdown: String) -> ChapterDocument {
        ChapterParser.parse(ChapterSource(path: "ch.md", name: "ch", text: markdown))
    }

    static func render(_ markdown: String) -> String {
        let document = parse(markdown)
        return ChapterTypesetter(
            document: document, run: nil, page: "ch.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: CrossReferences(), unsafe: false
        ).typeset().html
    }

    @Test func aReferenceLinksToItsNoteAndTheNoteLinksBack() {
        let html = Self.render("Text.[^a]\n\n[^a]: The *note*.\n")
        #expect(html.contains(##"<p>Text.<sup class="footnote-ref"><a href="#fn:1" id="fnref:1" role="doc-noteref">1</a></sup></p>"##))
        #expect(html.contains(##"<li id="fn:1">"##))
        #expect(html.contains(##"<p>The <em>note</em>. <a href="#fnref:1" class="footnote-back""##))
    }

    @Test func notesAreNumberedByFirstReferenceNotByDefinition() {
        let html = Self.render("A[^z] b[^y] c[^z].\n\n[^y]: Why.\n[^z]: Zed.\n")
        #expect(html.contains(##"A<sup class="footnote-ref"><a href="#fn:1" id="fnref:1""##))
        #expect(html.contains(##"b<sup class="footnote-ref"><a href="#fn:2" id="fnref:2""##))
        #expect(html.contains(##"c<sup class="footnote-ref"><a href="#fn:1" id="fnref:1-2""##))
        let first = html.range(of: "Zed.")!.lowerBound
        let second = html.range(of: "Why.")!.lowerBound
        #expect(first < second)
    }

    @Test func aDefinitionMayStandBeforeItsReferenceAndNeverShowsInTheText() {
        let html = Self.render("[^n]: Early note.\n\n# Title\n\nBody[^n].\n")
        #expect(!html.contains("[^n]"))
        #expect(html.contains("<p>Early note. <a"))
    }

    @Test func aOneWordDefinitionIsNotALinkReferenceDefinition() {
        let html = Self.render("See[^1].\n\n[^1]: Note.\n")
        #expect(html.contains(##"See<sup class="footnote-ref">"##))
        #expect(html.contains("<p>Note. <a"))
    }

    @Test func aDefinitionRunsToTheBlankLineAndKeepsMathAndValues() {
        let document = Self.parse("x[^m]\n\n[^m]: With $a_1$ and\n  more *text*.\n\nAfter.\n")
        let note = try! #require(document.footnotes.first)
        #expect(note.label == "m")
        #expect(note.location == SourceLocation(line: 3, column: 1))
        #expect(note.blocks.count == 1)
        #expect(document.spans.contains { if case .math = $0.kind { $0.location == SourceLocation(line: 3, column: 12) } else { false } })
        #expect(Self.render("x[^m]\n\n[^m]: With $a_1$ and\n  more *text*.\n\nAfter.\n").contains("<p>After.</p>"))
    }

    @Test func anInlineNoteIsNumberedWithTheOthers() {
        let html = Self.render("One[^a] two^[An *inline* note.] three.\n\n[^a]: First.\n")
        #expect(html.contains(##"two<sup class="footnote-ref"><a href="#fn:2" id="fnref:2""##))
        #expect(html.contains(" three.</p>"))
        #expect(html.contains("<p>An <em>inline</em> note. <a href=\"#fnref:2\""))
    }

    @Test func anInlineNoteMayHoldBracketsAndCode() {
        let html = Self.render("A^[see [b](c.html) and `]`] end.\n")
        #expect(html.contains("<p>see <a href=\"c.html\">b</a> and <code>]</code> <a href=\"#fnref:1\""))
        #expect(html.contains("</sup> end.</p>"))
    }

    @Test func aReferenceWithoutADefinitionIsAnErrorAtItsColumn() {
        let document = Self.parse("Intro.\n\nText with a note[^gone].\n")
        let problem = try! #require(document.diagnostics.first)
        #expect(problem.description.hasPrefix("ch.md:3:17: error: the footnote '[^gone]' has no definition"))
    }

    @Test func aDefinitionNeverReferredToIsAWarningAtItsLine() {
        let document = Self.parse("Text.\n\n[^lonely]: Unused.\n")
        #expect(document.diagnostics.map(\.description) == [
            "ch.md:3:1: warning: the footnote '[^lonely]' is defined but never referred to: write [^lonely] where it belongs, or remove it",
        ])
    }

    @Test func aSecondDefinitionOfALabelIsAnError() {
        let document = Self.parse("T[^d].\n\n[^d]: One.\n\n[^d]: Two.\n")
        #expect(document.diagnostics.contains { $0.line == 5 && $0.severity == .error && $0.message.contains("already defined at line 3") })
    }

    @Test func footnoteSyntaxInCodeStaysCode() {
        let html = Self.render("`[^x]` and\n\n```\n[^x]: not a note\n```\n")
        #expect(html == "<p><code>[^x]</code> and</p>\n<pre><code>[^x]: not a note\n</code></pre>\n")
        #expect(Self.parse("`[^x]`\n").diagnostics.isEmpty)
    }

    @Test func anEscapedBracketIsText() {
        #expect(Self.render("\\[^x] and 2^[3]\n".replacingOccurrences(of: "^[3]", with: "^3")) == "<p>[^x] and 2^3</p>\n")
    }

    @Test func linksInNotesLeadToPagesAsLinksInTheTextDo() {
        let a = ChapterParser.parse(ChapterSource(path: "/book/chapters/01-a.md", name: "01-a",
                                                  text: "A[^n] and^[see [B](02-b.md)].\n\n[^n]: Also [B](02-b.md#top) and [gone](03-gone.md).\n"))
        let b = ChapterParser.parse(ChapterSource(path: "/book/chapters/02-b.md", name: "02-b", text: "B\n"))
        let result = LocalLinks(documents: [a, b], pages: ["01-a.html", "02-b.html"], chaptersDirectory: "/book/chapters").resolve([a, b])
        let note = result.documents[0].footnotes[0].blocks
        guard case .paragraph(let inlines)? = note.first?.kind else { Issue.record("no note"); return }
        #expect(inlines.contains(.link(destination: "02-b.html#top", title: "", [.text("B")])))
        #expect(result.documents[0].inlineNotes.values.first?.contains(.link(destination: "02-b.html", title: "", [.text("B")])) == true)
        #expect(result.diagnostics.map { "\($0.line):\($0.column)" } == ["3:40"])
    }

    /// goldmark's first footnote example: a second paragraph indented four spaces.
    @Test func aNoteMayHaveLaterParagraphsIndentedFourSpaces() {
        let html = Self.render("That's some text with a footnote.[^1]\n\n[^1]: And that's the footnote.\n\n    That's the second paragraph.\n\nBack in the text.\n")
        #expect(html.contains("<li id=\"fn:1\">\n<p>And that’s the footnote.</p>\n<p>That’s the second paragraph. <a href=\"#fnref:1\""))
        #expect(html.contains("<p>Back in the text.</p>"))
        #expect(!html.contains("<pre>"))
    }

    @Test func whatIsFoundInALaterParagraphKeepsItsColumn() {
        let document = Self.parse("x[^1]\n\n[^1]: First.\n\n    Second with [^none].\n")
        #expect(document.diagnostics.map(\.description) == [
            "ch.md:5:17: error: the footnote '[^none]' has no definition: add a line '[^none]: …' to this chapter, or write the note inline as ^[…]",
        ])
    }
}
