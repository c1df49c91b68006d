/// Atoms: numbers, names, groups, `|x|` and the indicator.
extension TeXMathParser {

    enum Atom {
        case value(MathExpression)
        case function(String, declared: Bool, arity: Int?)
    }

    mutating func atom() throws(TeXReadError) -> Atom {
        let token = peek
        if let declared = try declaredTeXName() { return declared }
        switch token.kind {
        case .number(let text):
            advance()
            if case .number = peek.kind {
                throw TeXReadError(column: peek.column, message: "two numbers in a row, `\(text) \(peek)`: write `\(text) \\cdot \(peek)`")
            }
            return .value(.number(text))
        case .letter(let c):
            advance()
            return try resolve(String(c), at: token)
        case .symbol("|"):
            guard absoluteDepth == 0 else {
                throw TeXReadError(column: token.column, message: "`|` inside `|…|` is ambiguous: write `\\left| … \\right|` or `\\lvert … \\rvert` for the inner one")
            }
            try checkAbsoluteBars(from: position)
            advance()
            absoluteDepth += 1
            let inner = try expression()
            absoluteDepth -= 1
            try expect("|", closing: "the `|` at column \(token.column)")
            return .value(.apply(.abs, inner))
        case .command(let name):
            if name == "delta", scope.kind(of: "delta") == nil, tokens[min(position + 1, tokens.count - 1)].isSymbol("_") {
                advance(); advance()
                return .value(try kroneckerDelta(at: token))
            }
            if let greek = Self.greekLetters[name] {
                advance()
                return try resolve(greek, at: token)
            }
            if scope.kind(of: name) != nil, scope.blockNames.contains(name) {
                // A command the block declares: `% let \tanh(x) = …`.
                advance()
                return try resolve(name, at: token)
            }
            if Self.accents.contains(name) {
                let written = text(from: position, to: min(position + 4, tokens.count))
                problems.append(TeXReadError(column: token.column, message:
                    "`\(written)` is a name of its own, not the letter under the accent: declare it, `% let \(written) = …`"))
                advance()
                while peek.isSymbol("{") { skipGroup() }
                return .value(.number("0"))
            }
            if Self.nameCommands.contains(name) {
                advance()
                return try resolve(try braced(name: name, at: token), at: token)
            }
            if name == "langle" {
                advance()
                let a = try expression()
                try expect(",", closing: "the first argument of `\\langle` at column \(token.column)")
                let b = try expression()
                guard takeCommand("rangle") else { throw unexpected("where `\\rangle` closes the `\\langle` at column \(token.column)") }
                return .value(.arithmetic(.inner, a, b))
            }
            if name == "|" || name == "Vert" || name == "lVert" {
                advance()
                return .value(try norm(at: token))
            }
            if name == "lvert" || name == "vert" {
                advance()
                let inner = try expression()
                guard takeCommand("rvert") || takeCommand("vert") || takeCommand("|") else { throw unexpected("where `\\rvert` closes `\\\(name)`") }
                return .value(.apply(.abs, inner))
            }
            if name == "mathbb" || name == "mathbbm" || name == "mathds" {
                advance()
                try expect("{", closing: "`\\\(name)`")
                guard case .number("1") = peek.kind else {
                    throw TeXReadError(column: peek.column, message: "only the indicator `\\\(name){1}(…)` is read")
                }
                advance()
                try expect("}", closing: "`\\\(name){1`")
                return .value(.indicator(try indicatorCondition(at: token)))
            }
            if name == "infty" {
                throw TeXReadError(column: token.column, message: "`\\infty` is not a value the reader evaluates")
            }
            if let close = openGroup() {
                let inner = try expression()
                try closeGroup(close, opened: token)
                return .value(inner)
            }
            if Self.ellipses.contains(name) {
                throw TeXReadError(column: token.column, message: "`\(token)` stands for terms left out, and needs written terms around it: `x_1 + x_2 + \(token) + x_n`")
            }
            if name == "begin" {
                return .value(try environment(at: token))
            }
            if name == "end" {
                throw TeXReadError(column: token.column, message: "`\\end{\(DerivationLine.groupText(tokens, from: position + 1))}` closes no `\\begin` of this step")
            }
            // Read past it, with its braced arguments, so that the step's other problems are reported too.
            problems.append(TeXReadError(column: token.column, message: "`\(token)` is not in the TeX subset the reader understands (see the README's table); declare it with `% let \(token)… = …` if it names a value, or give the line a Swift twin after `%`"))
            advance()
            while peek.isSymbol("{") { skipGroup() }
            return .value(.number("0"))
        case .symbol:
            if let close = openGroup() {
                if close == "|" {
                    let inner = try expression()
                    try closeGroup(close, opened: token)
                    return .value(.apply(.abs, inner))
                }
                let inner = try expression()
                if peek.isSymbol(",") {
                    throw TeXReadError(column: peek.column, message: "a tuple `(a, b)` has no value of its own here; a comma separates a function's arguments")
                }
                try closeGroup(close, opened: token)
                return .value(inner)
            }
            throw unexpected("where a value should start")
        case .end:
            throw TeXReadError(column: token.column, message: "the step ends where a value should follow")
        }
    }

    /// A name the block declared in TeX (`D_{KL}`, `\hat{y}`, `MSE`), matched
    /// token by token where it is written. A multi-letter name whose letters
    /// are each in scope could also be their product: that is an error.
    mutating func declaredTeXName() throws(TeXReadError) -> Atom? {
        let token = peek
        for (pattern, name) in scope.texNames where position + pattern.count <= tokens.count {
            guard tokens[position..<(position + pattern.count)].map(\.kind) == pattern else { continue }
            let letters = pattern.compactMap { kind -> String? in if case .letter(let c) = kind { return String(c) } else { return nil } }
            if pattern.count > 1, letters.count == pattern.count, letters.allSatisfy({ scope.kind(of: $0) != nil || bound.contains($0) }) {
                throw TeXReadError(column: token.column, message:
                    "`\(letters.joined())` could be the declared name `\(name)` or the product \(letters.joined(separator: "·")), since each letter is declared too: write `\\operatorname{\(letters.joined())}` for the name, or `\(letters.joined(separator: " \\cdot "))` for the product")
            }
            position += pattern.count
            switch scope.kind(of: name) {
            case .declaredFunction(let arity)?: return .function(name, declared: true, arity: arity)
            case .swiftFunction?: return .function(name, declared: false, arity: nil)
            default: return .value(.name(name))
            }
        }
        return nil
    }

    /// Functions of matrices the reader knows by name, unless the block or
    /// the chapter declares the name: `diag`, `det`, and the trace.
    static let matrixFunctions: [String: MathExpression.MathFunction] = [
        "diag": .diag, "det": .det, "tr": .trace, "Tr": .trace, "trace": .trace,
    ]

    /// Accents that make a new symbol of a letter: `\hat{y}` is not y.
    static let accents: Set<String> = ["hat", "widehat", "tilde", "widetilde", "bar", "overline", "dot", "ddot", "check", "breve", "acute", "grave", "mathring", "underline"]

    /// `\delta_{ij}`, `\delta_{i,j}`, `\delta_{y i}`: the Kronecker delta, 1
    /// when its two indices are equal, else 0 (unless the block declares `\delta`).
    mutating func kroneckerDelta(at token: TeXToken) throws(TeXReadError) -> MathExpression {
        guard take("{") else {
            throw TeXReadError(column: token.column, message: "the Kronecker delta takes two indices: `\\delta_{ij}`")
        }
        var indices: [MathExpression] = []
        while !peek.isSymbol("}") {
            if peek.kind == .end { throw unexpected("where `}` should close the indices of `\\delta`") }
            if take(",") { continue }
            switch peek.kind {
            case .letter, .number:
                // One token an index, as TeX writes δ_{ij}.
                guard case .value(let index) = try atom() else { throw unexpected("in the indices of `\\delta`") }
                indices.append(index)
            default:
                indices.append(try expression())
            }
        }
        advance()
        guard indices.count == 2 else {
            throw TeXReadError(column: token.column, message: "the Kronecker delta takes two indices, `\\delta_{ij}` or `\\delta_{i,j}`; found \(indices.count)")
        }
        return .indicator(.comparison(indices, [.equal]))
    }

    /// Moves past a braced group and everything inside it.
    mutating func skipGroup() {
        var depth = 0
        repeat {
            if peek.isSymbol("{") { depth += 1 }
            if peek.isSymbol("}") { depth -= 1 }
            if peek.kind == .end { return }
            advance()
        } while depth > 0
    }

    /// `|x |c| m|` could close at the second bar or open a new pair there:
    /// a bar that is followed by a factor while more bars come later is ambiguous.
    func checkAbsoluteBars(from start: Int) throws(TeXReadError) {
        let bars = tokens.indices.filter { $0 > start && tokens[$0].isSymbol("|") }
        for (k, bar) in bars.enumerated() where k + 1 < bars.count {
            let next = tokens[bar + 1]
            switch next.kind {
            case .letter, .number: break
            case .command(let name) where Self.greekLetters[name] != nil || Self.nameCommands.contains(name) || name == "frac": break
            default: continue
            }
            throw TeXReadError(column: tokens[bar].column, message:
                "this `|` could close `|…|` or open another one: write `\\left| … \\right|` or `\\lvert … \\rvert` to say which")
        }
    }

    /// A name: a bound index, a declaration, a name of the chapter's code,
    /// or `e` and `\pi` when no declaration takes them.
    mutating func resolve(_ name: String, at token: TeXToken) throws(TeXReadError) -> Atom {
        if bound.contains(name) { return .value(.name(name)) }
        if !scope.blockNames.contains(name) {
            // Euler's number and π, unless the block itself declares the name.
            if name == "e" { return .value(.constant(.e)) }
            if name == "pi" { return .value(.constant(.pi)) }
        }
        switch scope.kind(of: name) {
        case .value?: return .value(.name(name))
        case .declaredFunction(let arity)?: return .function(name, declared: true, arity: arity)
        case .swiftFunction?: return .function(name, declared: false, arity: nil)
        case nil: break
        }
        if Self.matrixFunctions[name] != nil {
            // `\operatorname{diag}(v)`, `\mathrm{tr}(A)`: built in, unless declared.
            return .function(name, declared: false, arity: 1)
        }
        if name.count > 1, Self.greekLetters[name] == nil, peek.isSymbol("(") || peek.isSymbol("_") || peek.isCommand("left") || Self.sizeOpeners.contains(commandName(peek) ?? "") {
            // A multi-letter name applied to arguments: a function of the chapter's
            // Swift code or of a library it imports (`\operatorname{softmax}(z)`).
            return .function(name, declared: false, arity: nil)
        }
        let written = token.kind == .command("text") || token.kind == .command("mathrm") ? "\(token){\(name)}" : "\(token)"
        var message = "`\(written)` is not declared; names in scope: \(scope.listing). Declare it in the block's header, `% let \(name) = …`"
        if written != "\(token)" {
            // `0.0253 \text{ nats}`: a unit after a number is a factor of it.
            message += " (a unit after a number is a factor of it: `% let \(name) = 1`)"
        }
        if let binder = binder(of: name) {
            message = "`\(token)` is used outside the `\(binder)` that binds it: an index of a sum, product, max or min exists only in its body. Names in scope: \(scope.listing)"
        } else if name.count == 1, let word = wordStarting(at: position - 1), word.count > 1 {
            message += ", or write a name of several letters as `\\operatorname{\(word)}`"
        }
        // Read on, so that the error can show the rest of the step as read.
        problems.append(TeXReadError(column: token.column, message: message))
        return .value(.name(name))
    }

    /// The big operator of the step that binds `name` (`\sum_j`), if any.
    func binder(of name: String) -> String? {
        for i in tokens.indices.dropLast(2) {
            guard case .command(let op) = tokens[i].kind, ["sum", "prod", "max", "min"].contains(op), tokens[i + 1].isSymbol("_") else { continue }
            let first = tokens[i + 2].isSymbol("{") && i + 3 < tokens.count ? tokens[i + 3] : tokens[i + 2]
            let bound: String?
            switch first.kind {
            case .letter(let c): bound = String(c)
            case .command(let c): bound = Self.greekLetters[c]
            default: bound = nil
            }
            if bound == name { return "\\\(op)_\(name)" }
        }
        return nil
    }

    /// Letters written together from `index` on (`softmax` typed without `\operatorname`).
    func wordStarting(at index: Int) -> String? {
        var word = ""
        var i = index
        while i < tokens.count, case .letter(let c) = tokens[i].kind, i == index || tokens[i].column == tokens[i - 1].column + 1 {
            word.append(c)
            i += 1
        }
        return word.isEmpty ? nil : word
    }

    /// The text of `\text{Loss}`, which must be a Swift identifier.
    mutating func braced(name command: String, at token: TeXToken) throws(TeXReadError) -> String {
        try expect("{", closing: "`\\\(command)`")
        var text = ""
        var lastColumn: Int?
        while !peek.isSymbol("}") {
            let t = peek
            if t.kind == .end { throw TeXReadError(column: token.column, message: "`\\\(command){` is not closed") }
            if let lastColumn, t.column > lastColumn + 1 { text += " " }
            switch t.kind {
            case .letter(let c): text.append(c)
            case .number(let n): text += n
            case .symbol(let c): text.append(c)
            case .command(let c): text += "\\" + c
            case .end: break
            }
            lastColumn = t.column + t.description.count - 1
            advance()
        }
        advance()
        var trimmed = text.trimmed
        if trimmed.hasPrefix("\\"), let greek = Self.greekLetters[String(trimmed.dropFirst())] { trimmed = greek }
        let isIdentifier = !trimmed.isEmpty && (trimmed.first!.isLetter || trimmed.first == "_")
            && trimmed.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        guard isIdentifier else {
            throw TeXReadError(column: token.column, message:
                "`\\\(command){\(trimmed)}` is not a name the reader can evaluate: a name written with `\\\(command){}` must be a Swift identifier. If this step cannot be said in TeX, give it a Swift twin after `%`")
        }
        return trimmed
    }

    /// `\|v\|`, `\Vert v \Vert`, `\lVert v \rVert`, with `_2`, `_1`,
    /// `_\infty` or `_F` after it: a norm (``MathExpression/MathFunction/norm``).
    /// Any other subscript is an error: the reader never guesses which norm.
    mutating func norm(at token: TeXToken) throws(TeXReadError) -> MathExpression {
        normDepth += 1
        let inner = try expression()
        normDepth -= 1
        guard takeCommand("|") || takeCommand("Vert") || takeCommand("rVert") else {
            throw unexpected("where `\\|` closes the norm opened at column \(token.column)")
        }
        guard take("_") else { return .apply(.norm, inner) }
        let braced = take("{")
        let script = peek
        let kind: MathExpression.MathFunction
        switch script.kind {
        case .number("2"): kind = .norm
        case .number("1"): kind = .norm1
        case .command("infty"): kind = .normInfinity
        case .letter("F"): kind = .normFrobenius
        default:
            throw TeXReadError(column: script.column, message: "`\\|…\\|_\(script)` is not a norm the reader knows: write `_2` (Euclidean), `_1`, `_\\infty` or `_F` (Frobenius)")
        }
        advance()
        if braced { try expect("}", closing: "the norm's subscript") }
        return .apply(kind, inner)
    }
}
