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
            let rows = try matrixRows(of: name, at: token)
            return name == "vmatrix" ? .apply(.det, .matrix(rows)) : .matrix(rows)
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

    /// The cells of a matrix, row after row, up to and past its `\end`.
    mutating func matrixRows(of name: String, at begin: TeXToken) throws(TeXReadError) -> [[MathExpression]] {
        var rows: [[MathExpression]] = []
        var row: [MathExpression] = []
        while true {
            if peek.isCommand("end") {
                if !row.isEmpty { rows.append(row) }
                break
            }
            if case .command(let dots) = peek.kind, Self.ellipses.contains(dots) {
                throw TeXReadError(column: peek.column, message:
                    "`\\\(dots)` leaves entries out of the matrix, and the reader does not guess them: write every entry, or declare the matrix with `% let` and write its name")
            }
            row.append(try expression())
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
        return rows
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
            if Self.isTextCommand(peek), let words = textWords(at: position) {
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

    static func isTextCommand(_ token: TeXToken) -> Bool { DerivationLine.isTextCommand(token) }

    /// The lower-cased words of `\text{…}` at `index`, or nil when no group follows.
    func textWords(at index: Int) -> [String]? {
        guard index + 1 < tokens.count, tokens[index + 1].isSymbol("{") else { return nil }
        return DerivationLine.groupRaw(tokens, from: index + 1).lowercased().split(separator: " ").map(String.init)
    }
}
