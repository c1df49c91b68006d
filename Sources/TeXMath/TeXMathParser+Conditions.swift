/// The conditions of `\\mathbb{1}(…)`: comparisons, `\\land`, `\\lor` and `\\forall`.
extension TeXMathParser {

    /// The condition of `\mathbb{1}(…)` or `\mathbb{1}[…]`.
    mutating func indicatorCondition(at token: TeXToken) throws(TeXReadError) -> MathCondition {
        let open = peek
        guard let close = openGroup() else {
            throw TeXReadError(column: peek.column, message: "`\\mathbb{1}` needs its condition in parentheses or brackets: `\\mathbb{1}(y = i)`")
        }
        let condition = try disjunction()
        try closeGroup(close, opened: open)
        return condition
    }

    mutating func disjunction() throws(TeXReadError) -> MathCondition {
        try enter()
        defer { depth -= 1 }
        var parts = [try conjunction()]
        while takeCommand("lor") || takeCommand("vee") { parts.append(try conjunction()) }
        return parts.count == 1 ? parts[0] : .any(parts)
    }

    mutating func conjunction() throws(TeXReadError) -> MathCondition {
        var parts = [try quantified()]
        while takeCommand("land") || takeCommand("wedge") { parts.append(try quantified()) }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// `\forall i: C`, `C \;\forall i`, `C \text{ for every } i`, `C \text{ for all } i \ne y`.
    mutating func quantified() throws(TeXReadError) -> MathCondition {
        try enter()
        defer { depth -= 1 }
        if peek.isCommand("forall") {
            let token = peek
            advance()
            let binding = try quantifierBinding()
            // An optional separator: `\forall i: …`, `\forall i, …`.
            _ = take(":") || take(",") || takeCommand("colon") || take(".")
            bound.append(binding.name)
            let condition = try quantified()
            bound.removeLast()
            return try universal(binding, condition, at: token)
        }
        // The variable of a trailing quantifier is bound in the comparison before it.
        let start = position
        if let (binding, quantifier) = try trailingQuantifier() {
            bound.append(binding.name)
            position = start
            let condition = try comparison()
            _ = try trailingQuantifier()
            bound.removeLast()
            return try universal(binding, condition, at: quantifier)
        }
        position = start
        return try comparison()
    }

    /// Looks ahead, past the comparison, for `\forall i` or `\text{for every} i`.
    mutating func trailingQuantifier() throws(TeXReadError) -> (MathBinding, TeXToken)? {
        var depth = 0
        var i = position
        while i < tokens.count {
            let t = tokens[i]
            switch t.kind {
            case .symbol("("), .symbol("["), .symbol("{"), .command("{"), .command("left"): depth += 1
            case .symbol(")"), .symbol("]"), .symbol("}"), .command("}"), .command("right"):
                if depth == 0 { return nil }
                depth -= 1
            case .command("land"), .command("wedge"), .command("lor"), .command("vee"), .end:
                if depth == 0 { return nil }
            default: break
            }
            if depth == 0, t.isCommand("forall") || isForEveryText(at: i) {
                position = i
                advance()
                if t.isCommand("text") || t.isCommand("mbox") || t.isCommand("textrm") {
                    while !peek.isSymbol("}") { advance() }
                    advance()
                }
                let binding = try quantifierBinding()
                return (binding, t)
            }
            i += 1
        }
        return nil
    }

    func isForEveryText(at i: Int) -> Bool {
        guard tokens[i].isCommand("text") || tokens[i].isCommand("mbox") || tokens[i].isCommand("textrm"),
              i + 1 < tokens.count, tokens[i + 1].isSymbol("{") else { return false }
        var words = ""
        var j = i + 2
        while j < tokens.count, !tokens[j].isSymbol("}") {
            if case .letter(let c) = tokens[j].kind {
                if j > i + 2, tokens[j].column > tokens[j - 1].column + 1 { words += " " }
                words.append(c)
            } else { return false }
            j += 1
        }
        return ["for every", "for all", "for each"].contains(words.lowercased())
    }

    /// `i` or `i \ne y` after a quantifier.
    mutating func quantifierBinding() throws(TeXReadError) -> MathBinding {
        let token = peek
        let name: String
        switch token.kind {
        case .letter(let c): name = String(c)
        case .command(let command) where Self.greekLetters[command] != nil: name = Self.greekLetters[command]!
        default:
            throw TeXReadError(column: token.column, message: "a quantifier needs its index letter, as in `\\forall i`; found \(token)")
        }
        advance()
        var binding = MathBinding(name: name, range: .over([]))
        if takeCommand("ne") || takeCommand("neq") {
            binding.excluded.append(try expression())
        }
        return binding
    }

    func universal(_ binding: MathBinding, _ condition: MathCondition, at token: TeXToken) throws(TeXReadError) -> MathCondition {
        var binding = binding
        let sources = condition.expressions.flatMap { Self.rangeSources(of: binding.name, in: $0) }
        var unique: [MathExpression] = []
        for s in sources where !unique.contains(s) { unique.append(s) }
        guard !unique.isEmpty else {
            throw TeXReadError(column: token.column, message: "cannot tell what `\(binding.name)` ranges over: nothing in the condition is subscripted with `\(binding.name)`")
        }
        binding.range = .over(unique)
        return .forAll(binding, condition)
    }

    /// `a < b`, or a chain `0 \le q_i \le 1`.
    mutating func comparison() throws(TeXReadError) -> MathCondition {
        let start = peek
        if let close = openGroupIfCondition() {
            let inner = try disjunction()
            try closeGroup(close, opened: start)
            return inner
        }
        var operands = [try expression()]
        var relations: [MathCondition.Comparison] = []
        while let relation = takeRelation() {
            relations.append(relation)
            operands.append(try expression())
        }
        guard !relations.isEmpty else {
            throw TeXReadError(column: start.column, message: "`\\mathbb{1}(…)` needs a condition, such as `y = i` or `q_i \\ge 0`; found a value")
        }
        return .comparison(operands, relations)
    }

    /// A parenthesised condition, `(a < b) \land (c < d)`, as opposed to a parenthesised value.
    mutating func openGroupIfCondition() -> Character? {
        let save = position
        guard let close = openGroup() else { return nil }
        var depth = 0
        var i = position
        while i < tokens.count {
            let t = tokens[i]
            if t.isSymbol("(") || t.isSymbol("[") || t.isSymbol("{") || t.isCommand("left") { depth += 1 }
            if t.isSymbol(")") || t.isSymbol("]") || t.isSymbol("}") || t.isCommand("right") {
                if depth == 0 { break }
                depth -= 1
            }
            if depth == 0, Self.relation(t) != nil || t.isCommand("forall") || t.isCommand("land") { return close }
            i += 1
        }
        position = save
        return nil
    }

    mutating func takeRelation() -> MathCondition.Comparison? {
        guard let relation = Self.relation(peek) else { return nil }
        advance()
        return relation
    }

    static func relation(_ token: TeXToken) -> MathCondition.Comparison? {
        switch token.kind {
        case .symbol("="): return .equal
        case .symbol("<"): return .less
        case .symbol(">"): return .greater
        case .command("ne"), .command("neq"): return .notEqual
        case .command("le"), .command("leq"), .command("leqslant"): return .lessOrEqual
        case .command("ge"), .command("geq"), .command("geqslant"): return .greaterOrEqual
        case .command("lt"): return .less
        case .command("gt"): return .greater
        default: return nil
        }
    }
}
