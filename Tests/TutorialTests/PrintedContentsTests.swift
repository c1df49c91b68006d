import Foundation
import Testing
@testable import Tutorial

/// The PDF's contents list the page each chapter starts on.
@Suite(.timeLimit(.minutes(5))) struct PrintedContentsTests {
    @Test func aChapterStartsOnThePageWhoseFirstLineNamesIt() {
        let text = "Title\n\u{0C}Contents\n1 A\n2 B\n\u{0C}CHAPTER 1\n\nA\n\u{0C}more of A\n\u{0C}  CHAPTER 2\nB\n\u{0C}"
        #expect(ContentsPages.starts(pagesText: text) == ["1": 3, "2": 5])
    }

    @Test func eachContentsEntryGetsItsPage() {
        let html = ##"<li><a href="#c-a"><span class="print-toc-number">1</span> A</a></li>"##
            + "\n" + ##"<li><a href="#c-b"><span class="print-toc-number">2</span> B</a></li>"##
        #expect(ContentsPages.numbered(html, pages: ["1": 3, "2": 5])
            == ##"<li><a href="#c-a"><span class="print-toc-number">1</span> A<span class="print-toc-page">3</span></a></li>"##
            + "\n" + ##"<li><a href="#c-b"><span class="print-toc-number">2</span> B<span class="print-toc-page">5</span></a></li>"##)
    }

    /// A first chapter of three pages or so: the second starts well after the contents.
    @Test(.enabled(if: ContentSecurityTests.printTools, "needs chromium and pdftotext"))
    func thePrintedContentsNameTheRightPages() async throws {
        let long = (1...120).map { "Paragraph \($0) of the first chapter, long enough to fill its line." }.joined(separator: "\n\n")
        let directory = try RenderProcess.book(chapter: "01-first.md", "# First\n\n\(long)\n")
        try "# Second\n\nThe second chapter.\n".write(toFile: directory + "/chapters/02-second.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["pdf", "--output", directory + "/book.pdf", "--site", directory + "/site"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let text = try await ChildProcess.run("/usr/bin/env", arguments: ["pdftotext", "-layout", directory + "/book.pdf", "-"])
        let pages = text.standardOutput.components(separatedBy: "\u{0C}")
        let second = try #require(pages.firstIndex { $0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().hasPrefix("CHAPTER 2") }) + 1
        #expect(second > 4, "the first chapter should take several pages")
        let contents = try #require(pages.first { $0.contains("Contents") && $0.contains("Second") })
        let line = try #require(contents.split(separator: "\n").first { $0.contains("Second") })
        #expect(line.split(separator: " ").last.map(String.init) == String(second), "contents line: \(line)")
    }
}
