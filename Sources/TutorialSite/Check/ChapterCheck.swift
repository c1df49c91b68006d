import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Everything the check stage learned about one chapter.
public struct ChapterCheck: Sendable {
    /// The chapter program's run, if it ran.
    public var run: ChapterRun?
    /// Every problem of the chapter, the parse stage's included.
    public var diagnostics: [Diagnostic]
    /// One record per claim and derivation, for the Checks page.
    var records: [CheckRecord]
    /// Inline values shown (claims not included).
    package var valueCount: Int
    /// Claims checked.
    package var claimCount: Int
    /// Derivations checked.
    package var derivationCount: Int
}
