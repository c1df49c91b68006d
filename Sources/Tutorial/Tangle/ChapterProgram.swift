/// The Swift program made from one chapter: every running `swift` block in
/// document order, with the inline expressions and derivation checks placed
/// after the blocks that precede them.
public struct ChapterProgram: Sendable, Hashable {
    public var chapterPath: String
    public var source: String
    /// False when the chapter has nothing to run (plain Markdown): the engine
    /// then skips compiling it.
    public var hasWork: Bool
}
