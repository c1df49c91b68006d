/// Splits one TeX line of a derivation into its steps: the pieces between
/// the relations `=` and `\approx` that stand outside every group.
///
/// `\text{Loss} &= -\log q_y` is two steps; `\sum_{j=1}^{K} q_j = 1` is two
/// steps too, since the `=` in `_{j=1}` is inside braces.
public enum DerivationLine {
    public struct Term {
        var tokens: [TeXToken]
        /// Column of the term's first token.
        public var column: Int
        /// The TeX of the term as written.
        public var tex: String
        public var relation: StepRelation
        /// A relation the reader does not evaluate between steps (`\le`).
        public var problem: TeXReadError?
    }

    public static func terms(_ text: String, column: Int) -> [Term] {
        let tokens = TeXLexer.tokens(text, column: column)
        let scalars = Array(text.unicodeScalars)
        var terms: [Term] = []
        var current: [TeXToken] = []
        var relation: StepRelation = .equal
        var depth = 0
        var problem: TeXReadError?

        func finish(at end: TeXToken) {
            let meaningful = current.filter { !TeXMathParser.isLayoutOnly($0) }
            if let first = meaningful.first {
                let from = first.column - column
                let to = max(min(end.column - column, scalars.count), from)
                var tex = String(String.UnicodeScalarView(scalars[from..<to])).trimmed
                while tex.hasSuffix("&") || tex.hasSuffix(" ") { tex.removeLast() }
                var finalRelation = relation
                if case .approximately = relation { finalRelation = .approximately(decimals: precision(of: meaningful)) }
                terms.append(Term(tokens: meaningful + [TeXToken(kind: .end, column: end.column)], column: first.column,
                                  tex: tex, relation: finalRelation, problem: problem))
            }
            current = []
            problem = nil
        }

        for token in tokens {
            switch token.kind {
            case .symbol("("), .symbol("["), .symbol("{"), .command("{"): depth += 1
            case .symbol(")"), .symbol("]"), .symbol("}"), .command("}"): depth = max(depth - 1, 0)
            default: break
            }
            if token.kind == .end { finish(at: token); break }
            if depth == 0, token.isSymbol("=") || token.isCommand("approx") {
                finish(at: token)
                relation = token.isSymbol("=") ? .equal : .approximately(decimals: nil)
                continue
            }
            if depth == 0, let other = TeXMathParser.relation(token), other != .equal {
                problem = problem ?? TeXReadError(column: token.column, message:
                    "`\(token)` between steps is not checked: steps are joined by `=` or `\\approx`; put a comparison inside `\\mathbb{1}(…)`")
            }
            current.append(token)
        }
        return terms
    }

    /// The decimals of the least precise number written in a step: `0.4644`
    /// has 4, `2.5 \times 10^{-3}` has 4 (its last digit is in the 10^-4
    /// place), `3 \times 10^{4}` has −4. Whole numbers standing alone are
    /// exact and do not count; nil when no number counts.
    static func precision(of tokens: [TeXToken]) -> Int? {
        var least: Int?
        var i = 0
        while i < tokens.count {
            guard case .number(let text) = tokens[i].kind else { i += 1; continue }
            var decimals: Int? = text.contains(".") ? text.split(separator: ".", omittingEmptySubsequences: false).last.map(\.count) : nil
            if let (exponent, next) = scientificExponent(tokens, after: i) {
                decimals = (decimals ?? 0) - exponent
                i = next
            } else {
                i += 1
            }
            if let decimals { least = min(least ?? decimals, decimals) }
        }
        return least
    }

    /// `\times 10^{k}` or `\cdot 10^k` after a number: k, and where it ends.
    private static func scientificExponent(_ t: [TeXToken], after i: Int) -> (Int, Int)? {
        guard i + 3 < t.count, t[i + 1].isCommand("times") || t[i + 1].isCommand("cdot"),
              t[i + 2].kind == .number("10"), t[i + 3].isSymbol("^") else { return nil }
        var j = i + 4
        let braced = j < t.count && t[j].isSymbol("{")
        if braced { j += 1 }
        var sign = 1
        if j < t.count, t[j].isSymbol("-") { sign = -1; j += 1 } else if j < t.count, t[j].isSymbol("+") { j += 1 }
        guard j < t.count, case .number(let digits) = t[j].kind, let k = Int(digits) else { return nil }
        j += 1
        if braced {
            guard j < t.count, t[j].isSymbol("}") else { return nil }
            j += 1
        }
        return (sign * k, j)
    }
}
