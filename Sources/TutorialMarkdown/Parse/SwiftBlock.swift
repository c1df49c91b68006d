import TutorialBase

/// A fenced block with info string `swift …`.
public struct SwiftBlock: Sendable, Hashable {
    /// Its position among the chapter's swift blocks (0-based).
    public var index: Int
    /// Its position among all the chapter's code blocks, for the renderer.
    package var codeBlockIndex: Int
    /// The code, as written (without the indentation of a list item or quote).
    public var code: String
    /// The chapter line of the fence, and of the first line of code.
    package var fenceLine: Int
    /// The chapter line of the first line of code.
    package var firstCodeLine: Int
    /// Columns a list item or block quote takes before the code (its lines
    /// are shown and compiled without them; compiler columns add them back).
    package var indent: Int = 0
    /// `hide`: runs, not shown. `norun`: shown, not run. `output`: shows what it prints.
    package var hidden: Bool
    /// Whether the block runs (no `norun`).
    package var runs: Bool
    /// Whether what it prints is shown (`output`).
    package var showsOutput: Bool
    /// What its one parse found: problems, names, hoisting, highlighting.
    package var reading: SwiftBlockReading
}
