import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Pandoc citations in author–year style: `[@key]` → (Bishop, 2006), a bare
/// `@key` → Bishop (2006), a reference list at the end of each citing chapter.
@Suite struct CitationTests {
    static let bibliography: Bibliography = {
        let text = """
            @book{bishop2006, author = {Bishop, Christopher M.}, title = {Pattern Recognition and Machine Learning}, publisher = {Springer}, year = 2006}
            @book{murphy2012, author = {Kevin P. Murphy}, title = {Machine Learning: A Probabilistic Perspective}, publisher = {MIT Press}, year = 2012}
            @inproceedings{vaswani2017, author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki}, title = {Attention Is All You Need}, booktitle = {NeurIPS}, year = 2017}
            @article{cover1991, author = {Cover, Thomas and Thomas, Joy}, title = {Elements}, journal = {J}, year = 1991}
            """
        return Bibliography((try? BibTeXReader.read(text, file: "refs.bib").get()) ?? [])
    }()

    static func render(_ markdown: String) -> (html: String, problems: [String]) {
        let document = ChapterParser.parse(ChapterSource(path: "ch.md", name: "ch", text: markdown))
        let html = ChapterTypesetter(
            document: document, run: nil, page: "ch.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: CrossReferences(), unsafe: false, bibliography: bibliography
        ).typeset().html
        let problems = document.diagnostics + Citations.problems([document], bibliography: bibliography)
        return (html, problems.map(\.description))
    }

    @Test func aBracketedCitationIsAuthorAndYearInParentheses() {
        let (html, problems) = Self.render("As shown [@bishop2006].\n")
        #expect(problems.isEmpty)
        #expect(html.contains(##"As shown (<a class="cite" href="#cite:bishop2006">Bishop, 2006</a>)."##))
    }

    @Test func locatorsSeveralWorksPrefixesAndSuppressedAuthors() {
        let (html, _) = Self.render("A [@bishop2006, p. 12]. B [see @murphy2012; @cover1991]. Bishop says [-@bishop2006].\n")
        #expect(html.contains(##"A (<a class="cite" href="#cite:bishop2006">Bishop, 2006</a>, p. 12)."##))
        #expect(html.contains(##"B (see <a class="cite" href="#cite:murphy2012">Murphy, 2012</a>; <a class="cite" href="#cite:cover1991">Cover and Thomas, 1991</a>)."##))
        #expect(html.contains(##"says (<a class="cite" href="#cite:bishop2006">2006</a>)."##))
    }

    @Test func aBareKeyIsAuthorThenYearAndThreeAuthorsAreEtAl() {
        let (html, _) = Self.render("@vaswani2017 introduced it, after @bishop2006.\n")
        #expect(html.contains(##"<a class="cite" href="#cite:vaswani2017">Vaswani et al. (2017)</a> introduced"##))
        #expect(html.contains(##"<a class="cite" href="#cite:bishop2006">Bishop (2006)</a>."##))
    }

    @Test func theReferenceListHoldsEachCitedWorkOnceSortedAndLinked() {
        let (html, _) = Self.render("[@murphy2012] and [@bishop2006] and @bishop2006.\n")
        #expect(html.contains(#"<section class="references" role="doc-bibliography" aria-label="References">"#))
        let bishop = try! #require(html.range(of: #"<li id="cite:bishop2006">Bishop, C. M. (2006). <em>Pattern Recognition and Machine Learning.</em> Springer.</li>"#))
        let murphy = try! #require(html.range(of: #"<li id="cite:murphy2012">"#))
        #expect(bishop.lowerBound < murphy.lowerBound)
        #expect(html.components(separatedBy: "<li id=\"cite:").count == 3)
        #expect(!html.contains("cover1991\">"))
    }

    @Test func aChapterThatCitesNothingHasNoReferenceList() {
        #expect(!Self.render("No citations, mail me at a@b.org or @nobody.\n").html.contains("references"))
    }

    @Test func anUnknownBracketedKeyIsAnErrorAtItsColumn() {
        let (html, problems) = Self.render("Intro.\n\nAs in [@bishop2006; @nobody99].\n")
        #expect(problems == ["ch.md:3:21: error: unknown citation key '@nobody99': no entry of the bibliography has this key"])
        #expect(html.contains("@nobody99?"))
    }

    @Test func aBareUnknownWordStaysText() {
        let (html, problems) = Self.render("Swift's @MainActor is an attribute.\n")
        #expect(problems.isEmpty)
        #expect(html == "<p>Swift’s @MainActor is an attribute.</p>\n")
    }

    @Test func aLinkWhoseTextHasAnAtIsNotACitation() {
        let (html, _) = Self.render("[@bishop2006](https://example.org)\n")
        #expect(html.hasPrefix(#"<p><a href="https://example.org">"#))
    }

    @Test func aBibliographyFileThatDoesNotParseIsAnErrorAtItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("refs.bib").path
        try "@book{ok, title = {T}}\n\n@book{bad,\n  title {x}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (bibliography, problems) = Bibliography.load([path], shown: { _ in "refs.bib" })
        #expect(bibliography.isEmpty)
        #expect(problems.map(\.description) == ["refs.bib:4:9: error: expected '=' after the field name 'title' in 'bad'"])
        let (_, missing) = Bibliography.load([folder.appendingPathComponent("none.bib").path], shown: { _ in "none.bib" })
        #expect(missing.first?.description.hasPrefix("none.bib:1:1: error: the bibliography 'none.bib' cannot be read") == true)
    }

    @Test func serveAndWatchRebuildWhenTheBibliographyChanges() {
        var options = BuildOptions()
        options.bibliography = ["/book/refs.bib"]
        #expect(WatchList.paths(options: options, packageRoot: nil).contains("/book/refs.bib"))
    }

    @Test func thePrintBookGathersTheChaptersListsIntoOne() {
        let one = Self.render("# One\n\n[@bishop2006] and [@murphy2012].\n").html
        let two = Self.render("# Two\n\n[@bishop2006] again.\n").html
        let page = PrintBook(bookTitle: "B", introHTML: "", chapters: [
            PrintBook.Chapter(number: 1, title: "One", titleHTML: "One", bodyHTML: one, href: "01-one.html"),
            PrintBook.Chapter(number: 2, title: "Two", titleHTML: "Two", bodyHTML: two, href: "02-two.html"),
        ]).page()
        #expect(page.components(separatedBy: #"<li id="cite:bishop2006">"#).count == 2, "one entry per work")
        #expect(page.components(separatedBy: "role=\"doc-bibliography\"").count == 2, "one list")
        #expect(page.components(separatedBy: ##"href="#cite:bishop2006""##).count == 3, "both chapters' citations lead to it")
        let bishop = page.range(of: #"<li id="cite:bishop2006">"#)!.lowerBound
        let murphy = page.range(of: #"<li id="cite:murphy2012">"#)!.lowerBound
        #expect(bishop < murphy)
    }
}
