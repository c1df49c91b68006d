/// The Swift program made from one chapter: every running `swift` block in
/// document order, with the inline expressions and derivation checks placed
/// after the blocks that precede them.
public struct ChapterProgram: Sendable, Hashable {
    public var chapterPath: String
    public var source: String
    /// The source without line information: the cache key's part (see `ProgramWriter.keyText`).
    public var cacheText: String
    /// False when the chapter has nothing to run (plain Markdown): the engine
    /// then skips compiling it.
    public var hasWork: Bool
    /// The chapter line of each item (block, value, derivation) in program
    /// order; the program reports progress by item number.
    public var itemLines: [Int]
}
