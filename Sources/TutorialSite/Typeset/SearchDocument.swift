import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// One searchable section of the book: a heading and the prose under it, up
/// to the next heading.
///
/// `url` is the section's page and anchor (`02-softmax.html#the-gradient`),
/// which is also its id in the Lunr index; the text has no code listings,
/// no figures and no math (TeX would fill the index with `\frac` and `_{i}`).
public struct SearchDocument: Hashable, Sendable, Codable {
    /// The section's address: page and heading anchor.
    public var url: String
    /// The section's heading, plain text.
    public var title: String
    /// The chapter's title, plain text.
    public var chapter: String
    /// The prose, whitespace collapsed.
    public var text: String

    /// Creates a section for the index.
    public init(url: String, title: String, chapter: String, text: String) {
        self.url = url
        self.title = title
        self.chapter = chapter
        self.text = text
    }
}
