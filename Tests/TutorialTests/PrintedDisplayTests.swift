import Foundation
import Testing
@testable import Tutorial

/// A display wider than the page is printed whole: its terms wrap onto the
/// next line instead of running off the page's edge, where the PDF would
/// cut them (before, a sum of 39 terms lost every term after the 23rd).
@Suite(.timeLimit(.minutes(5))) struct PrintedDisplayTests {
    @Test(.enabled(if: ContentSecurityTests.printTools, "needs chromium and pdftotext"))
    func aLongDisplayIsNeverCutInThePDF() async throws {
        let terms = (1...38).map { "a_{\($0)}" }.joined(separator: " + ") + " + b_{99}"
        let directory = try RenderProcess.book(chapter: "01-long.md", """
            # Long

            <!-- unchecked: a sum too long for the page -->
            $$
            \(terms)
            $$

            """)
        let result = try await RenderProcess.run(["pdf", "--output", directory + "/book.pdf", "--site", directory + "/site"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let text = try await ChildProcess.run("/usr/bin/env", arguments: ["pdftotext", directory + "/book.pdf", "-"])
        let printed = text.standardOutput.filter { !$0.isWhitespace }
        #expect(printed.contains("a38"), "the display's last a-term is not in the PDF: \(text.standardOutput)")
        #expect(printed.contains("b99"), "the display's last term is not in the PDF: \(text.standardOutput)")
    }
}
