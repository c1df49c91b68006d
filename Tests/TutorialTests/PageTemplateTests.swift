import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Pages are complete HTML5 documents with the site's navigation, and every plain-text field is escaped.
@Suite struct PageTemplateTests {
    let chapters = [
        TOCEntry(title: "Logits & <probabilities>", href: "01-logits.html"),
        TOCEntry(title: "Softmax", href: "02-softmax.html"),
        TOCEntry(title: "Cross-entropy", href: "03-loss.html"),
    ]

    func chapterPage() -> String {
        PageTemplate.chapter(bookTitle: "Softmax & \"Cross-Entropy\"", chapters: chapters, page: ChapterPageContent(
            number: 2, title: "Softmax <b>", titleHTML: "Softmax <em>again</em>",
            bodyHTML: "<p>Body <strong>here</strong>.</p>",
            outline: [OutlineEntry(level: 2, id: "why-exp", titleHTML: "Why <code>exp</code>?"),
                      OutlineEntry(level: 3, id: "stability", titleHTML: "Stability")],
            previous: chapters[0], next: chapters[2], checkSummary: "12 values · 3 claims < all"))
    }

    @Test func everyPageIsACompleteDocumentWithTheSiteFrame() {
        let pages = [
            PageTemplate.index(bookTitle: "Book", introHTML: "<p>Hi</p>", chapters: chapters),
            chapterPage(),
            PageTemplate.checks(bookTitle: "Book", chapters: chapters, rows: []),
        ]
        for page in pages {
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
            #expect(page.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            #expect(page.contains(#"<link rel="stylesheet" href="assets/katex/katex.min.css">"#))
            #expect(page.contains(#"<link rel="stylesheet" href="assets/site.css">"#))
            #expect(page.contains(#"href="index.html""#))
            #expect(page.contains(#"href="checks.html""#))
            // Two scripts, deferred files of the site (no inline script): the search box and the copy buttons
            // (progressive enhancement; the page reads the same without them).
            #expect(page.components(separatedBy: "<script").count == 3)
            #expect(page.contains(#"<script src="assets/search.js" defer></script>"#))
            #expect(page.contains(#"<script src="assets/site.js" defer></script>"#))
            #expect(!page.contains("search-box"), "the box itself is added by the script")
            #expect(page.hasSuffix("</html>\n"))
        }
    }

    @Test func indexListsTheChaptersInOrderWithEscapedTitles() {
        let page = PageTemplate.index(bookTitle: "A <Book>", introHTML: "<p>Intro</p>", chapters: chapters)
        #expect(page.contains("<title>A &lt;Book&gt;</title>"))
        #expect(page.contains("<h1>A &lt;Book&gt;</h1>"))
        #expect(page.contains("<p>Intro</p>"))
        #expect(page.contains(#"<li><a href="01-logits.html">Logits &amp; &lt;probabilities&gt;</a></li>"#))
        let first = page.range(of: "01-logits.html")!, last = page.range(of: "03-loss.html")!
        #expect(first.lowerBound < last.lowerBound)
    }

    @Test func chapterPageHasPagerOutlineSummaryAndBody() {
        let page = chapterPage()
        #expect(page.contains("<title>Softmax &lt;b&gt; – Softmax &amp; &quot;Cross-Entropy&quot;</title>"))
        #expect(page.contains(">Softmax &amp; &quot;Cross-Entropy&quot;</a>"))
        #expect(page.contains("<h1>Softmax <em>again</em></h1>"))
        #expect(page.contains("<p>Body <strong>here</strong>.</p>"))
        #expect(page.components(separatedBy: #"href="01-logits.html" rel="prev""#).count == 3)
        #expect(page.components(separatedBy: #"href="03-loss.html" rel="next""#).count == 3)
        #expect(page.contains("Logits &amp; &lt;probabilities&gt;</a>"))
        #expect(page.contains(##"<li class="outline-level-2"><a href="#why-exp">Why <code>exp</code>?</a></li>"##))
        #expect(page.contains(##"<li class="outline-level-3"><a href="#stability">Stability</a></li>"##))
        #expect(page.contains("12 values · 3 claims &lt; all"))
        #expect(page.contains("Chapter 2"))
    }

    /// Every chapter page lists all chapters, its own marked: a sidebar on wide screens, a closed list on phones.
    @Test func chapterPageListsEveryChapterWithItsOwnMarked() throws {
        let page = chapterPage()
        let list = """
            <ol>
            <li><a href="01-logits.html">Logits &amp; &lt;probabilities&gt;</a></li>
            <li><a href="02-softmax.html" aria-current="page">Softmax</a></li>
            <li><a href="03-loss.html">Cross-entropy</a></li>
            </ol>
            """
        #expect(page.contains("<div class=\"layout with-chapters with-outline\">\n<nav class=\"chapters chapters-sidebar\" aria-label=\"Chapters\">\n<p class=\"chapters-title\">Chapters</p>\n\(list)\n</nav>\n<main id=\"main\">"), "\(page)")
        #expect(page.contains("<details class=\"chapters chapters-compact\">\n<summary>Chapters</summary>\n\(list)\n</details>"))
        #expect(page.components(separatedBy: "aria-current=\"page\"").count == 3, "once in each list, not in the site header")
        let css = Stylesheet.css
        #expect(css.contains(".chapters-sidebar { display: none; }"), "phones: the compact list only")
        #expect(css.contains("  .chapters-compact { display: none; }\n  .chapters-sidebar {\n    display: block;"), "desktop: the sidebar only")
    }

    @Test func firstChapterHasNoPreviousLink() {
        let page = PageTemplate.chapter(bookTitle: "B", chapters: chapters, page: ChapterPageContent(
            number: 1, title: "One", titleHTML: "One", bodyHTML: "", outline: [],
            previous: nil, next: chapters[1], checkSummary: ""))
        #expect(!page.contains(#"rel="prev""#))
        #expect(page.contains(#"rel="next""#))
        #expect(!page.contains("outline"))
        #expect(!page.contains("check-summary"))
    }

    @Test func checksPageEscapesEveryCellAndMarksFailures() {
        let rows = [
            CheckRow(chapterTitle: "Loss", chapterHref: "03-loss.html", location: "chapters/03-loss.md:42", anchor: "claim-1",
                     kind: .claim, expression: #"loss(z, "a<b") & x"#, computed: "0.46437", expected: "0.462", passed: false),
            CheckRow(chapterTitle: "Loss", chapterHref: "03-loss.html", location: "chapters/03-loss.md:50", anchor: nil,
                     kind: .derivation, expression: "grad", computed: "agrees", expected: "200 draws", passed: true),
        ]
        let page = PageTemplate.checks(bookTitle: "Book", chapters: chapters, rows: rows)
        #expect(page.contains(#"<a href="03-loss.html#claim-1" title="Loss"><span class="path-part">chapters/</span><wbr><span class="path-part">03-loss.md:42</span></a>"#))
        #expect(page.contains(#"<a href="03-loss.html" title="Loss"><span class="path-part">chapters/</span><wbr><span class="path-part">03-loss.md:50</span></a>"#))
        #expect(page.contains("<code>loss(z, &quot;a&lt;b&quot;) &amp; x</code>"))
        #expect(page.contains(#"<tr class="fail">"#))
        #expect(page.contains(#"<tr class="pass">"#))
        #expect(page.contains("1 of 1 claim and 1 derivation failed"))
        #expect(page.contains(#"<td class="expected" data-label="Checked">200 draws</td>"#))
        #expect(page.contains(#"<td class="expected" data-label="Expected">0.462</td>"#))
    }
}
