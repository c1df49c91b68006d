import TutorialBase

/// A GFM pipe table: a header row, a delimiter row that sets each column's
/// alignment, and body rows, each cell holding inline Markdown.
///
/// Every row has exactly as many cells as the header: GFM pads short rows
/// with empty cells and drops the cells past the last column.
public struct MarkdownTable: Sendable, Hashable {
    /// How a column's cells are aligned (`:--`, `:-:`, `--:`).
    public enum Alignment: String, Sendable, Hashable { case left, center, right }

    /// One alignment per column; nil where the delimiter has no colon.
    public var alignments: [Alignment?]
    /// The header cells.
    package var header: [[MarkdownInline]]
    /// The body rows.
    package var rows: [[[MarkdownInline]]]

    /// Creates a table.
    public init(alignments: [Alignment?], header: [[MarkdownInline]], rows: [[[MarkdownInline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
