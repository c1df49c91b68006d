import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Labels on headings (`{#sec:…}`), theorem-like blocks (`{#thm:…}`) and
/// image figures (`{#fig:…}`), and `@…` references to them: "Section 2.3",
/// "Theorem 1", "Figure 2", numbered like equations.
@Suite struct ReferenceAnythingTests {
    static func parse(_ markdown: String) -> ChapterDocument {
        ChapterParser.parse(ChapterSource(path: "ch.md", name: "ch", text: markdown))
    }

    /// The chapter's body HTML as chapter `chapter` of a book, and the problems found.
    static func render(_ markdown: String, chapter: Int = 2, numbering: Numbering = .chapter) -> (html: String, problems: [String]) {
        let document = parse(markdown)
        let (references, problems) = CrossReferences.collect(
            documents: [document], pages: ["ch.html"], runs: [nil], allRan: true, numbering: numbering, chapters: [chapter])
        let html = ChapterTypesetter(
            document: document, run: nil, page: "ch.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: references, unsafe: false
        ).typeset().html
        return (html, (document.diagnostics + problems).map(\.description))
    }

    @Test func aHeadingLabelSetsItsIdAndIsNumberedWithinItsChapter() {
        let (html, problems) = Self.render("# Loss\n\n## Intro\n\n## Softmax {#sec:softmax}\n\n### Its gradient {#sec:grad}\n\nSee @sec:softmax and @sec:grad.\n")
        #expect(problems.isEmpty)
        #expect(html.contains(#"<h2 id="sec:softmax">Softmax</h2>"#))
        #expect(html.contains(#"<h3 id="sec:grad">Its gradient</h3>"#))
        #expect(html.contains(##"See <a class="ref" href="#sec:softmax">Section 2.2</a> and <a class="ref" href="#sec:grad">Section 2.2.1</a>."##))
    }

    @Test func anAttributeAHeadingCannotTakeIsAnErrorAndNeverText() {
        let (html, problems) = Self.render("# T\n\n## Aside {.unnumbered}\n")
        #expect(html.contains("<h2 id=\"aside\">Aside</h2>"))
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("ch.md:3:10: error: the heading attribute '.unnumbered' is not understood") == true)
    }

    @Test func anUnknownSectionReferenceIsAnError() {
        let (_, problems) = Self.render("# T\n\nSee @sec:nowhere.\n")
        #expect(problems == ["ch.md:3:5: error: unknown reference '@sec:nowhere': no section has this label"])
    }

    @Test func theoremsAreNumberedByKindWithTitleAndLabel() {
        let markdown = """
            # T

            > [!DEFINITION] Entropy
            > The expected surprise.

            > [!THEOREM] Gibbs' inequality {#thm:gibbs}
            > Cross-entropy is at least entropy.

            > [!LEMMA]
            > A step.

            > [!THEOREM]
            > Another.

            By @thm:gibbs, it holds.

            """
        let (html, problems) = Self.render(markdown, numbering: .book)
        #expect(problems.isEmpty)
        #expect(html.contains(#"<div class="theorem theorem-definition">"# + "\n" + #"<p><span class="theorem-head">Definition 1 <span class="theorem-title">(Entropy)</span>.</span> The expected surprise.</p>"#))
        #expect(html.contains(#"<div class="theorem theorem-theorem" id="thm:gibbs">"# + "\n" + #"<p><span class="theorem-head">Theorem 1 <span class="theorem-title">(Gibbs’ inequality)</span>.</span> Cross-entropy"#))
        #expect(html.contains(#"<span class="theorem-head">Lemma 1.</span> A step."#))
        #expect(html.contains(#"<span class="theorem-head">Theorem 2.</span> Another."#))
        #expect(html.contains(##"By <a class="ref" href="#thm:gibbs">Theorem 1</a>, it holds."##))
    }

    @Test func aProofEndsWithTheEndOfProofSign() {
        let (html, _) = Self.render("# T\n\n> [!PROOF]\n> By Jensen.\n>\n> Done.\n")
        #expect(html.contains(#"<div class="theorem theorem-proof">"# + "\n" + #"<p><span class="theorem-head">Proof.</span> By Jensen.</p>"#))
        #expect(html.contains(#"<p>Done.<span class="qed" role="img" aria-label="end of proof">∎</span></p>"#))
    }

    @Test func aTheoremLabelOfAnotherKindIsAnError() {
        let (_, problems) = Self.render("# T\n\n> [!LEMMA] Small {#thm:small}\n> Text.\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("error: the label '{#thm:small}' is not understood: a lemma's label is {#lem:NAME}") == true)
    }

    @Test func anUnknownCalloutKindIsAWarning() {
        let document = Self.parse("> [!THEOREMS]\n> Text.\n")
        #expect(document.diagnostics.count == 1)
        #expect(document.diagnostics.first?.description.hasPrefix("ch.md:1:3: warning: '[!THEOREMS]' is not a callout kind render knows") == true)
        #expect(Self.parse("> [!Lemmas] x\n").diagnostics.map(\.line) == [1], "GitHub reads markers in any case")
        #expect(Self.parse("> [!lemma] x\n").diagnostics.isEmpty)
    }

    @Test func aLabelledImageIsANumberedFigureWithItsCaption() {
        let (html, problems) = Self.render("# T\n\n![The *loss* curve](plot.png){#fig:loss width=60%}\n\nAs @fig:loss shows.\n")
        #expect(problems.isEmpty)
        #expect(html.contains(#"<figure class="figure image-figure" id="fig:loss"><img src="plot.png" alt="The loss curve" class="width-60" /><figcaption><span class="figure-label">Figure 2.1:</span> The <em>loss</em> curve</figcaption></figure>"#))
        #expect(html.contains(##"As <a class="ref" href="#fig:loss">Figure 2.1</a> shows."##))
    }

    @Test func aWidthAloneSizesAPlainImage() {
        let (html, problems) = Self.render("# T\n\n![a plot](plot.png){width=480px}\n")
        #expect(problems.isEmpty)
        #expect(html.contains(#"<p><img src="plot.png" alt="a plot" width="480" /></p>"#))
    }

    @Test func anImageAttributeNotUnderstoodIsAnError() {
        let (html, problems) = Self.render("# T\n\n![a plot](plot.png){#fig:a width=61%}\n")
        #expect(!html.contains("{#"))
        #expect(problems == ["ch.md:3:20: error: the image attribute 'width=61%' is not understood: an image takes {#fig:NAME} to be a numbered figure and width=60% (a multiple of 5) or width=480px"])
    }

    @Test func syntaxFromOtherToolsGetsAWarningSayingWhatToDo() {
        let document = Self.parse("# T\n\n::: note\nText\n:::\n\nAs \\cite{bishop} shows in \\ref{sec:a}.\n\nA paragraph {.lead}\n")
        let messages = document.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("ch.md:3:1: warning: Pandoc's fenced divs (:::) are not read") })
        #expect(messages.contains { $0.hasPrefix("ch.md:7:4: warning: \\cite{…} is LaTeX") })
        #expect(messages.contains { $0.hasPrefix("ch.md:7:27: warning: \\ref{…} is LaTeX") })
        #expect(messages.contains { $0.hasPrefix("ch.md:9:13: warning: the attribute {.lead} is not read here") })
    }

    @Test func aChapterTitleTakesNoLabel() {
        let (html, problems) = Self.render("# Loss {#sec:loss}\n\nText.\n")
        #expect(!html.contains("{#"))
        #expect(problems == ["ch.md:1:8: error: a chapter's title takes no label: refer to the chapter with a link, [the chapter](ch.md), or label a section under it"])
    }
}
