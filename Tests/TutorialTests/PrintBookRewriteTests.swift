import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The print book's one-pass rewrite does exactly what its four regular expressions say.
@Suite struct PrintBookRewriteTests {
    static let ids = ["02-b.html": "chapter-02-b", "index.html": "chapter-index"]

    @Test(arguments: [
        #"<h2 id="intro">A</h2>"#,
        "<p\nid=\"x\">and\tid=\"y\" data-id=\"z\" id=\"\"</p>",
        ##"<a href="#intro">in</a> <a href="#">top</a> <a href="#open"##,
        #"<svg><rect fill="url(#grad)"/><path d="M0" clip-path="url(#c)"/></svg> url(#open"#,
        ##"<a href="02-b.html">b</a> <a href="02-b.html#sec">b</a> <a href="03-c.html#x">c</a>"##,
        ##"<a href="https://x.org/a.html">e</a> <a href="a.htmlx">f</a> <a href=".html">g</a> <a href="02-b.html#open"##,
        "no markup at all — é ∑",
    ])
    func theOnePassRewriteAgreesWithThePatterns(_ html: String) {
        #expect(PrintBook.rewrite(html, prefix: "p", chapterIDs: Self.ids)
                == PrintBook.rewriteWithPatterns(html, prefix: "p", chapterIDs: Self.ids))
    }

    @Test func itAgreesOnTheBooksOwnPages() throws {
        let output = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("output").path
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: output))?.filter { $0.hasSuffix(".html") } ?? []
        for page in pages.sorted() {
            let html = try String(contentsOfFile: output + "/" + page, encoding: .utf8)
            #expect(PrintBook.rewrite(html, prefix: "p", chapterIDs: Self.ids)
                    == PrintBook.rewriteWithPatterns(html, prefix: "p", chapterIDs: Self.ids), "\(page)")
        }
    }
}
