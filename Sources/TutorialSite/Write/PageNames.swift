import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The page each chapter becomes, and page names as link targets.
package enum PageNames {
    /// `README.md` is the front page, `index.html`; any other chapter `NAME.md` is `NAME.html`.
    package static func page(for document: ChapterDocument) -> String {
        document.isFrontPage ? "index.html" : document.name + ".html"
    }

    /// A page name as a link target (percent-encoded: `a b.html` → `a%20b.html`).
    package static func href(_ page: String) -> String {
        page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#;:"))) ?? page
    }

    /// The pages render writes for itself, each with what it is: a chapter
    /// named like one would be replaced by it.
    static let generated: [String: String] = [
        "index": "the book's front page is index.html",
        "checks": "the book's Checks page is checks.html",
        "print": "the book's print page (the whole book, which render pdf prints) is print.html",
        "search": "search.html is kept for the book's search",
    ]

    /// Chapter names the site needs for itself, or that cannot be a page name.
    package static func problem(with name: String) -> String? {
        if let page = generated[name.lowercased()] {
            let fix = name.lowercased() == "index" ? "put the front page in README.md" : "rename the chapter"
            return "a chapter cannot be named '\(name).md': \(page) (\(fix))"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "/" }) {
            return "the chapter's file name contains control characters"
        }
        return nil
    }
}
