/// Environments with a value: matrices and `cases`.
///
/// ```
/// matrix := \begin{bmatrix} row (\\ row)* [\\] \end{bmatrix}     (also matrix, pmatrix, Bmatrix, smallmatrix)
/// row    := expression (& expression)*
/// det    := \begin{vmatrix} … \end{vmatrix}                      (the determinant)
/// cases  := \begin{cases} case (\\ case)* [\\] \end{cases}       (also dcases)
/// case   := expression & [,] [\text{if | for | when}] condition
///         | expression & \text{otherwise}                          (or \text{else})
/// ```
extension TeXMathParser {
    /// Environments read as a matrix literal; `vmatrix` is the determinant of one.
    static let matrixEnvironments: Set<String> = ["matrix", "bmatrix", "pmatrix", "Bmatrix", "smallmatrix", "vmatrix"]
    /// Environments read as a piecewise value.
    static let casesEnvironments: Set<String> = ["cases", "dcases", "cases*"]

    /// Reads `\begin{name} … \end{name}` at `token` (the `\begin`), or notes a
    /// problem and reads past it when the reader has no meaning for it.
    mutating func environment(at token: TeXToken) throws(TeXReadError) -> MathExpression {
        let name = DerivationLine.groupText(tokens, from: position + 1)
        advance()
        skipGroup()
        if Self.matrixEnvironments.contains(name) {
            let written = try matrixRows(of: name, at: token)
            let value = written.elided ? try elidedMatrix(written.cells, of: name, at: token) : .matrix(written.cells.map { $0.map(\.value!) })
            return name == "vmatrix" ? .apply(.det, value) : value
        }
        if Self.casesEnvironments.contains(name) {
            return try cases(of: name, at: token)
        }
        let advice = name == "Vmatrix"
            ? "`Vmatrix` is a norm, which the reader does not evaluate"
            : "the reader has no meaning for a `\(name)`"
        problems.append(TeXReadError(column: token.column, message: "`\\begin{\(name)}`: \(advice); give the line a Swift twin after `%`, or write the value another way"))
        var depth = 1
        while peek.kind != .end, depth > 0 {
            if peek.isCommand("begin") { depth += 1 }
            if peek.isCommand("end") { depth -= 1 }
            advance()
        }
        while peek.isSymbol("{") { skipGroup() }
        return .number("0")
    }

    /// One cell of a written matrix: an entry, with where its TeX is, or an ellipsis.
    struct MatrixCell {
        var value: MathExpression?
        var written: WrittenTerm
        /// `\cdots`, `\vdots` or `\ddots` (and their spellings), when the cell is one.
        var ellipsis: TeXToken?
    }

    /// The cells of a matrix, row after row, up to and past its `\end`, and
    /// whether any is an ellipsis.
    mutating func matrixRows(of name: String, at begin: TeXToken) throws(TeXReadError) -> (cells: [[MatrixCell]], elided: Bool) {
        var rows: [[MatrixCell]] = []
        var row: [MatrixCell] = []
        var elided = false
        while true {
            if peek.isCommand("end") {
                if !row.isEmpty { rows.append(row) }
                break
            }
            let start = position
            if case .command(let dots) = peek.kind, Self.ellipses.contains(dots) {
                row.append(MatrixCell(value: nil, written: WrittenTerm(start: start, end: start + 1), ellipsis: peek))
                advance()
                elided = true
            } else {
                let value = try expression()
                row.append(MatrixCell(value: value, written: WrittenTerm(start: start, end: position), ellipsis: nil))
            }
            if take("&") { continue }
            if takeCommand("\\") { rows.append(row); row = []; continue }
            guard peek.isCommand("end") else {
                throw unexpected("in a `\(name)`, where `&` (next entry), `\\\\` (next row) or `\\end{\(name)}` should follow")
            }
        }
        try endEnvironment(name, opened: begin)
        guard let columns = rows.first?.count, !rows.isEmpty else {
            throw TeXReadError(column: begin.column, message: "the `\(name)` has no entries")
        }
        if let short = rows.firstIndex(where: { $0.count != columns }) {
            throw TeXReadError(column: begin.column, message:
                "row \(short + 1) of the `\(name)` has \(rows[short].count) entr\(rows[short].count == 1 ? "y" : "ies") and row 1 has \(columns): every row needs as many")
        }
        return (rows, elided)
    }

    /// A matrix or vector written with ellipses, as published:
    ///
    /// ```
    /// \begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}                       a vector
    /// \begin{bmatrix} x_1 & \cdots & x_n \end{bmatrix}                          a row (1×n)
    /// \begin{bmatrix} a_{11} & \cdots & a_{1n} \\ \vdots & \ddots & \vdots \\
    ///                 a_{m1} & \cdots & a_{mn} \end{bmatrix}                      a matrix
    /// ```
    /// The entries around each ellipsis must differ in one whole-number index
    /// (the rule of elided sums); in a matrix the first column's corners give
    /// the row index and the first row's the column index, and the last corner
    /// must be the entry both make. Entries written before an ellipsis must be
    /// the run's first ones. Any other layout is an error.
    mutating func elidedMatrix(_ cells: [[MatrixCell]], of name: String, at begin: TeXToken) throws(TeXReadError) -> MathExpression {
        let dots = cells.joined().first { $0.ellipsis != nil }!.ellipsis!
        func isDots(_ cell: MatrixCell, _ names: Set<String>) -> Bool {
            if case .command(let n)? = cell.ellipsis?.kind { return names.contains(n) }
            return false
        }
        let horizontal: Set<String> = ["cdots", "ldots", "dots", "dotsb", "dotsc"]
        /// A run of written cells ending in an ellipsis and one last cell: its index and template.
        func run(_ line: [MatrixCell]) throws(TeXReadError) -> (MathBinding, MathExpression) {
            guard line.count >= 3, line[line.count - 2].ellipsis != nil, line.dropLast(2).allSatisfy({ $0.ellipsis == nil }),
                  line.last?.ellipsis == nil else {
                throw TeXReadError(column: dots.column, message: "an ellipsis in a `\(name)` stands second to last, between written entries and the last one: `x_1 & \\cdots & x_n`")
            }
            let (taken, value) = try elidedRun(.sum, before: line.dropLast(2).map(\.written), last: line.last!.written, at: line[line.count - 2].ellipsis!)
            guard taken == line.count - 2, case .reduction(_, let binding, let body) = value else {
                throw TeXReadError(column: line[0].written.start < tokens.count ? tokens[line[0].written.start].column : dots.column, message:
                    "the entries before the ellipsis of the `\(name)` are not the first entries of its pattern")
            }
            return (binding, body)
        }
        if cells.allSatisfy({ $0.count == 1 }) {
            guard isDots(cells[cells.count - 2][0], ["vdots"]) || cells.count < 3 else {
                throw TeXReadError(column: dots.column, message: "a column of entries leaves rows out with `\\vdots`")
            }
            let (binding, body) = try run(cells.map { $0[0] })
            return .tabulate(rows: binding, columns: nil, body)
        }
        if cells.count == 1 {
            guard isDots(cells[0][cells[0].count - 2], horizontal) else {
                throw TeXReadError(column: dots.column, message: "a row of entries leaves columns out with `\\cdots`")
            }
            let (binding, body) = try run(cells[0])
            return .tabulate(rows: nil, columns: binding, body)
        }
        // The full pattern: corners written, the middle row \vdots \ddots \vdots.
        guard cells.count == 3, cells.allSatisfy({ $0.count == 3 }),
              isDots(cells[0][1], horizontal), isDots(cells[2][1], horizontal),
              isDots(cells[1][0], ["vdots"]), isDots(cells[1][1], ["ddots"]), isDots(cells[1][2], ["vdots"]),
              cells[0][0].ellipsis == nil, cells[0][2].ellipsis == nil, cells[2][0].ellipsis == nil, cells[2][2].ellipsis == nil else {
            throw TeXReadError(column: dots.column, message:
                "a `\(name)` with ellipses is read as a column (`x_1 \\\\ \\vdots \\\\ x_n`), a row (`x_1 & \\cdots & x_n`) or the corners of a matrix (`a_{11} & \\cdots & a_{1n} \\\\ \\vdots & \\ddots & \\vdots \\\\ a_{m1} & \\cdots & a_{mn}`); write every entry otherwise")
        }
        func tex(_ cell: MatrixCell) -> [TeXToken] { Array(tokens[cell.written.start..<cell.written.end]) }
        let corner = tex(cells[0][0])
        guard let across = Self.pattern(corner, tex(cells[0][2])), let down = Self.pattern(corner, tex(cells[2][0])),
              Set(across.places).isDisjoint(with: down.places) else {
            throw TeXReadError(column: dots.column, message:
                "the corners of the `\(name)` must differ from the first entry in one whole-number index each, the row index down and the column index across (`a_{11}`, `a_{1n}`, `a_{m1}`, `a_{mn}`)")
        }
        // The last corner must be the first with both indices at their ends.
        guard Self.matchesCorner(corner, across: (across.places, Array(across.last.dropLast())),
                                 down: (down.places, Array(down.last.dropLast())), tex(cells[2][2])) else {
            throw TeXReadError(column: tokens[cells[2][2].written.start].column, message:
                "the last corner of the `\(name)` is not the first entry with both indices at their ends")
        }
        let row = freshIndex(), column = freshIndex(besides: [row])
        var template = corner
        for place in down.places { template[place] = TeXToken(kind: .letter(Character(row)), column: corner[place].column) }
        for place in across.places { template[place] = TeXToken(kind: .letter(Character(column)), column: corner[place].column) }
        var body = TeXMathParser(tokens: template + [TeXToken(kind: .end, column: (template.last?.column ?? 0) + 1)], scope: scope)
        body.bound = bound + [row, column]
        body.depth = depth
        let value = try body.expression()
        guard body.peek.kind == .end else { throw TeXReadError(column: dots.column, message: "the first entry of the `\(name)` does not read as one entry") }
        var lastRow = TeXMathParser(tokens: down.last, scope: scope), lastColumn = TeXMathParser(tokens: across.last, scope: scope)
        lastRow.bound = bound; lastColumn.bound = bound
        let rows = MathBinding(name: row, range: .bounds(.number(String(down.value)), try lastRow.expression()))
        let columns = MathBinding(name: column, range: .bounds(.number(String(across.value)), try lastColumn.expression()))
        problems += body.problems + lastRow.problems + lastColumn.problems
        return .tabulate(rows: rows, columns: columns, value)
    }

    /// Whether `last` is `corner` with the column pieces at `across` and the row pieces at `down`.
    static func matchesCorner(_ corner: [TeXToken], across: ([Int], [TeXToken]), down: ([Int], [TeXToken]), _ last: [TeXToken]) -> Bool {
        var expected: [TeXToken.Kind] = []
        for (k, token) in corner.enumerated() {
            if across.0.contains(k) { expected += across.1.map(\.kind) } else if down.0.contains(k) { expected += down.1.map(\.kind) } else { expected.append(token.kind) }
        }
        return expected == last.map(\.kind)
    }

    /// The rows of `cases`: `value & condition`, and at most one `\text{otherwise}`, last.
    mutating func cases(of name: String, at begin: TeXToken) throws(TeXReadError) -> MathExpression {
        var cases: [MathCase] = []
        var otherwise: MathExpression?
        while !peek.isCommand("end") {
            if otherwise != nil {
                throw TeXReadError(column: peek.column, message: "a case after `\\text{otherwise}`: the otherwise case comes last")
            }
            let value = try expression()
            guard take("&") else {
                throw unexpected("in `\(name)`, where `&` should separate the value from its condition (`x & \\text{if } x > 0`)")
            }
            while take(",") {}
            if DerivationLine.isTextCommand(peek), let words = textWords(at: position) {
                let phrase = words.joined(separator: " ")
                if ["otherwise", "else", "otherwise.", "otherwise,", "else."].contains(phrase) {
                    advance(); skipGroup()
                    otherwise = value
                    while take(",") || take(".") {}
                    if !takeCommand("\\") { break }
                    continue
                }
                if let first = words.first, DerivationLine.conditionWords.contains(first), words.count == 1 {
                    advance(); skipGroup()
                } else {
                    throw TeXReadError(column: peek.column, message:
                        "`\\text{\(phrase)}` in a case: write the condition as math, `\\text{if } x > 0`, or `\\text{otherwise}`")
                }
            }
            let condition = try disjunction()
            cases.append(MathCase(value: value, condition: condition))
            while take(",") || take(".") || take(";") {}
            if !takeCommand("\\") {
                guard peek.isCommand("end") else {
                    throw unexpected("after a case's condition, where `\\\\` (next case) or `\\end{\(name)}` should follow")
                }
            }
        }
        try endEnvironment(name, opened: begin)
        guard !cases.isEmpty || otherwise != nil else {
            throw TeXReadError(column: begin.column, message: "the `\(name)` has no cases")
        }
        guard !cases.isEmpty else { return otherwise! }
        return .cases(cases, otherwise: otherwise)
    }

    /// `\end{name}`, which must close the `\begin{name}` at `begin`.
    mutating func endEnvironment(_ name: String, opened begin: TeXToken) throws(TeXReadError) {
        let token = peek
        guard takeCommand("end") else {
            throw TeXReadError(column: token.column, message: "expected `\\end{\(name)}` to close the `\\begin{\(name)}` at column \(begin.column); found \(token)")
        }
        let closing = DerivationLine.groupText(tokens, from: position)
        guard closing == name else {
            throw TeXReadError(column: token.column, message: "`\\end{\(closing)}` closes the `\\begin{\(name)}` at column \(begin.column): write `\\end{\(name)}`")
        }
        skipGroup()
    }

    /// The lower-cased words of `\text{…}` at `index`, or nil when no group follows.
    func textWords(at index: Int) -> [String]? {
        guard index + 1 < tokens.count, tokens[index + 1].isSymbol("{") else { return nil }
        return DerivationLine.groupRaw(tokens, from: index + 1).lowercased().split(separator: " ").map(String.init)
    }
}
