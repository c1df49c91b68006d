/// `\\sum`, `\\prod`, `\\max`, `\\min` and the indices they bind.
extension TeXMathParser {

    /// `\sum_j BODY`, `\sum_{j \ne y}`, `\sum_{j=1}^{K}`: the body is the rest of the product.
    mutating func reduction(_ kind: MathExpression.Reduction, at token: TeXToken) throws(TeXReadError) -> MathExpression {
        let written = "\(token)"
        guard take("_") else { return try unindexedReduction(kind, at: token) }
        var (binding, hasLower) = try bindingHead(of: written)
        if hasLower {
            guard take("^") else {
                throw TeXReadError(column: peek.column, message: "`\(written)_{\(binding.name)=…}` needs its upper bound: `^{…}`")
            }
            guard case .bounds(let lower, _) = binding.range else { fatalError("bindingHead returns bounds with a lower bound") }
            binding.range = .bounds(lower, try script(of: "^"))
        } else if take("^") {
            // `\sum_j^C`: an upper bound only, as a count: j runs over C indices from the first.
            let count = try script(of: "^")
            let base = MathExpression.number(String(scope.indexBase))
            binding.range = .bounds(base, scope.indexBase == 1 ? count : .arithmetic(.subtract, count, .number("1")))
        }
        guard startsFactor(peek) else {
            throw TeXReadError(column: peek.column, message: "`\(written)` needs a body after its index; found \(peek)")
        }
        bound.append(binding.name)
        let body = try product()
        bound.removeLast()
        if case .over = binding.range {
            let sources = Self.rangeSources(of: binding.name, in: body)
            guard !sources.isEmpty else {
                throw TeXReadError(column: token.column, message:
                    "cannot tell what `\(binding.name)` ranges over: nothing in the body is subscripted with `\(binding.name)`; write the bounds, `\(written)_{\(binding.name)=0}^{K-1}` (indices count from 0)")
            }
            binding.range = .over(sources)
        }
        return .reduction(kind, binding, body)
    }

    /// `\sum e^{x_d}`, `\sum t_i`: a sum written without its index, which
    /// is the body's one free subscript letter (an index not declared
    /// anywhere). With none, or several, the reader cannot tell and says so.
    mutating func unindexedReduction(_ kind: MathExpression.Reduction, at token: TeXToken) throws(TeXReadError) -> MathExpression {
        let written = "\(token)"
        let start = position
        guard startsFactor(peek) else {
            throw TeXReadError(column: token.column, message: "`\(written)` needs its index as a subscript: `\(written)_j` or `\(written)_{j=0}^{K-1}`")
        }
        // Read the body once with every free letter bound, to find the subscripts.
        let candidates = freeSubscriptLetters(from: start)
        guard candidates.count == 1, let index = candidates.first else {
            let found = candidates.isEmpty ? "no subscript letter that is not declared" : "several: " + candidates.sorted().joined(separator: ", ")
            throw TeXReadError(column: token.column, message: "`\(written)` without an index: its body has \(found); write the index, `\(written)_j`")
        }
        bound.append(index)
        let body = try product()
        bound.removeLast()
        let sources = Self.rangeSources(of: index, in: body)
        guard !sources.isEmpty else {
            throw TeXReadError(column: token.column, message: "`\(written)` without an index: write it, `\(written)_\(index)`")
        }
        return .reduction(kind, MathBinding(name: index, range: .over(sources)), body)
    }

    /// Letters written as a subscript (`x_d`, `t_{i}`) after `start`, up to the
    /// end of the product, that no declaration or enclosing sum binds.
    func freeSubscriptLetters(from start: Int) -> Set<String> {
        var out = Set<String>()
        var i = start
        var depth = 0
        while i + 1 < tokens.count {
            let t = tokens[i]
            if t.isSymbol("(") || t.isSymbol("{") || t.isSymbol("[") { depth += 1 }
            if t.isSymbol(")") || t.isSymbol("}") || t.isSymbol("]") { if depth == 0 { break }; depth -= 1 }
            if depth == 0, t.isSymbol("+") || t.isSymbol("-") || t.kind == .end || Self.relation(t) != nil { break }
            if t.isSymbol("_") {
                var j = i + 1
                if tokens[j].isSymbol("{") { j += 1 }
                if case .letter(let c) = tokens[j].kind {
                    let name = String(c)
                    if scope.kind(of: name) == nil, !bound.contains(name) { out.insert(name) }
                }
            }
            i += 1
        }
        return out
    }

    /// The subscript of a sum or `\forall`: the index name, then `\ne EXPR`
    /// or `= LOWER`. Returns whether a lower bound was given.
    mutating func bindingHead(of written: String) throws(TeXReadError) -> (MathBinding, Bool) {
        let braced = take("{")
        let nameToken = peek
        let name: String
        switch nameToken.kind {
        case .letter(let c): name = String(c); advance()
        case .command(let command) where Self.greekLetters[command] != nil: name = Self.greekLetters[command]!; advance()
        default:
            throw TeXReadError(column: nameToken.column, message: "`\(written)` needs an index letter in its subscript, as in `\(written)_j`; found \(nameToken)")
        }
        var binding = MathBinding(name: name, range: .over([]))
        var hasLower = false
        if braced {
            if take("=") {
                binding.range = .bounds(try expression(), .number("0"))
                hasLower = true
            } else if takeCommand("ne") || takeCommand("neq") {
                binding.excluded.append(try expression())
                while take(",") { binding.excluded.append(try expression()) }
            } else if takeCommand("in") {
                throw TeXReadError(column: nameToken.column, message: "`\(written)_{\(name) \\in …}` is not read: write `\(written)_\(name)`, `\(written)_{\(name) \\ne y}` or `\(written)_{\(name)=0}^{K-1}`")
            }
            try expect("}", closing: "the subscript of `\(written)`")
        }
        return (binding, hasLower)
    }

    /// The vectors a body subscripts with `index` directly (`z_j`,
    /// `\operatorname{softmax}(z)_j`, `\nabla_{z_j}`), which say how far the
    /// index runs. A vector that itself depends on the index, or on an index
    /// bound inside the body, cannot say it and is left out.
    static func rangeSources(of index: String, in body: MathExpression) -> [MathExpression] {
        var sources: [MathExpression] = []
        func visit(_ e: MathExpression, inner: Set<String>) {
            func usable(_ base: MathExpression) -> Bool {
                let names = base.names
                return !names.contains(index) && names.isDisjoint(with: inner)
            }
            switch e {
            case .power(.element(let base, .name(let i)), let e) where i == index && !inner.contains(i) && !e.names.isEmpty:
                // `a_i^l`: i runs over layer l of a (or over a, where the superscript is a power).
                let layer = MathExpression.power(base, e)
                if usable(layer), !sources.contains(layer) { sources.append(layer) }
                visit(base, inner: inner)
                visit(e, inner: inner)
            case .element(let base, .name(let i)) where i == index && !inner.contains(i):
                if usable(base), !sources.contains(base) { sources.append(base) }
                visit(base, inner: inner)
            case .derivative(let variable, let operand):
                if case .name(let i)? = variable.component, i == index, !inner.contains(i) {
                    let base = MathExpression.name(variable.name)
                    if !sources.contains(base) { sources.append(base) }
                }
                if let component = variable.component { visit(component, inner: inner) }
                visit(operand, inner: inner)
            case .reduction(_, let binding, let inside):
                visit(inside, inner: inner.union([binding.name]))
            default:
                for child in e.children { visit(child, inner: inner) }
            }
        }
        visit(body, inner: [])
        return sources
    }
}
