import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Everything a chapter page shows besides the site's frame.
struct ChapterPageContent: Sendable {
    /// The chapter's number, from 1.
    public var number: Int
    /// The title as plain text, for `<title>` and the table of contents.
    public var title: String
    /// The title as inline HTML, for the page's `<h1>`.
    var titleHTML: String
    /// The chapter body, already rendered (cmark plus the engine's insertions).
    var bodyHTML: String
    /// The chapter's headings, for the in-page outline.
    package var outline: [OutlineEntry]
    /// The chapter before this one, if any.
    var previous: TOCEntry?
    /// The chapter after this one, if any.
    public var next: TOCEntry?
    /// What was checked, as plain text, e.g. "12 values · 3 claims · 1 derivation checked"; empty for none.
    var checkSummary: String

    /// Creates the content of a chapter page.
    public init(
        number: Int, title: String, titleHTML: String, bodyHTML: String, outline: [OutlineEntry],
        previous: TOCEntry?, next: TOCEntry?, checkSummary: String
    ) {
        self.number = number
        self.title = title
        self.titleHTML = titleHTML
        self.bodyHTML = bodyHTML
        self.outline = outline
        self.previous = previous
        self.next = next
        self.checkSummary = checkSummary
    }
}
