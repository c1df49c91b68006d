import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The fixture book `markdown-book`: two chapters and a front page that link
/// to each other, an image, a table with claims, callouts, an exercise with
/// its solution. Its pages are golden files; the facts that matter are also
/// checked on their own.
@Suite(.timeLimit(.minutes(5))) struct MarkdownBookTests {
    static let directory = RenderProcess.fixtures + "/markdown-book"

    static func article(_ page: String) -> String {
        String(page[page.range(of: "<article")!.lowerBound..<page.range(of: "</article>")!.upperBound]) + "\n"
    }

    /// Renders the book into a fresh folder; returns the folder.
    static func render(_ arguments: [String] = []) async throws -> (String, RenderProcess.Result) {
        let output = try RenderProcess.temporaryDirectory("markdown-book")
        let cache = try RenderProcess.temporaryDirectory("markdown-book-cache")
        let result = try await RenderProcess.run(["--output", output, "--cache", cache] + arguments, in: directory)
        return (output, result)
    }

    @Test func theBookRendersItsLinksImagesTablesAndCallouts() async throws {
        let (output, result) = try await Self.render()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        for page in ["01-losses", "02-exercises"] {
            let html = try String(contentsOfFile: "\(output)/\(page).html", encoding: .utf8)
            let problem = Golden.check(Self.article(html), against: "\(Self.directory)/expected/\(page).html")
            #expect(problem == nil, "\(problem ?? "")")
        }
        let losses = try String(contentsOfFile: output + "/01-losses.html", encoding: .utf8)
        #expect(losses.contains(#"<a href="02-exercises.html#exercises">the exercises</a>"#))
        #expect(losses.contains(#"<img src="files/chapters/figures/curve.svg" alt="The loss falls as the probability rises""#))
        #expect(losses.contains(#"<td class="align-center"><span class="claim" id="check-15-55" title="checked: losses[1] = 0.4620354595965587">0.462</span></td>"#))
        #expect(losses.contains("<td class=\"align-center\">---</td>"), "a lone --- in a cell is text, not a dash")
        let exercises = try String(contentsOfFile: output + "/02-exercises.html", encoding: .utf8)
        #expect(exercises.contains("<details class=\"callout callout-solution\">\n<summary>Solution</summary>"))
        #expect(exercises.contains(#"<a href="01-losses.html#the-table">the table</a>"#))
        let index = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(index.contains(#"<a href="01-losses.html">losses in a table</a>"#))
        #expect(losses.contains(#"<figure class="table" id="tbl:losses"><figcaption><span class="figure-label">Table 1:</span> The loss of each probability, mean 0.726</figcaption>"#))
        #expect(losses.contains(##"<a class="ref" href="#eq:loss">Equation (1)</a>, <a class="ref" href="#tbl:losses">Table 1</a>, <a class="ref" href="02-exercises.html#eq:slope">Equation (2)</a>"##))
        #expect(losses.contains("<td class=\"align-right\">0.462</td>"), "a computed column is right-aligned and formatted as \\(x, decimals: 3)")
        let copied = FileManager.default.contents(atPath: output + "/files/chapters/figures/curve.svg")
        #expect(copied == FileManager.default.contents(atPath: Self.directory + "/chapters/figures/curve.svg"))
    }

    @Test func perChapterNumberingNumbersEquationsAndTablesWithinEachChapter() async throws {
        let (output, result) = try await Self.render(["--numbering", "chapter"])
        #expect(result.status == 0, "\(result.standardError)")
        let losses = try String(contentsOfFile: output + "/01-losses.html", encoding: .utf8)
        #expect(losses.contains(#"<span class="figure-label">Table 1.1:</span>"#))
        #expect(losses.contains(#"<span class="eq-number">(1.1)</span>"#))
        #expect(losses.contains(##"<a class="ref" href="#eq:loss">Equation (1.1)</a>, <a class="ref" href="#tbl:losses">Table 1.1</a>, <a class="ref" href="02-exercises.html#eq:slope">Equation (2.1)</a>"##))
        let exercises = try String(contentsOfFile: output + "/02-exercises.html", encoding: .utf8)
        // The front page is not a chapter: the second chapter is chapter 2.
        #expect(exercises.contains(#"<span class="eq-number">(2.1)</span>"#))
        #expect(!exercises.contains("(3.1)"))
    }

    @Test func bookTomlNumberingChapterNumbersPerChapter() async throws {
        let directory = try RenderProcess.temporaryDirectory("markdown-book-toml")
        try FileManager.default.copyItem(atPath: Self.directory + "/chapters", toPath: directory + "/chapters")
        try "[html]\nnumbering = \"chapter\"\n".write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["--output", directory + "/site"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let losses = try String(contentsOfFile: directory + "/site/01-losses.html", encoding: .utf8)
        #expect(losses.contains(#"<span class="figure-label">Table 1.1:</span>"#))
        // The command line overrides the file.
        let book = try await RenderProcess.run(["--output", directory + "/site", "--numbering", "book"], in: directory)
        #expect(book.status == 0, "\(book.standardError)")
        let again = try String(contentsOfFile: directory + "/site/01-losses.html", encoding: .utf8)
        #expect(again.contains(#"<span class="figure-label">Table 1:</span>"#))
    }

    /// Which cells make a column numeric, and so right-aligned.
    @Test func aCellIsANumberAsSwiftReadsOneWithSpacesAndTheMinusSign() {
        for cell in ["-0.462", "3.86e-22", "1200", " 7 ", "\t0.5", "nan", "inf", "−0.25", "\u{A0}12"] {
            #expect(ChapterTypesetter.isNumber(cell), "\(cell)")
        }
        for cell in ["", "  ", "1,200", "0.5 s", "x", "−", "1 2"] {
            #expect(!ChapterTypesetter.isNumber(cell), "\(cell)")
        }
    }
}
