/// A fenced block with info string `swift …`.
public struct SwiftBlock: Sendable, Hashable {
    /// Its position among the chapter's swift blocks (0-based).
    public var index: Int
    /// Its position among all the chapter's code blocks, for the renderer.
    public var codeBlockIndex: Int
    public var code: String
    /// The chapter line of the fence, and of the first line of code.
    public var fenceLine: Int
    public var firstCodeLine: Int
    /// Columns a list item or block quote takes before the code (its lines
    /// are shown and compiled without them; compiler columns add them back).
    public var indent: Int = 0
    /// `hide`: runs, not shown. `norun`: shown, not run. `output`: shows what it prints.
    public var hidden: Bool
    public var runs: Bool
    public var showsOutput: Bool
}
