import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The BibTeX reader on its own: entry types, both kinds of values,
/// `@string` and `#`, LaTeX accents in names, and errors at their line.
@Suite struct BibTeXReaderTests {
    static func entries(_ text: String) throws -> [BibEntry] {
        try BibTeXReader.read(text, file: "refs.bib").get()
    }

    static func problem(_ text: String) -> String? {
        if case .failure(let problem) = BibTeXReader.read(text, file: "refs.bib") { return problem.diagnostic.description }
        return nil
    }

    @Test func readsTheUsualTypesWithBracedAndQuotedValues() throws {
        let entries = try Self.entries("""
            Text before entries is ignored.
            @Book{bishop2006,
              author    = {Christopher M. Bishop},
              title     = {Pattern Recognition and {Machine Learning}},
              publisher = "Springer",
              year      = 2006
            }
            @article{shannon1948, author = "Shannon, Claude E.", title = {A Mathematical Theory of Communication},
              journal = {Bell System Technical Journal}, volume = 27, number = 3, pages = {379--423}, year = {1948}}
            @inproceedings(k, title = {T}, booktitle = {NeurIPS}, year = 2017)
            @misc{m, title = {M}}
            @online{o, title = {O}, url = {https://example.org}}
            @techreport{t, title = {R}, institution = {Bell Labs}, number = {42}}
            """)
        #expect(entries.map(\.key) == ["bishop2006", "shannon1948", "k", "m", "o", "t"])
        #expect(entries.map(\.type) == ["book", "article", "inproceedings", "misc", "online", "techreport"])
        #expect(entries[0].fields["title"] == "Pattern Recognition and Machine Learning")
        #expect(entries[0].fields["publisher"] == "Springer")
        #expect(entries[0].year == "2006")
        #expect(entries[0].authors == [BibEntry.Name(family: "Bishop", given: "Christopher M.")])
        #expect(entries[0].line == 2)
        #expect(entries[1].authors == [BibEntry.Name(family: "Shannon", given: "Claude E.")])
        #expect(entries[1].fields["pages"] == "379–423")
        #expect(entries[3].year == "n.d.")
    }

    @Test func stringMacrosConcatenationAndMonths() throws {
        let entries = try Self.entries("""
            @string{ jmlr = "Journal of Machine Learning Research" }
            @comment{ @article{ignored, title = {no}} }
            @article{a, journal = jmlr # { (JMLR)}, month = jan, title = {A}}
            """)
        #expect(entries.map(\.key) == ["a"])
        #expect(entries[0].fields["journal"] == "Journal of Machine Learning Research (JMLR)")
        #expect(entries[0].fields["month"] == "January")
    }

    @Test func latexAccentsAndLettersInNames() throws {
        let entries = try Self.entries(#"""
            @misc{e, author = {Erd{\H{o}}s, P{\'a}l and Kurt G\"odel and {\v S}ime{\v c}ek, Ji\v{r}{\'\i} and M{\o}ller, S{\o}ren and Stra{\ss}e, A. and Fran\c{c}ois de la Tour and Vincent van Gogh}, title = {Caf\'e \& bar}}
            """#)
        #expect(entries[0].authors.map(\.family) == ["Erdős", "Gödel", "Šimeček", "Møller", "Straße", "de la Tour", "van Gogh"])
        #expect(entries[0].authors[2].given == "Jiří")
        #expect(entries[0].fields["title"] == "Café & bar")
    }

    @Test func corporateAuthorsAndOthers() throws {
        let entries = try Self.entries("@misc{c, author = {{Barnes and Noble} and Smith, J. and others}}")
        #expect(entries[0].authors.map(\.family) == ["Barnes and Noble", "Smith"])
        #expect(entries[0].andOthers)
    }

    @Test func aProblemIsReportedAtItsOwnLineAndColumn() {
        #expect(Self.problem("@book{a,\n  title {T}\n}") == "refs.bib:2:9: error: expected '=' after the field name 'title' in 'a'")
        #expect(Self.problem("@book{a,\n  title = {T\n") == "refs.bib:2:11: error: this '{' is never closed")
        #expect(Self.problem("@book{a, journal = nosuch}").map { $0.hasPrefix("refs.bib:1:20: error: unknown @string macro 'nosuch'") } == true)
        #expect(Self.problem("@book{a, title = {T}\n@book{b, title = {U}}") == "refs.bib:2:1: error: expected '}' or ',' after a field of 'a'")
    }

    @Test func cslJSONReadsAsTheSameEntries() throws {
        let json = #"[{"id": "bishop2006", "type": "book", "title": "Pattern Recognition", "publisher": "Springer", "author": [{"family": "Bishop", "given": "Christopher M."}], "issued": {"date-parts": [[2006]]}}]"#
        let entries = try CSLJSONReader.read(Data(json.utf8), file: "refs.json").get()
        #expect(entries.map(\.key) == ["bishop2006"])
        #expect(entries[0].type == "book")
        #expect(entries[0].year == "2006")
        #expect(entries[0].authors == [BibEntry.Name(family: "Bishop", given: "Christopher M.")])
        if case .failure(let problem) = CSLJSONReader.read(Data("{not json".utf8), file: "refs.json") {
            #expect(problem.diagnostic.description.hasPrefix("refs.json:1:1: error: the CSL-JSON does not parse"))
        } else {
            Issue.record("bad JSON was read")
        }
    }
}
