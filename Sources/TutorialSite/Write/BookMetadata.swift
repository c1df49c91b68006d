import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// What book.toml's `[book]` and `[html]` tables say about every page: its
/// language, authors, description and the author's own stylesheets.
public struct BookMetadata: Sendable, Hashable {
    /// `<html lang>`: a BCP 47 tag.
    package var language = "en"
    /// Shown on the front page and in `<meta name="author">`.
    package var authors: [String] = []
    /// Shown on the front page and in `<meta name="description">`.
    public var description: String?
    /// Site paths of the extra stylesheets, linked after the built-in one.
    public var stylesheets: [String] = []

    /// The defaults: English, no authors, no description, no extra stylesheet.
    public init(language: String = "en", authors: [String] = [], description: String? = nil, stylesheets: [String] = []) {
        self.language = language
        self.authors = authors
        self.description = description
        self.stylesheets = stylesheets
    }

    /// The lines `<head>` gets after the built-in stylesheet: the meta tags, then the extra stylesheets.
    var headHTML: String {
        var lines: [String] = []
        if !authors.isEmpty { lines.append("<meta name=\"author\" content=\"\(HTML.escape(authors.joined(separator: ", ")))\">") }
        if let description { lines.append("<meta name=\"description\" content=\"\(HTML.escape(description))\">") }
        lines += stylesheets.map { "<link rel=\"stylesheet\" href=\"\(HTML.escape($0))\">" }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The front page's lines under the title: the authors, then the description.
    var frontMatterHTML: String {
        var html = ""
        if !authors.isEmpty { html += "<p class=\"book-authors\">\(HTML.escape(authors.joined(separator: ", ")))</p>\n" }
        if let description { html += "<p class=\"book-description\">\(HTML.escape(description))</p>\n" }
        return html
    }
}
