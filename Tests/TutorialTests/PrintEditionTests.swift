import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// print.html, which `render pdf` prints: a title page with the authors and
/// the description, and the solutions left out unless asked for (`--solutions`).
@Suite struct PrintEditionTests {
    static let exercise = """
        <div class="callout callout-exercise">
        <p class="callout-title">Exercise</p>
        <p>Compute it.</p>
        </div>
        <details class="callout callout-solution">
        <summary>Solution</summary>
        <p>It is 0.4644.</p>
        <details><summary>More</summary><p>Nested.</p></details>
        </details>
        <p>After.</p>
        """

    func page(solutions: Bool, body: String = exercise) -> String {
        PrintBook(
            bookTitle: "Notes", introHTML: "",
            chapters: [.init(number: 1, title: "Loss", titleHTML: "Loss", bodyHTML: body, href: "01-loss.html")],
            book: BookMetadata(authors: ["Ada Lovelace", "Alan Turing"], description: "Cross-entropy, checked."),
            solutions: solutions
        ).page()
    }

    @Test func theTitlePageShowsTheAuthorsAndTheDescription() {
        let html = page(solutions: false)
        #expect(html.contains(#"<h1 class="print-title">Notes</h1>"# + "\n" + #"<p class="print-authors">Ada Lovelace, Alan Turing</p>"# + "\n"
            + #"<p class="print-description">Cross-entropy, checked.</p>"#), "\(html)")
    }

    @Test func byDefaultTheSolutionsAreLeftOutAndTheTitlePageSaysSo() {
        let html = page(solutions: false)
        #expect(html.contains("This edition leaves out the solutions to the exercises."))
        #expect(!html.contains("0.4644") && !html.contains("Nested.") && !html.contains("callout-solution"), "\(html)")
        #expect(html.contains("Compute it.") && html.contains("<p>After.</p>"), "the exercise and what follows stay")
    }

    @Test func withSolutionsTheyArePrintedOpen() {
        let html = page(solutions: true)
        #expect(html.contains("This edition prints the solutions to the exercises."))
        #expect(html.contains(#"<details class="callout callout-solution" open>"#) && html.contains("0.4644") && html.contains("Nested."))
    }

    @Test func aBookWithoutSolutionsSaysNothingAboutThem() {
        #expect(!page(solutions: false, body: "<p>Plain.</p>").contains("solutions"))
    }
}
