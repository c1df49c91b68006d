import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The sample book `examples/extensions`, which uses every Markdown
/// extension, built by the `render` executable as a user would; and a
/// book whose citation key and footnote are missing, reported at their lines.
@Suite(.timeLimit(.minutes(5))) struct ExtensionsBookTests {
    static let directory = RenderProcess.repositoryRoot + "/examples/extensions"

    @Test func theSampleBookRendersEveryExtension() async throws {
        let output = try RenderProcess.temporaryDirectory("extensions")
        let cache = try RenderProcess.temporaryDirectory("extensions-cache")
        let result = try await RenderProcess.run(["--output", output, "--cache", cache], in: Self.directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        let page = try String(contentsOfFile: output + "/01-extensions.html", encoding: .utf8)
        for expected in [
            ##"(<a class="cite" href="#cite:shannon1948">Shannon, 1948</a>)"##,
            ##"<sup class="footnote-ref"><a href="#fn:1" id="fnref:1" role="doc-noteref">1</a></sup>"##,
            #"<figure class="figure image-figure" id="fig:surprise"><img src="files/chapters/figures/curve.svg""#,
            ##"<a class="ref" href="#fig:surprise">Figure 1.1</a>"##,
            ##"<a class="ref" href="#thm:gibbs">Theorem 1.1</a>"##,
            ##"<a class="ref" href="#sec:gibbs">Section 1.2</a>"##,
            #"<span class="qed" role="img" aria-label="end of proof">∎</span>"#,
            #"<li class="task"><input type="checkbox" checked="" disabled="" /> define surprise</li>"#,
            "<del>prove it from scratch</del>",
            #"<a href="http://www.commonmark.org">www.commonmark.org</a>"#,
            #"<li id="cite:shannon1948">Shannon, C. E. (1948)."#,
        ] {
            #expect(page.contains(expected), "missing: \(expected)")
        }
        let print = try String(contentsOfFile: output + "/print.html", encoding: .utf8)
        #expect(print.contains(#"role="doc-endnotes""#) && print.contains(#"role="doc-bibliography""#))
        #expect(print.contains(##"href="#ch-01-extensions-fn:1""##), "notes link within the chapter's section of the print book")
        #expect(print.contains(##"href="#cite:shannon1948""##) && print.contains(#"<li id="cite:shannon1948">"#), "citations link to the book's one list")
        #expect(!print.contains("-cite:"))
    }

    @Test func anUnknownCitationKeyAndAnUndefinedFootnoteAreReportedAtTheirLines() async throws {
        let directory = try RenderProcess.book(chapter: "01-a.md", "# A\n\nAs shown [@nobody2020].\n\nA note[^gone].\n")
        try "@book{real, title = {R}, year = 2000}\n".write(toFile: directory + "/refs.bib", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(
            ["--output", directory + "/site", "--no-cache", "--bibliography", directory + "/refs.bib"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-a.md:3:11: error: unknown citation key '@nobody2020': no entry of the bibliography has this key"),
                "\(result.standardError)")
        #expect(result.standardError.contains("chapters/01-a.md:5:7: error: the footnote '[^gone]' has no definition"), "\(result.standardError)")
    }
}
