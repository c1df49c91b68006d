/// Shows computed rows as a numbered table under the block that calls this.
///
/// The engine numbers tables like figures (through the book, or per chapter
/// with `--numbering chapter`), so prose can write `@tbl:losses` and read
/// "Table 2" with a link. Cells are text: format numbers with
/// `format(_:decimals:)` so they read exactly as `\(x, decimals: N)` would.
/// Columns whose cells are all numbers are right-aligned.
///
/// - Parameters:
///   - label: the reference label, `tbl:` followed by letters, digits, `-` or `_`.
///   - caption: the caption text shown after "Table N:".
///   - header: the column headings.
///   - rows: the body rows, one string per cell.
///   - file: the calling file (leave the default): a problem with the table is reported at the call.
///   - line: the calling line (leave the default).
public func table(_ label: String, caption: String, header: [String], rows: [[String]], file: String = #fileID, line: Int = #line) {
    sendTable(label: label, caption: caption, header: header, rows: rows, file: file, line: line)
}

/// Shows rows of numbers as a numbered table, each printed to `decimals`
/// digits after the point, as `\(x, decimals: N)` prints it.
public func table<T: BinaryFloatingPoint>(
    _ label: String, caption: String, header: [String], rows: [[T]], decimals: Int, file: String = #fileID, line: Int = #line
) {
    table(label, caption: caption, header: header, rows: rows.map { row in row.map { format($0, decimals: decimals) } }, file: file, line: line)
}
