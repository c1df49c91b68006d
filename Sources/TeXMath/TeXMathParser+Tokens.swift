/// Reading tokens, and the TeX vocabulary the reader knows.
extension TeXMathParser {

    var peek: TeXToken { tokens[position] }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    mutating func take(_ symbol: Character) -> Bool {
        guard peek.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func takeCommand(_ name: String) -> Bool {
        guard peek.isCommand(name) else { return false }
        advance()
        return true
    }

    mutating func expect(_ symbol: Character, closing what: String) throws(TeXReadError) {
        guard take(symbol) else { throw unexpected("where `\(symbol)` should close \(what)") }
    }

    func unexpected(_ context: String) -> TeXReadError {
        let t = peek
        if case .end = t.kind { return TeXReadError(column: t.column, message: "the step ends \(context)") }
        return TeXReadError(column: t.column, message: "unexpected `\(t)` \(context)")
    }

    func commandName(_ token: TeXToken) -> String? {
        if case .command(let name) = token.kind { return name }
        return nil
    }

    /// Whether `token` can begin a factor, so that it multiplies what comes before it.
    func startsFactor(_ token: TeXToken) -> Bool {
        if separatorBars > 0, token.isCommand("|") || token.isCommand("Vert") || token.isCommand("parallel")
            || (token.isSymbol("|") && tokens[min(position + 1, tokens.count - 1)].isSymbol("|")) { return false }
        switch token.kind {
        case .number, .letter: return true
        case .symbol(let c): return c == "(" || c == "[" || c == "{" || (c == "|" && absoluteDepth == 0)
        case .command(let name):
            if normDepth > 0, name == "|" || name == "Vert" { return false }
            if ["right", "rvert", "rVert", "}", "cdot", "times", "odot", "rangle", "pm", "mp", "approx", "in", "colon", "forall", "land", "lor", "wedge", "vee", "\\", "end"].contains(name) { return false }
            if Self.ellipses.contains(name) { return false }
            if Self.sizeClosers.contains(name) && !Self.sizeOpeners.contains(name) { return false }
            if Self.relation(token) != nil { return false }
            if Self.sizeOpeners.contains(name) {
                // `\big(` opens; `\big)` closes.
                let next = tokens[min(position + 1, tokens.count - 1)]
                return next.isSymbol("(") || next.isSymbol("[") || next.isCommand("{") || next.isSymbol("|")
            }
            if name == "text" || name == "mbox" || name == "textrm" { return !isForEveryText(at: position) }
            return true
        case .end: return false
        }
    }

    func isBigOperator(_ token: TeXToken) -> Bool {
        ["sum", "prod"].contains(commandName(token) ?? "") || (["max", "min"].contains(commandName(token) ?? "") && tokens[min(position + 1, tokens.count - 1)].isSymbol("_"))
    }

    /// The tokens from `start` up to `end`, written back as TeX, for messages.
    func text(from start: Int, to end: Int) -> String {
        var out = ""
        for i in start..<min(end, tokens.count) {
            let t = tokens[i]
            if !out.isEmpty, i > start, t.column > tokens[i - 1].column + tokens[i - 1].description.count { out += " " }
            out += t.description
        }
        return out
    }


    // Vocabulary

    /// Commands whose braced content is a name: `\text{Loss}`, and the
    /// styles of a symbol, `\mathbf{z}` or `\mathcal{L}`, which are the symbol.
    static let nameCommands: Set<String> = [
        "text", "operatorname", "mathrm", "texttt", "mathit", "textit", "mathsf", "textrm", "mbox",
        "mathbf", "boldsymbol", "bm", "vec", "mathbfit", "mathcal", "mathscr",
    ]
    /// `\cdots` and its spellings: the terms between two written ones.
    static let ellipses: Set<String> = ["cdots", "ldots", "dots", "dotsb", "dotsc", "dotsm", "dotsi", "vdots", "ddots"]
    static let sizeOpeners: Set<String> = ["big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl"]
    static let sizeClosers: Set<String> = ["big", "Big", "bigg", "Bigg", "bigr", "Bigr", "biggr", "Biggr"]
    static let greekLetters: [String: String] = {
        let names = ["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
                     "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "varrho", "sigma", "varsigma", "tau",
                     "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
                     "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "pi", "varpi", "ell"]
        return Dictionary(uniqueKeysWithValues: names.map { ($0, $0) })
    }()
}
