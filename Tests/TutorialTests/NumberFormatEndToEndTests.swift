import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// What readers see of a number, through the built `render`: book.toml's
/// `[format]` for a plain `\(x)`, in prose and in math, and a true minus sign.
@Suite(.timeLimit(.minutes(5))) struct NumberFormatEndToEndTests {
    static let chapter = """
        # Numbers

        ```swift
        let x = 0.1 + 0.2
        let y = -0.5
        let n = -3
        ```

        Sum \\(x), negative \\(y) and \\(n), in math $s = \\(x)$, asked for \\(x, significant: 17), cell \\(format(y, decimals: 2)).
        """

    func page(toml: String?) async throws -> String {
        let directory = try RenderProcess.book(chapter: "01-numbers.md", Self.chapter)
        if let toml { try toml.write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8) }
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        return try String(contentsOfFile: directory + "/output/01-numbers.html", encoding: .utf8)
    }

    @Test func aBookWideSignificantRoundsPlainDoublesInProseAndMath() async throws {
        let html = try await page(toml: "[format]\nsignificant = 6\n")
        #expect(html.contains(#"Sum <span class="value" title="x">0.3</span>"#), "\(html)")
        #expect(html.contains(#"negative <span class="value" title="y">−0.5</span> and <span class="value" title="n">−3</span>"#))
        #expect(html.contains("<mn>0.3</mn>"), "the value in math is rounded too")
        #expect(html.contains(#"asked for <span class="value" title="x">0.30000000000000004</span>"#), "a format of its own wins")
        #expect(html.contains(#"cell <span class="value" title="format(y, decimals: 2)">−0.50</span>"#))
    }

    @Test func withoutFormatAPlainDoubleKeepsSwiftsShortestForm() async throws {
        let html = try await page(toml: nil)
        #expect(html.contains(#"Sum <span class="value" title="x">0.30000000000000004</span>"#), "\(html)")
        #expect(html.contains("<mn>0.30000000000000004</mn>"))
    }
}
