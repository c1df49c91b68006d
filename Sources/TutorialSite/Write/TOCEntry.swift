import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// A link to one chapter, as listed in the table of contents and the previous/next links.
struct TOCEntry: Hashable, Sendable {
    /// The chapter's title as plain text (escaped when written).
    public var title: String
    /// The chapter page, relative to the site root, e.g. `02-softmax.html`.
    package var href: String

    /// Creates an entry.
    /// - Parameters:
    ///   - title: The title, plain text.
    ///   - href: The page, relative to the site root.
    public init(title: String, href: String) {
        self.title = title
        self.href = href
    }
}
