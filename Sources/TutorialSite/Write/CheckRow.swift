import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// One line of the Checks page: a claim or a derivation and how it fared.
struct CheckRow: Hashable, Sendable {
    /// The title of the chapter the check is in, plain text.
    package var chapterTitle: String
    /// The chapter page, relative to the site root.
    var chapterHref: String
    /// Where the check is written, e.g. `chapters/05-loss.md:42`.
    package var location: String
    /// The id of the checked element on the chapter page, if it has one.
    var anchor: String?
    /// A claim or a derivation (shown as `claim` or `derivation`).
    package var kind: CheckRecord.Kind
    /// The Swift expression (or derivation steps) that was evaluated.
    var expression: String
    /// The computed value, as shown: for a claim, to two more significant
    /// digits than its literal; for a derivation, how many draws agreed.
    var computed: String
    /// The value with every digit, shown on hover when `computed` is shorter.
    var computedFull: String?
    /// The literal the author wrote, or for a derivation what was checked
    /// (variables, draws, tolerance).
    var expected: String
    /// Whether the check passed.
    public var passed: Bool

    /// Creates a row; every string is plain text and is escaped when written.
    public init(
        chapterTitle: String, chapterHref: String, location: String, anchor: String?, kind: CheckRecord.Kind,
        expression: String, computed: String, computedFull: String? = nil, expected: String, passed: Bool
    ) {
        self.computedFull = computedFull
        self.chapterTitle = chapterTitle
        self.chapterHref = chapterHref
        self.location = location
        self.anchor = anchor
        self.kind = kind
        self.expression = expression
        self.computed = computed
        self.expected = expected
        self.passed = passed
    }
}
