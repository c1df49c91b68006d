import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Every page carries a Content-Security-Policy that allows only the site's
/// own scripts and styles, and holds nothing inline it would have to allow;
/// `render pdf` prints over loopback HTTP, so a page cannot put a host file
/// into the PDF.
@Suite(.timeLimit(.minutes(4))) struct ContentSecurityTests {
    static let chapter = """
        # Secure

        ```swift
        let x = 1.5
        var d = Drawing(width: 100, height: 40)
        d.barChart(values: [1, 2], labels: ["a", "b"], frame: .init(x: 0, y: 0, width: 100, height: 40))
        figure("fig:bars", caption: "Bars.", alt: "Two bars", d)
        ```

        The value is \\(x), and $e^{x} = \\frac{1}{2}$.

        $$\\sum_j z_j$$

        | a | b |
        |---|---|
        | 1 | 2 |

        > [!SOLUTION]
        > Hidden.
        """

    @Test func everyPageCarriesThePolicyBeforeAnythingItLoads() async throws {
        let directory = try RenderProcess.book(chapter: "01-secure.md", Self.chapter)
        let result = try await RenderProcess.run(["--output", directory + "/site"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory + "/site").filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages == ["01-secure.html", "checks.html", "index.html", "print.html"])
        for page in pages {
            let html = try String(contentsOfFile: directory + "/site/" + page, encoding: .utf8)
            let meta = try #require(html.range(of: ContentSecurityPolicy.metaTag), "\(page) has no policy")
            #expect(html.components(separatedBy: "Content-Security-Policy").count == 2, "\(page): one policy")
            let firstLoad = ["<link", "<script"].compactMap { html.range(of: $0)?.lowerBound }.min()
            #expect(firstLoad.map { meta.upperBound < $0 } ?? true, "\(page): the policy must come before the first <link> or <script>")
            #expect(InlineCode.find(in: html).isEmpty, "\(page): \(InlineCode.find(in: html))")
        }
        #expect(try String(contentsOfFile: directory + "/site/01-secure.html", encoding: .utf8).contains("class=\"katex"))
    }

    @Test func thePolicyAllowsOnlyTheSitesOwnScriptsAndStyles() {
        let directives = Dictionary(uniqueKeysWithValues: ContentSecurityPolicy.policy.components(separatedBy: "; ").map { directive in
            let parts = directive.split(separator: " ", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        })
        #expect(directives["default-src"] == "'none'")
        #expect(directives["script-src"] == "'self'")
        #expect(directives["style-src"] == "'self'")
        #expect(directives["style-src-attr"] == "'unsafe-inline'", "KaTeX positions glyphs with style attributes")
        #expect(directives["frame-src"] == "'none'" && directives["object-src"] == "'none'")
        #expect(!ContentSecurityPolicy.policy.contains("file:") && !ContentSecurityPolicy.policy.contains("'unsafe-eval'"))
    }

    static let printTools = ChildProcess.find(["chromium", "chromium-browser", "google-chrome"], environment: ProcessInfo.processInfo.environment) != nil
        && ChildProcess.find(["pdftotext"], environment: ProcessInfo.processInfo.environment) != nil

    /// The raw HTML a forged record could once put in a page, kept here with
    /// `--unsafe`: an iframe, an object and an image of host files. None of
    /// them may reach the PDF's text.
    @Test(.enabled(if: printTools, "needs chromium and pdftotext"))
    func aPageCannotPrintAHostFileIntoThePDF() async throws {
        let host = try RenderProcess.temporaryDirectory("host-files")
        let token = "HOSTSECRET\(UUID().uuidString.prefix(8))"
        try "\(token) in a text file\n".write(toFile: host + "/secret.txt", atomically: true, encoding: .utf8)
        try "<html><body><p>\(token) in a page</p></body></html>".write(toFile: host + "/secret.html", atomically: true, encoding: .utf8)
        try """
            <svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="0" y="20">\(token) in an image</text></svg>
            """.write(toFile: host + "/secret.svg", atomically: true, encoding: .utf8)
        let directory = try RenderProcess.book(chapter: "01-printed.md", """
            # Printed

            Visible words of the chapter.

            <iframe src="file://\(host)/secret.txt" width="600" height="100"></iframe>
            <iframe src="file://\(host)/secret.html" width="600" height="100"></iframe>
            <object data="file://\(host)/secret.txt" width="600" height="100"></object>
            <embed src="file://\(host)/secret.html" width="600" height="100">
            <img src="file://\(host)/secret.svg" alt="">

            """)
        let result = try await RenderProcess.run(["pdf", "--unsafe", "--output", directory + "/book.pdf", "--site", directory + "/site"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let page = try String(contentsOfFile: directory + "/site/print.html", encoding: .utf8)
        #expect(page.contains("<iframe src=\"file://\(host)/secret.txt\""), "--unsafe kept the markup, so the print is what is tested")
        let text = try await ChildProcess.run("/usr/bin/env", arguments: ["pdftotext", directory + "/book.pdf", "-"])
        #expect(text.standardOutput.contains("Visible words of the chapter."), "\(text.standardOutput)")
        #expect(!text.standardOutput.contains(token), "a host file reached the PDF: \(text.standardOutput)")
    }
}

/// What a Content-Security-Policy without 'unsafe-inline' would block: an
/// inline `<script>` (one without `src`), a `<style>` element, and event
/// handler attributes (`onload=`).
enum InlineCode {
    static func find(in html: String) -> [String] {
        var found: [String] = []
        let lower = html.lowercased()
        var rest = lower[...]
        while let open = rest.range(of: "<script") {
            let tag = rest[open.lowerBound...].prefix { $0 != ">" }
            if !tag.contains(" src=") { found.append(String(tag)) }
            rest = rest[open.upperBound...]
        }
        if lower.contains("<style") { found.append("<style>") }
        if let handler = lower.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) { found.append(String(lower[handler])) }
        return found
    }
}
