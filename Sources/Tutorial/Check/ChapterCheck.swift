/// Everything the check stage learned about one chapter.
public struct ChapterCheck: Sendable {
    public var run: ChapterRun?
    public var diagnostics: [Diagnostic]
    public var records: [CheckRecord]
    /// Inline values shown (claims not included).
    public var valueCount: Int
    public var claimCount: Int
    public var derivationCount: Int
}
