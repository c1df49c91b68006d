/// A table a block made with `table(...)`, as the channel carries it: plain-text cells.
public struct TableRecord: Codable, Sendable, Hashable {
    /// The block that started last, or nil when none had started.
    public var block: Int?
    /// Where `table(...)` was called.
    public var call: CallSite?
    /// The reference label, `tbl:…`.
    public var label: String
    /// The caption shown after "Table N:".
    public var caption: String
    /// The column headings.
    public var header: [String]
    /// The body rows, one string per cell.
    public var rows: [[String]]

    /// Creates a table record.
    public init(block: Int?, call: CallSite?, label: String, caption: String, header: [String], rows: [[String]]) {
        self.block = block
        self.call = call
        self.label = label
        self.caption = caption
        self.header = header
        self.rows = rows
    }
}
