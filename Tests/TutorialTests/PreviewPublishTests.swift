import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The Checks page's display rules, the printable book's id rewriting and the search sections.
@Suite struct CheckDisplayTests {
    @Test func aClaimShowsTwoDigitsMoreThanItsLiteral() {
        #expect(CheckDisplay.claimValue(computed: "0.46243999999999997", literal: "0.462") == "0.46244")
        #expect(CheckDisplay.claimValue(computed: "2.3025850929940459", literal: "2.30") == "2.3026")
        #expect(CheckDisplay.claimValue(computed: "1.5", literal: "1.5") == "1.5", "already short")
        #expect(CheckDisplay.claimValue(computed: "42", literal: "42") == "42", "integers stay")
        #expect(CheckDisplay.claimValue(computed: "(0.1, 0.2)", literal: "0.1") == "(0.1, 0.2)")
        #expect(CheckDisplay.significantDigits("0.0012") == 2)
        #expect(CheckDisplay.significantDigits("1.50") == 3)
        #expect(CheckDisplay.significantDigits("-3e-9") == 1)
    }

    @Test func aDerivationRowSaysWhatWasChecked() {
        let derivation = Derivation(
            index: 0, codeBlockIndex: 0, fenceLine: 10, forLine: 11,
            variables: [.init(name: "z", generator: "logits(count: 2...8)")],
            steps: [
                .init(line: 12, column: 1, tex: "f(z)", relation: .first, source: .twin("f(z)", reason: "no reader for f")),
                .init(line: 13, column: 1, tex: "g(z)", relation: .equal, source: .twin("g(z)", reason: "no reader for g")),
            ],
            tolerance: 1e-9, draws: 200, label: nil)
        #expect(CheckDisplay.derivationChecked(derivation)
            == "2 steps equal to within 10⁻⁹ on 200 draws of z ∈ logits(count: 2...8); 0 of 2 read from the TeX, the rest by their Swift twins")
        var record = CheckRecord(chapter: "c.md", line: 10, kind: .derivation, expression: "f(z) = g(z)", computed: "200 draws", expected: "200 draws", passed: true, anchor: "x")
        record.draws = 200
        #expect(CheckDisplay.derivationOutcome(record, derivation: derivation) == "all 200 draws agree")
        var short = record
        short.draws = 37                // the count is a field: the prose in `computed` is not read back
        short.passed = false
        #expect(CheckDisplay.derivationOutcome(short, derivation: derivation) == "stopped after 37 of 200 draws")
        var worked = derivation
        worked.variables = []
        #expect(CheckDisplay.derivationChecked(worked).contains("on the chapter's values"))
        #expect(CheckDisplay.derivationOutcome(record, derivation: worked) == "the steps agree")
    }

    @Test func pathsWrapOnlyAfterASlashAndShortValuesKeepTheFullOneOnHover() {
        #expect(PageTemplate.pathHTML("chapters/01-overview.md:50")
            == #"<span class="path-part">chapters/</span><wbr><span class="path-part">01-overview.md:50</span>"#)
        let row = CheckRow(chapterTitle: "T", chapterHref: "t.html", location: "c.md:1", anchor: nil, kind: .claim,
                           expression: "x", computed: "0.46244", computedFull: "0.46243999999999997", expected: "0.462", passed: true)
        #expect(PageTemplate.computedHTML(row) == #"<span title="0.46243999999999997">0.46244</span>"#)
    }
}

@Suite struct PrintBookTests {
    @Test func idsArePrefixedPerChapterAndLinksBetweenChaptersStayOnThePage() {
        let html = ##"<h2 id="the-loss">L</h2><a href="#the-loss">here</a><a href="02-b.html#eq-1">(1)</a><a href="02-b.html">B</a><svg><clipPath id="c1"/><rect clip-path="url(#c1)"/></svg><a href="https://x.org/a.html">x</a>"##
        let out = PrintBook.rewrite(html, prefix: "ch-01-a", chapterIDs: ["01-a.html": "ch-01-a", "02-b.html": "ch-02-b"])
        #expect(out.contains(#"<h2 id="ch-01-a-the-loss">"#))
        #expect(out.contains(##"href="#ch-01-a-the-loss""##))
        #expect(out.contains(##"href="#ch-02-b-eq-1""##))
        #expect(out.contains(##"href="#ch-02-b">B"##))
        #expect(out.contains(#"id="ch-01-a-c1""#) && out.contains("url(#ch-01-a-c1)"))
        #expect(out.contains(#"href="https://x.org/a.html""#), "external links are left alone")
    }

    @Test func thePrintPageHasTheWholeBookAndNoNavigation() {
        let book = PrintBook(bookTitle: "Book", introHTML: "<p>Intro</p>", chapters: [
            .init(number: 1, title: "One", titleHTML: "One", bodyHTML: "<p>first</p>", href: "01-one.html"),
            .init(number: 2, title: "Two", titleHTML: "Two", bodyHTML: "<p>second</p>", href: "02-two.html"),
        ])
        let page = book.page()
        #expect(page.contains(#"<h1 class="print-title">Book</h1>"#))
        #expect(page.contains(##"<a href="#ch-01-one">"##) && page.contains(#"id="ch-02-two""#))
        #expect(page.range(of: "first")!.lowerBound < page.range(of: "second")!.lowerBound)
        #expect(!page.contains("site-header") && !page.contains("pager") && !page.contains("search.js"))
    }
}

@Suite struct SearchSectionsTests {
    @Test func sectionsAreCutAtHeadingsWithoutCodeOrFigures() {
        let html = """
            <h1 id="t">Title</h1>
            <p>Intro &amp; more.</p>
            <h2 id="the-gradient">The <em>gradient</em></h2>
            <p>The gradient is q − y.</p>
            <pre><code>let secretCode = 1</code></pre>
            <figure><svg><text>axis</text></svg><figcaption>A plot</figcaption></figure>
            <h3 id="sub">Sub</h3><p>Tail</p>
            """
        let docs = SearchSections.documents(html: html, page: "06-d.html", chapterTitle: "Derivative")
        #expect(docs.map(\.url) == ["06-d.html", "06-d.html#the-gradient", "06-d.html#sub"])
        #expect(docs[0].text == "Intro & more.")
        #expect(docs[1].title == "The gradient")
        #expect(docs[1].text.contains("q − y") && docs[1].text.contains("A plot"))
        #expect(!docs[1].text.contains("secretCode") && !docs[1].text.contains("axis"))
        #expect(docs.allSatisfy { $0.chapter == "Derivative" })
    }

    @Test func textOutsideASCIIAndEntitiesReadBackAsWritten() {
        let html = #"<p>café &amp;amp; crème, x &lt; y &gt; z, &quot;q&quot; &#39;s&#39;, AT&T &copy; β</p><h2 id="é">Sé&amp;ction <code>&lt;T&gt;</code></h2><p>z&nbsp;→ q</p>"#
        let docs = SearchSections.documents(html: html, page: "p.html", chapterTitle: "C")
        #expect(docs.map(\.text) == [#"café &amp; crème, x < y > z, "q" 's', AT&T &copy; β"#, "z → q"])
        #expect(docs.map(\.title) == ["C", "Sé&ction <T>"])
        #expect(docs.map(\.url) == ["p.html", "p.html#é"])
    }

    /// KaTeX's markup (MathML and nested glyph spans) never reaches the
    /// index: a formula in a sentence reads "…", a display formula nothing.
    @Test func mathIsAnEllipsisInASentenceAndNothingOnItsOwnLine() {
        let inline = #"<span class="katex"><span class="katex-mathml"><math><mi>z</mi></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord mathnormal">z</span></span></span></span>"#
        let display = #"<div class="equation"><span class="katex-display"><span class="katex"><span class="katex-mathml"><math><mi>q</mi></math></span><span class="katex-html"><span class="mord">q</span></span></span></span></div>"#
        let html = #"<h2 id="the-softmax-of-z">The softmax of \#(inline)</h2><p>The logits \#(inline), then</p>\#(display)<p>after.</p>"#
        let docs = SearchSections.documents(html: html, page: "p.html", chapterTitle: "C")
        #expect(docs.map(\.title) == ["C", "The softmax of …"])
        #expect(docs.last?.url == "p.html#the-softmax-of-z")
        #expect(docs.last?.text == "The logits …, then after.")
    }

    /// A program's huge table gives the index no more than the section limit,
    /// cut at a word, while the next section is indexed whole.
    @Test func aSectionGivesTheIndexAtMostItsLimit() {
        let rows = (0..<40_000).map { "<tr><td>row\($0)</td><td>é\($0)</td></tr>" }.joined(separator: "\n")
        let html = "<p>Intro</p><table>\(rows)</table><h2 id=\"next\">Next</h2><p>after the table</p>"
        let docs = SearchSections.documents(html: html, page: "p.html", chapterTitle: "C")
        #expect(docs.count == 2)
        #expect(docs[0].text.utf8.count <= SearchSections.sectionLimit)
        #expect(docs[0].text.utf8.count > SearchSections.sectionLimit / 2)
        #expect(docs[0].text.hasPrefix("Intro row0 é0"))
        #expect(!docs[0].text.contains("\u{FFFD}"))
        #expect(!docs[0].text.contains("row39999"))
        #expect(docs[1].text == "after the table")
    }

    @Test func anUnclosedTagLosesOnlyItself() {
        let open = SearchSections.documents(html: "<p>kept <b", page: "p.html", chapterTitle: "C")
        #expect(open.map(\.text) == ["kept"])
    }
}

/// `render pdf` without Chromium is a set-up problem that says how to install it.
@Suite struct PDFCommandTests {
    @Test func withoutChromiumItExits2WithTheInstallCommand() async throws {
        let directory = try RenderProcess.temporaryDirectory("pdf")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try "# A\n\nText.\n".write(toFile: directory + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["pdf"], in: directory, environment: ["RENDER_CHROMIUM": directory + "/no-chromium"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("apt-get install chromium"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/output/book.pdf"))
    }

    /// A stand-in for Chromium that "prints" by writing the page's URL to
    /// the `--print-to-pdf=` file, so these tests need no browser.
    static func fakeChromium(in directory: String) throws -> String {
        let path = directory + "/fake-chromium"
        let script = """
            #!/bin/sh
            for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; http://*|file://*) page="$a";; esac; done
            printf '%%PDF-fake %s' "$page" > "$out"

            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// `make test` runs render pdf, then render again: the PDF is part of
    /// the published site, so the next render replaces it instead of
    /// refusing a folder with a file it did not write.
    @Test func thePDFIsPublishedWithTheSiteAndTheNextRenderReplacesIt() async throws {
        let directory = try RenderProcess.temporaryDirectory("pdf-site")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try "# A\n\nText.\n".write(toFile: directory + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let chromium = try Self.fakeChromium(in: directory)
        let printed = try await RenderProcess.run(["pdf"], in: directory, environment: ["RENDER_CHROMIUM": chromium])
        #expect(printed.status == 0, "\(printed.standardError)")
        let pdf = try String(contentsOfFile: directory + "/output/book.pdf", encoding: .utf8)
        #expect(pdf.hasPrefix("%PDF-fake http://127.0.0.1:") && pdf.hasSuffix("/print.html"), "printed over loopback HTTP, never file://: \(pdf)")
        let manifest = try String(contentsOfFile: directory + "/output/.render-manifest", encoding: .utf8)
        #expect(manifest.contains("  book.pdf\n"))

        let again = try await RenderProcess.run([], in: directory)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/output/book.pdf"))
    }

    /// The instructor's edition: `--solutions` prints them open; a plain render pdf, and the next render, leave them out.
    @Test func solutionsArePrintedOnlyWhenAskedFor() async throws {
        let directory = try RenderProcess.temporaryDirectory("pdf-solutions")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try "# A\n\n> [!EXERCISE]\n> Add 1 and 1.\n\n> [!SOLUTION]\n> It is 2.\n".write(toFile: directory + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let chromium = try Self.fakeChromium(in: directory)
        func printPage() throws -> String { try String(contentsOfFile: directory + "/output/print.html", encoding: .utf8) }

        let instructor = try await RenderProcess.run(["pdf", "--solutions"], in: directory, environment: ["RENDER_CHROMIUM": chromium])
        #expect(instructor.status == 0, "\(instructor.standardError)")
        #expect(try printPage().contains(#"<details class="callout callout-solution" open>"#) && printPage().contains("It is 2."))
        #expect(try printPage().contains("This edition prints the solutions to the exercises."))

        let student = try await RenderProcess.run(["pdf"], in: directory, environment: ["RENDER_CHROMIUM": chromium])
        #expect(student.status == 0, "\(student.standardError)")
        #expect(try !printPage().contains("It is 2.") && printPage().contains("Add 1 and 1."))
        #expect(try printPage().contains("This edition leaves out the solutions to the exercises."))
        let chapter = try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8)
        #expect(chapter.contains("<details class=\"callout callout-solution\">") && chapter.contains("It is 2."), "the site's page keeps its collapsed solution")
    }

    @Test func outputNamesThePDFAndSiteTheFolder() async throws {
        let directory = try RenderProcess.temporaryDirectory("pdf-file")
        try FileManager.default.createDirectory(atPath: directory + "/notes", withIntermediateDirectories: true)
        try "# A\n\nText.\n".write(toFile: directory + "/notes/01-a.md", atomically: true, encoding: .utf8)
        let chromium = try Self.fakeChromium(in: directory)
        let result = try await RenderProcess.run(["pdf", "--chapters", "notes", "--site", "web", "--output", "a.pdf"],
                                                 in: directory, environment: ["RENDER_CHROMIUM": chromium])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try String(contentsOfFile: directory + "/a.pdf", encoding: .utf8).hasSuffix("/print.html"))
        #expect(FileManager.default.fileExists(atPath: directory + "/web/index.html"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/web/book.pdf"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/output"))
    }
}
