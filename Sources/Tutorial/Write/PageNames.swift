import Foundation

/// The page each chapter becomes, and page names as link targets.
enum PageNames {
    /// `README.md` is the front page, `index.html`; any other chapter `NAME.md` is `NAME.html`.
    static func page(for document: ChapterDocument) -> String {
        document.name == "README" ? "index.html" : document.name + ".html"
    }

    /// A page name as a link target (percent-encoded: `a b.html` → `a%20b.html`).
    static func href(_ page: String) -> String {
        page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#;:"))) ?? page
    }

    /// Chapter names the site needs for itself, or that cannot be a page name.
    static func problem(with name: String) -> String? {
        if ["index", "checks"].contains(name.lowercased()) {
            return "a chapter cannot be named '\(name).md': the book's \(name.lowercased() == "index" ? "front page" : "Checks page") is \(name.lowercased()).html\(name.lowercased() == "index" ? " (put the front page in README.md)" : "; rename the chapter")"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "/" }) {
            return "the chapter's file name contains control characters"
        }
        return nil
    }
}
