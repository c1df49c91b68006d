import TutorialBase

/// A chapter file as read from disk: its path as the user should see it in
/// messages, its stem (used for page names and seeds) and its text.
public struct ChapterSource: Sendable, Hashable {
    /// The path shown in diagnostics, e.g. `chapters/05-loss.md`.
    public var path: String
    /// The file name without `.md`, e.g. `05-loss`.
    public var name: String
    /// The chapter's text.
    public var text: String
    /// The number of the first element of a vector in the chapter's
    /// derivations that do not say `% indices from …`: book.toml's
    /// `[math] indices`, else 0 as in Swift. It changes how the chapter reads.
    package var defaultIndexBase = 0

    /// The name of the book's front page, `README.md`: the site's
    /// `index.html`, the book's title when book.toml gives none, and not a
    /// numbered chapter.
    static let frontPageName = "README"

    /// Whether this is the book's front page (``frontPageName``).
    package var isFrontPage: Bool { name == Self.frontPageName }

    /// Creates a chapter source.
    public init(path: String, name: String, text: String) {
        self.path = path
        self.name = name
        self.text = text
    }
}
