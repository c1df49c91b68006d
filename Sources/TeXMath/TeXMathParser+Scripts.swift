/// Subscripts, powers, arguments and the groups that delimit them.
extension TeXMathParser {

    /// The index after `_`: one token (`z_i`, `q_1`) or a braced expression (`z_{j+1}`).
    mutating func subscriptIndex() throws(TeXReadError) -> MathExpression {
        // `z_0, z_1` in an argument list: the comma after a one-token subscript separates arguments.
        try script(of: "_")
    }

    /// The one index of `z_i` or `z_{j+1}`, or the two of a matrix entry:
    /// `A_{i,j}`, or `A_{ij}` — two single letters, which are never a product
    /// in a subscript. (`z_{2j}` stays the index 2·j.)
    mutating func subscriptIndices() throws(TeXReadError) -> [MathExpression] {
        let open = peek
        if open.isSymbol("{") {
            let t = tokens[position...].prefix(4).map(\.kind)
            if t.count == 4, case .letter(let i) = t[1], case .letter(let j) = t[2], t[3] == .symbol("}") {
                advance()
                let row = try atomIndex(String(i)), column = try atomIndex(String(j))
                advance()
                return [row, column]
            }
            advance()
            let first = try expression()
            if take(",") {
                let second = try expression()
                try expect("}", closing: "the `{` at column \(open.column)")
                return [first, second]
            }
            try expect("}", closing: "the `{` at column \(open.column)")
            return [first]
        }
        return [try script(of: "_")]
    }

    /// One letter of `A_{ij}` as an index.
    private mutating func atomIndex(_ letter: String) throws(TeXReadError) -> MathExpression {
        guard case .value(let index) = try atom() else {
            throw TeXReadError(column: tokens[position - 1].column, message: "`\(letter)` is a function and cannot be an index")
        }
        return index
    }

    /// `^{(i)}` — a sample of an array of vectors, never a power — and
    /// `^{[l]}`, a layer, as deep-learning notes write it; also `^{(i)\top}`
    /// (or `^{(i)T}`), that sample transposed: its index and whether it is
    /// transposed, or nil (and nothing read) when the superscript is not one.
    mutating func sampleSuperscript() throws(TeXReadError) -> (index: MathExpression, transposed: Bool)? {
        let bracket = tokens[min(position + 1, tokens.count - 1)]
        guard peek.isSymbol("{"), bracket.isSymbol("(") || bracket.isSymbol("[") else { return nil }
        let (opening, closing): (Character, Character) = bracket.isSymbol("(") ? ("(", ")") : ("[", "]")
        // The parenthesis must close right before the brace, or before a transpose and the brace.
        var depth = 0
        var close = position + 1
        while close < tokens.count {
            if tokens[close].isSymbol(opening) { depth += 1 }
            if tokens[close].isSymbol(closing) { depth -= 1; if depth == 0 { break } }
            close += 1
        }
        guard close + 1 < tokens.count else { return nil }
        let start = position
        position = close + 1
        let transposed = isTranspose()
        let closes = peek.isSymbol("}")
        position = start
        guard closes else { return nil }
        advance(); advance()
        let index = try expression()
        try expect(closing, closing: "the `\(opening)` of `^{\(opening)`")
        if transposed { _ = isTranspose() }
        try expect("}", closing: "`^{\(opening)`")
        return (index, transposed)
    }

    /// Whether the superscript at the cursor is a transpose, and if so reads
    /// it: `^\top`, `^\intercal`, `^{\top}`, `^\mathsf{T}`, `^{\mathrm{T}}`,
    /// and `^T` or `^{T}` when no name `T` is declared (then it is a power of T).
    mutating func isTranspose() -> Bool {
        let kinds = tokens[position...].prefix(6).map(\.kind)
        let marks: [[TeXToken.Kind]] = [
            [.command("top")], [.command("intercal")], [.command("T")],
            [.symbol("{"), .command("top"), .symbol("}")], [.symbol("{"), .command("intercal"), .symbol("}")],
            [.command("mathsf"), .symbol("{"), .letter("T"), .symbol("}")],
            [.command("mathrm"), .symbol("{"), .letter("T"), .symbol("}")],
            [.command("text"), .symbol("{"), .letter("T"), .symbol("}")],
            [.symbol("{"), .command("mathsf"), .symbol("{"), .letter("T"), .symbol("}"), .symbol("}")],
            [.symbol("{"), .command("mathrm"), .symbol("{"), .letter("T"), .symbol("}"), .symbol("}")],
        ] + (scope.kind(of: "T") == nil && !bound.contains("T") ? [[.letter("T")], [.symbol("{"), .letter("T"), .symbol("}")]] : [])
        guard let mark = marks.first(where: { kinds.starts(with: $0) }) else { return false }
        position += mark.count
        return true
    }

    /// The argument of `_` or `^`: a braced group, or a single token as TeX takes it.
    mutating func script(of marker: Character) throws(TeXReadError) -> MathExpression {
        let token = peek
        if take("{") {
            let inner = try expression()
            if peek.isSymbol(",") {
                throw TeXReadError(column: peek.column, message: "a subscript with a comma indexes a matrix, which the reader does not do")
            }
            try expect("}", closing: "the `{` at column \(token.column)")
            return inner
        }
        switch token.kind {
        case .number(let text):
            guard text.count == 1 else {
                throw TeXReadError(column: token.column, message:
                    "`\(marker)\(text)`: TeX takes only the first digit; write `\(marker){\(text)}` or `\(marker){\(text.prefix(1))} \(text.dropFirst())`")
            }
            advance()
            return .number(text)
        case .letter, .command:
            guard case .value(let value) = try atom() else {
                throw TeXReadError(column: token.column, message: "a function cannot stand alone in a \(marker == "_" ? "subscript" : "power"): write `\(marker){f(x)}`")
            }
            return value
        default:
            throw TeXReadError(column: token.column, message: "`\(marker)` needs a \(marker == "_" ? "subscript" : "power") after it, `\(marker){…}`")
        }
    }

    /// The argument of `\frac` or `\sqrt`: a braced group, or exactly one
    /// token as TeX takes it (`\frac12` is 1/2, `\frac2x^2` is (2/x)², since a
    /// script after the argument applies to the whole fraction).
    mutating func argument(of command: String) throws(TeXReadError) -> MathExpression {
        let token = peek
        if take("{") {
            let inner = try expression()
            try expect("}", closing: "the `{` of `\(command)`")
            return inner
        }
        switch token.kind {
        case .number(let text):
            guard text.count > 1 else { advance(); return .number(text) }
            guard !text.contains(".") else {
                throw TeXReadError(column: token.column, message: "`\(command)\(text)`: TeX takes only the first character; write `\(command){…}` with braces")
            }
            // TeX takes the first digit; the rest is the next token.
            tokens[position] = TeXToken(kind: .number(String(text.dropFirst())), column: token.column + 1)
            return .number(String(text.prefix(1)))
        case .letter, .command:
            guard case .value(let value) = try atom() else {
                throw TeXReadError(column: token.column, message: "a function cannot stand alone as the argument of `\(command)`: write `\(command){f(x)}`")
            }
            return value
        default:
            throw TeXReadError(column: token.column, message: "`\(command)` needs an argument: `\(command){…}`")
        }
    }

    /// Opens a group if one starts here, and returns the character that closes
    /// it: `(`, `[`, `{`, `\{`, `\left(`, `\big(` and their sizes.
    mutating func openGroup() -> Character? {
        let token = peek
        switch token.kind {
        case .symbol("("): advance(); return ")"
        case .symbol("["): advance(); return "]"
        case .symbol("{"): advance(); return "}"
        case .command("{"): advance(); return "}"
        case .command(let name) where name == "left" || Self.sizeOpeners.contains(name):
            let delimiter = tokens[min(position + 1, tokens.count - 1)]
            let closer: Character?
            switch delimiter.kind {
            case .symbol("("): closer = ")"
            case .symbol("["): closer = "]"
            case .command("{"): closer = "}"
            case .symbol("|"), .command("vert"), .command("lvert"): closer = "|"
            default: closer = nil
            }
            guard let closer else { return nil }
            advance(); advance()
            return closer
        default:
            return nil
        }
    }

    mutating func closeGroup(_ closer: Character, opened: TeXToken) throws(TeXReadError) {
        let token = peek
        var delimiterAt = position
        if case .command(let name) = token.kind, name == "right" || Self.sizeClosers.contains(name) { delimiterAt += 1 }
        let delimiter = tokens[min(delimiterAt, tokens.count - 1)]
        let matches: Bool
        switch (closer, delimiter.kind) {
        case (")", .symbol(")")), ("]", .symbol("]")), ("|", .symbol("|")), ("|", .command("vert")), ("|", .command("rvert")): matches = true
        case ("}", .symbol("}")), ("}", .command("}")): matches = true
        default: matches = false
        }
        guard matches else {
            throw TeXReadError(column: token.column, message: "expected `\(closer)` to close the group opened by `\(opened)` at column \(opened.column); found \(token)")
        }
        position = delimiterAt + 1
    }

    /// `\|`, `\Vert`, `\parallel` or `||` between the arguments of a declared function.
    mutating func takeArgumentBar() -> Bool {
        guard separatorBars > 0 else { return false }
        if takeCommand("|") || takeCommand("Vert") || takeCommand("parallel") { return true }
        if peek.isSymbol("|"), tokens[min(position + 1, tokens.count - 1)].isSymbol("|") { advance(); advance(); return true }
        return false
    }

    /// Comma-separated arguments up to the group's closer.
    mutating func list(closedBy closer: Character) throws(TeXReadError) -> [MathExpression] {
        let open = tokens[max(position - 1, 0)]
        var items = [try expression()]
        while take(",") || takeArgumentBar() { items.append(try expression()) }
        try closeGroup(closer, opened: open)
        return items
    }
}
