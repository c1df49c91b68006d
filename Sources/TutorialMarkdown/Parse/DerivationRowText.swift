import TutorialBase

/// The TeX of one row of a derivation block, as the parser reads it: one
/// line, or several when a matrix or `cases` spans them (the row goes on
/// while a `\begin` is open), joined by newlines, with where each line
/// starts, so that every column found in the row is reported on its own line.
struct RowText {
    /// The chapter line the row starts on.
    package var line: Int
    /// The row's TeX, its lines joined by "\n".
    package var tex: String
    /// The Swift twin after `%`: the last one the row's lines give.
    package var twin: String?
    /// Where the twin starts: its line and column.
    var twinLine: Int
    var twinColumn: Int
    /// Each line of the row: its chapter line and the offset, in Unicode
    /// scalars, at which it starts in `tex`.
    private var pieces: [(line: Int, offset: Int)]

    package init(line: Int, tex: String, twin: String?, twinColumn: Int) {
        self.line = line
        self.tex = tex
        self.twin = twin
        self.twinLine = line
        self.twinColumn = twinColumn
        self.pieces = [(line, 0)]
    }

    /// Continues the row with the next chapter line. A row break `\\` (with
    /// its optional `[1em]`) that ends the text so far is blanked: the next
    /// line is the rest of this row, as its leading operator says.
    package mutating func append(_ text: String, line: Int, twin: String?, twinColumn: Int) {
        blankFinalRowBreak()
        tex += "\n"
        pieces.append((line, tex.unicodeScalars.count))
        tex += text
        if let twin {
            self.twin = twin
            self.twinLine = line
            self.twinColumn = twinColumn
        }
    }

    /// Replaces a final `\\` or `\\[…]` with spaces, so that columns stay.
    private mutating func blankFinalRowBreak() {
        var scalars = Array(tex.unicodeScalars)
        var end = scalars.count
        while end > 0, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        var start = end
        if start > 0, scalars[start - 1] == "]", let open = scalars[..<start].lastIndex(of: "[") { start = open }
        guard start >= 2, scalars[start - 1] == "\\", scalars[start - 2] == "\\" else { return }
        for i in (start - 2)..<end { scalars[i] = " " }
        tex = String(String.UnicodeScalarView(scalars))
    }

    /// The chapter line and column of a column the row was read at:
    /// `DerivationLine.row(tex, column: indent + 1)` numbers the row's scalars
    /// from indent + 1 on, across its lines.
    package func locate(_ column: Int, indent: Int) -> (line: Int, column: Int) {
        let offset = column - indent - 1
        let piece = pieces.last { $0.offset <= offset } ?? pieces[0]
        return (piece.line, indent + 1 + offset - piece.offset)
    }
}
