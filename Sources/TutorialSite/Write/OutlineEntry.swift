import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// One heading in a chapter's in-page outline.
public struct OutlineEntry: Hashable, Sendable {
    /// The heading level: 2 for `##`, 3 for `###`, and so on.
    var level: Int
    /// The heading's `id` on the page (without `#`).
    public var id: String
    /// The heading's content as already-rendered inline HTML (it may hold math or code).
    var titleHTML: String

    /// Creates an entry.
    /// - Parameters:
    ///   - level: The heading level (2…6).
    ///   - id: The heading's id.
    ///   - titleHTML: The heading's inline HTML, inserted as-is.
    public init(level: Int, id: String, titleHTML: String) {
        self.level = level
        self.id = id
        self.titleHTML = titleHTML
    }
}
