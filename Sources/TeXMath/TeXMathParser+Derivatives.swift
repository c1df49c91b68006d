/// `\\nabla`, `\\partial` and `\\frac{d}{dx}`.
extension TeXMathParser {

    /// `\frac{a}{b}`, or a derivative written as a fraction:
    /// `\frac{\partial}{\partial z_i} F`, `\frac{\partial F}{\partial z_i}`, `\frac{d}{dx} F`.
    mutating func fraction(at token: TeXToken) throws(TeXReadError) -> MathExpression {
        if let derivative = try derivativeFraction(at: token) { return derivative }
        let numerator = try argument(of: "\\frac")
        let denominator = try argument(of: "\\frac")
        return try postfixOperators(on: .arithmetic(.divide, numerator, denominator))
    }

    mutating func derivativeFraction(at token: TeXToken) throws(TeXReadError) -> MathExpression? {
        guard peek.isSymbol("{") else { return nil }
        let next = tokens[min(position + 1, tokens.count - 1)]
        let isPartial = next.isCommand("partial")
        let isUpright = next.isCommand("mathrm") && tokens.count > position + 4 && tokens[position + 3].kind == .letter("d") && tokens[position + 4].isSymbol("}")
        var isD = next.kind == .letter("d")
        if isD {
            // `\frac{d}{dx}` only when the denominator starts with d as well.
            let afterNumerator = tokens[position...].firstIndex(where: { $0.isSymbol("}") }) ?? position
            let denominatorStart = tokens[min(afterNumerator + 2, tokens.count - 1)]
            isD = tokens[min(afterNumerator + 1, tokens.count - 1)].isSymbol("{") && denominatorStart.kind == .letter("d")
            if isD, scope.kind(of: "d") != nil {
                throw TeXReadError(column: next.column, message: "`\\frac{d}{d…}` is ambiguous because `d` is declared: write `\\frac{\\mathrm{d}}{\\mathrm{d}x}`")
            }
        }
        guard isPartial || isD || isUpright else { return nil }
        advance()  // {
        try differentialMarker()
        var function: MathExpression?
        if !peek.isSymbol("}") { function = try expression() }
        try expect("}", closing: "the numerator of the derivative")
        try expect("{", closing: "the derivative's `\\frac`")
        try differentialMarker()
        // `\partial{o_i}`, `d{x_j}`: the variable may be braced.
        let variable = try differentiationVariable(braced: peek.isSymbol("{"))
        try expect("}", closing: "the denominator of the derivative")
        if let function { return try postfixOperators(on: derivative(variable, function, at: token)) }
        return derivative(variable, try derivativeOperand(), at: token)
    }

    /// The derivative of `operand` by `variable`, after checking that no
    /// value it uses is held fixed while it would change with the variable:
    /// a chapter value computed from z stays as it was when z varies, so its
    /// derivative would be a silent 0. That is an error that says what to declare.
    mutating func derivative(_ variable: MathVariable, _ operand: MathExpression, at token: TeXToken) -> MathExpression {
        let fixed = operand.names.filter { !bound.contains($0) }.sorted().flatMap { name in
            scope.heldFixed(name, varying: variable.name).map { (name, $0) }
        }
        for (name, source) in fixed {
            let via = name == source ? "" : " (through `% let \(name)`)"
            problems.append(TeXReadError(column: token.column, message:
                "this derivative by `\(variable.name)` would hold `\(source)` fixed\(via), but `\(source)` is a value of the chapter's code that may change with `\(variable.name)`, so the derivative would be wrong (often 0); declare it in the block, `% let \(source) = …` (its Swift, computed from \(variable.name)), so that the reader computes it again as \(variable.name) varies"))
        }
        return .derivative(variable, operand)
    }

    mutating func differentialMarker() throws(TeXReadError) {
        if takeCommand("partial") { return }
        if peek.kind == .letter("d") { advance(); return }
        if peek.isCommand("mathrm") {
            advance()
            try expect("{", closing: "`\\mathrm`")
            guard peek.kind == .letter("d") else { throw unexpected("where `\\mathrm{d}` was expected") }
            advance()
            try expect("}", closing: "`\\mathrm{d`")
            return
        }
        throw unexpected("where `\\partial` or `d` was expected")
    }

    /// `z_i`, `z`, `x` or `{z_i}`: the variable a derivative varies, which must
    /// be a `% for` input or a value of the chapter's code.
    mutating func differentiationVariable(braced isBraced: Bool) throws(TeXReadError) -> MathVariable {
        if isBraced { advance() }
        let token = peek
        let name: String
        if case .value(.name(let declared))? = try declaredTeXName() {
            // A name declared in TeX: `\partial \hat{y}`, `\partial net_{h1}`.
            name = declared
        } else {
        switch token.kind {
        case .letter(let c): name = String(c); advance()
        case .command(let command) where Self.greekLetters[command] != nil: name = Self.greekLetters[command]!; advance()
        case .command(let command) where Self.nameCommands.contains(command):
            advance()
            name = try braced(name: command, at: token)
        default:
            throw TeXReadError(column: token.column, message: "a derivative needs a variable, as in `\\nabla_{z_i}` or `\\frac{d}{dx}`; found \(token)")
        }
        }
        guard scope.variables.contains(name), !bound.contains(name) else {
            throw TeXReadError(column: token.column, message:
                "`\(token)` cannot be varied: a derivative is taken with respect to a `% for` input or a value of the chapter's code (\(scope.variables.sorted().joined(separator: ", ")))")
        }
        var component: MathExpression?
        if take("_") { component = try script(of: "_") }
        if isBraced { try expect("}", closing: "the subscript of the derivative") }
        return MathVariable(name: name, component: component)
    }

    /// `\nabla F` or `\partial_j F` with the variable left out: the block's one
    /// vector input (`% for z in logits(…)`); with none or several, the reader
    /// cannot tell which is meant and says so.
    func impliedVariable(at token: TeXToken, component: MathExpression?) throws(TeXReadError) -> MathVariable {
        guard scope.vectorInputs.count == 1, let name = scope.vectorInputs.first else {
            let which = scope.vectorInputs.isEmpty ? "no vector input" : "several vector inputs (\(scope.vectorInputs.joined(separator: ", ")))"
            throw TeXReadError(column: token.column, message: "`\(token)` does not say what it differentiates by, and the block has \(which): write the variable, `\(token)_{z}` or `\\frac{\\partial}{\\partial z_j}`")
        }
        return MathVariable(name: name, component: component)
    }

    /// What a derivative applies to: the group right after it, or else the
    /// rest of the product up to the next `+` or `-`.
    mutating func derivativeOperand() throws(TeXReadError) -> MathExpression {
        let token = peek
        if let close = openGroup() {
            let inner = try expression()
            try closeGroup(close, opened: token)
            return try postfixOperators(on: inner)
        }
        guard startsFactor(peek) else {
            throw TeXReadError(column: token.column, message: "a derivative needs something to differentiate after it; found \(token)")
        }
        return try product()
    }
}
