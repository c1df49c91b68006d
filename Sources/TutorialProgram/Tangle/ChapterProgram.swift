import TutorialBase
import TutorialMarkdown

/// The Swift program made from one chapter: every running `swift` block in
/// document order, with the inline expressions and derivation checks placed
/// after the blocks that precede them.
package struct ChapterProgram: Sendable, Hashable {
    /// The chapter file, as diagnostics name it.
    package var chapterPath: String
    /// The chapter's file name without `.md`.
    package var chapterName: String
    /// The Swift program, with `#sourceLocation` lines pointing at the chapter.
    public var source: String
    /// The source without line information: the cache key's part (see `ProgramWriter.keyText`).
    var cacheText: String
    /// The chapter line of each `#sourceLocation` chunk of `source`, in program order.
    package var chunkLines: [Int]
    /// False when the chapter has nothing to run (plain Markdown): the engine
    /// then skips compiling it.
    package var hasWork: Bool
    /// What the program evaluates, in order; it reports progress by position
    /// in this list, so a trap can be blamed on the exact block, expression
    /// or derivation.
    package var items: [Item]
    /// The seed of each derivation's draws, by derivation index.
    package var seeds: [UInt64]
    /// The same program as one file of a merged program (`MergedProgram`):
    /// its file-scope declarations as written, its function `fileprivate`,
    /// and no top-level code. Which chapters may share a module is
    /// `ModuleScope`'s to say.
    /// Empty when the program was not made by `Tangler`.
    package var mergedSource = ""

    /// One piece of chapter code, in the order the program runs them.
    public enum Item: Sendable, Hashable {
        case block(Int)
        case value(Int)
        case derivation(Int)
    }
}
