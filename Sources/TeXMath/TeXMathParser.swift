/// Reads one term of a derivation step (the TeX between two `=`) into a
/// ``MathExpression``: a recursive-descent parser with one function per
/// precedence level.
///
/// ```
/// expression := ['+' | '-'] product (('+' | '-') product)*
/// product    := factor ((\cdot | \times | * | /) factor | factor)*
/// factor     := '-' factor | big-operator | derivative | function | \frac | \sqrt | postfix
/// postfix    := atom ('_' index | '^' power | '(' arguments ')')*
/// atom       := number | name | group | |x| | \mathbb{1}(condition)
/// ```
///
/// Big operators (`\sum_j`, `\prod_j`, `\max_j`, `\min_j`) take the rest of
/// the product as their body. A derivative takes the group right after it,
/// or else the rest of the product. `\log`, `\exp` and `\ln` without
/// parentheses take one factor; another factor after it is ambiguous.
///
/// The reader never guesses: anything it cannot read with certainty is a
/// ``TeXReadError`` naming the token and saying what to write instead.
package struct TeXMathParser {
    var tokens: [TeXToken]
    var position = 0
    let scope: MathScope
    /// Indices bound by the sums and `\forall`s around the current position.
    var bound: [String] = []
    /// How many `|…|` the parser is inside: a `|` there closes, it does not open.
    var absoluteDepth = 0
    /// How many `\|…\|` norms the parser is inside: a `\|` there closes.
    var normDepth = 0
    /// Problems the reader noted and read past (an undeclared name, an
    /// unknown command, a prime), so that one render reports them all.
    var problems: [TeXReadError] = []
    /// How many declared functions' argument lists the parser is inside, where
    /// `\|`, `||` and `\Vert` separate arguments (`D_{KL}(p \| q)`).
    var separatorBars = 0
    /// How deeply the parser has recursed: groups, signs, fractions.
    var depth = 0
    /// The deepest nesting the reader follows; deeper TeX is an error, never a crash.
    static let maximumDepth = 120

    init(tokens: [TeXToken], scope: MathScope) {
        self.tokens = Self.meaningful(tokens)
        if self.tokens.last?.kind != .end { self.tokens.append(TeXToken(kind: .end, column: tokens.last?.column ?? 1)) }
        self.scope = scope
    }

    /// Spacing, alignment and style commands change how a step looks, not what it means.
    static func isLayoutOnly(_ token: TeXToken) -> Bool {
        switch token.kind {
        case .symbol("&"): return true
        case .command(let name): return layoutCommands.contains(name)
        default: return false
        }
    }

    /// The tokens without layout, except the `&` and `\\` that separate
    /// the cells and rows of a matrix or `cases` inside `\begin…\end`.
    static func meaningful(_ tokens: [TeXToken]) -> [TeXToken] {
        var environments = 0
        return tokens.filter { token in
            if token.isCommand("begin") { environments += 1 }
            if token.isCommand("end") { environments = max(environments - 1, 0) }
            if environments > 0, token.isSymbol("&") || token.isCommand("\\") { return true }
            return !isLayoutOnly(token)
        }
    }

    static let layoutCommands: Set<String> = [
        ",", ";", ":", "!", " ", "\\", "quad", "qquad", "displaystyle", "textstyle", "scriptstyle",
        "limits", "nolimits", "thinspace", "medspace", "thickspace", "enspace", "negthinspace",
    ]

    /// Reads one term of a step, or every problem that stops it.
    public static func read(_ term: DerivationLine.Term, scope: MathScope) throws(TeXReadFailure) -> MathExpression {
        try read(term.tokens, scope: scope)
    }

    /// Reads a line's side condition (`i \ne j` of `\text{for } i \ne j`); nil when it has none.
    public static func readCondition(of row: DerivationLine.Row, scope: MathScope) throws(TeXReadFailure) -> MathCondition? {
        guard var tokens = row.condition, let first = tokens.first else { return nil }
        if tokens.last?.kind != .end { tokens.append(DerivationLine.after(tokens.last ?? first)) }
        var parser = TeXMathParser(tokens: tokens, scope: scope)
        let condition: MathCondition
        do throws(TeXReadError) {
            condition = try parser.disjunction()
            guard parser.peek.kind == .end else { throw parser.unexpected("after the side condition") }
        } catch {
            throw TeXReadFailure(parser.problems + [TeXReadError(column: error.column, message: error.message + " (in the line's side condition; write it as `\\text{for } i \\ne j`, or drop the text if it is prose)")])
        }
        if !parser.problems.isEmpty { throw TeXReadFailure(parser.problems) }
        return condition
    }

    /// Reads the whole token list as one expression.
    static func read(_ tokens: [TeXToken], scope: MathScope) throws(TeXReadFailure) -> MathExpression {
        var parser = TeXMathParser(tokens: tokens, scope: scope)
        guard parser.peek.kind != .end else {
            throw TeXReadFailure([TeXReadError(column: parser.peek.column, message: "the step is empty: write the TeX of its value")])
        }
        let expression: MathExpression
        do throws(TeXReadError) {
            expression = try parser.expression()
            guard parser.peek.kind == .end else { throw parser.unexpected("after a complete expression") }
        } catch {
            throw TeXReadFailure(parser.problems + [error])
        }
        if parser.problems.count == 1, parser.problems[0].message.contains("is not declared") {
            var only = parser.problems[0]
            only.message += "; the step reads as: \(MathReading.text(expression))"
            throw TeXReadFailure([only])
        }
        if !parser.problems.isEmpty { throw TeXReadFailure(parser.problems) }
        return expression
    }

    // MARK: - Precedence levels

    /// Counts one level of nesting, or fails past ``maximumDepth``.
    mutating func enter() throws(TeXReadError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw TeXReadError(column: peek.column, message: "the step nests deeper than \(Self.maximumDepth) levels of groups, signs and fractions: split it into steps, or declare parts with `% let`")
        }
    }

    mutating func expression() throws(TeXReadError) -> MathExpression {
        try enter()
        defer { depth -= 1 }
        /// The terms so far: whether each is subtracted, its value, and its TeX.
        var terms: [(subtracted: Bool, value: MathExpression, written: WrittenTerm)] = []
        let negated = take("-")
        if !negated { _ = take("+") }
        var start = position
        let first = try product()
        terms.append((false, negated ? .negate(first) : first, WrittenTerm(start: start, end: position)))
        while true {
            let sign = peek
            let subtract: Bool
            if take("+") {
                subtract = false
            } else if take("-") {
                subtract = true
            } else if peek.isCommand("pm") || peek.isCommand("mp") {
                throw TeXReadError(column: peek.column, message: "`\(peek)` stands for two values; a step must have one")
            } else {
                break
            }
            if atEllipsis {
                let ellipsis = peek
                advance()
                guard !subtract, take("+") else {
                    throw TeXReadError(column: subtract ? sign.column : peek.column, message:
                        "an elided sum is written `x_1 + x_2 + \(ellipsis) + x_n`, with `+` on both sides of `\(ellipsis)`")
                }
                start = position
                _ = try product()
                // The run may take in only terms that are added, the first one unless it is negated.
                let addable = terms.indices.reversed().prefix { !terms[$0].subtracted && !($0 == 0 && negated) }.count
                let (taken, run) = try elidedRun(.sum, before: terms.suffix(addable).map(\.written),
                                                 last: WrittenTerm(start: start, end: position), at: ellipsis)
                terms.removeLast(taken)
                terms.append((false, run, WrittenTerm(start: start, end: position)))
                continue
            }
            start = position
            terms.append((subtract, try product(), WrittenTerm(start: start, end: position)))
        }
        var result = terms[0].value
        for term in terms.dropFirst() {
            result = .arithmetic(term.subtracted ? .subtract : .add, result, term.value)
        }
        return result
    }

    mutating func product() throws(TeXReadError) -> MathExpression {
        let start = position
        var (result, bare) = try factor()
        var afterDivision = false
        while true {
            if take("*") || takeCommand("cdot") || takeCommand("times") {
                (result, bare) = try multiply(result, by: factor())
                afterDivision = false
            } else if takeCommand("odot") {
                // The Hadamard product, element by element: never a dot product.
                // (`\circ` is not read: it is composition as often as this.)
                let (other, otherBare) = try factor()
                result = .arithmetic(.hadamard, result, other)
                bare = otherBare
                afterDivision = false
            } else if take("/") {
                let (divisor, divisorBare) = try factor()
                result = .arithmetic(.divide, result, divisor)
                bare = divisorBare
                afterDivision = true
            } else if startsFactor(peek) {
                let next = peek
                if let function = bare {
                    let argument = text(from: start, to: position)
                    throw TeXReadError(column: next.column, message:
                        "`\(argument) \(next)…` is ambiguous: `\(function)` without parentheses takes one factor; write `\(function)(…)` around everything it applies to, or `\(function)(…)\\, \(next)` if only the first factor")
                }
                if afterDivision {
                    throw TeXReadError(column: next.column, message:
                        "`\(text(from: start, to: position)) \(next)…` is ambiguous: write \\frac{…}{…} for the division, or put the quotient in parentheses before `\(next)`")
                }
                (result, bare) = try multiply(result, by: factor())
            } else {
                return result
            }
        }
    }

    func multiply(_ a: MathExpression, by b: (MathExpression, String?)) -> (MathExpression, String?) {
        (.arithmetic(.multiply, a, b.0), b.1)
    }

    /// One factor, and — when it is a function applied without parentheses
    /// (`\log x`) — the function's TeX, since another factor after it is ambiguous.
    mutating func factor() throws(TeXReadError) -> (MathExpression, String?) {
        try enter()
        defer { depth -= 1 }
        let token = peek
        if take("-") { return (.negate(try factor().0), nil) }
        if take("+") { return try factor() }
        guard case .command(let name) = token.kind else { return (try postfix(), nil) }
        switch name {
        case "sum", "prod":
            advance()
            return (try reduction(name == "sum" ? .sum : .product, at: token), nil)
        case "max", "min":
            advance()
            let kind: MathExpression.Reduction = name == "max" ? .max : .min
            if peek.isSymbol("_") { return (try reduction(kind, at: token), nil) }
            guard let close = openGroup() else {
                throw TeXReadError(column: token.column, message: "`\\\(name)` needs an index, `\\\(name)_j z_j`, or arguments, `\\\(name)(a, b)`")
            }
            let arguments = try list(closedBy: close)
            return (try postfixOperators(on: .extremum(kind, arguments)), nil)
        case "nabla", "partial":
            advance()
            guard take("_") else {
                // `\nabla F`: the gradient by the block's one vector input.
                guard name == "nabla" else {
                    throw TeXReadError(column: token.column, message: "`\(token)` needs its variable as a subscript: `\(token)_{z_i} F`")
                }
                return (derivative(try impliedVariable(at: token, component: nil), try derivativeOperand(), at: token), nil)
            }
            // `\partial_j F`: by component j of the one vector input, when j is an index rather than a variable.
            if name == "partial", case .letter(let c) = peek.kind,
               !scope.variables.contains(String(c)) || bound.contains(String(c)) || scope.indexInputs.contains(String(c)),
               !scope.vectorInputs.isEmpty {
                let letter = peek
                advance()
                let index: MathExpression = .name(String(c))
                if !bound.contains(String(c)), scope.kind(of: String(c)) == nil {
                    problems.append(TeXReadError(column: letter.column, message: "`\(c)` is not declared; names in scope: \(scope.listing)"))
                }
                return (derivative(try impliedVariable(at: token, component: index), try derivativeOperand(), at: token), nil)
            }
            let variable = try differentiationVariable(braced: peek.isSymbol("{"))
            return (derivative(variable, try derivativeOperand(), at: token), nil)
        case "frac", "dfrac", "tfrac":
            advance()
            return (try fraction(at: token), nil)
        case "sqrt":
            advance()
            var degree: MathExpression?
            if take("[") {
                degree = try expression()
                try expect("]", closing: "the `[` of `\\sqrt[`")
            }
            let radicand = try argument(of: "\\sqrt")
            let root: MathExpression = degree.map { .power(radicand, .arithmetic(.divide, .number("1"), $0)) } ?? .apply(.sqrt, radicand)
            return (try postfixOperators(on: root), nil)
        case "log", "ln", "exp":
            advance()
            return try function(name == "exp" ? .exp : .log, written: "\\" + name, at: token)
        case _ where Self.trigonometric[name] != nil && scope.kind(of: name) == nil:
            advance()
            return try trigonometric(Self.trigonometric[name]!, written: "\\" + name, at: token)
        case "det" where scope.kind(of: "det") == nil:
            advance()
            return try function(.det, written: "\\det", at: token)
        default:
            return (try postfix(), nil)
        }
    }

    /// The commands the reader reads with a meaning of its own, which no
    /// declaration changes (`\det` is not among them: a block may declare it).
    package static let ownCommands: Set<String> = [
        "frac", "dfrac", "tfrac", "sqrt", "log", "ln", "exp", "max", "min", "sum", "prod", "partial", "nabla",
    ]

    /// The trigonometric and hyperbolic functions the reader reads, by
    /// command, unless the block declares the name (`% let \tanh(x) = …`).
    package static let trigonometric: [String: MathExpression.MathFunction] = [
        "sin": .sin, "cos": .cos, "tan": .tan, "arcsin": .arcsin, "arccos": .arccos, "arctan": .arctan,
        "sinh": .sinh, "cosh": .cosh, "tanh": .tanh,
    ]

    /// `\sin x`, `\tanh(z)`, and `\sin^2 x`, which is (sin x)², as every
    /// reader of trigonometry reads it; but `\sin^{-1} x` (the arcsine, or
    /// 1/sin x?) and any power other than a whole number from 1 are errors.
    mutating func trigonometric(_ function: MathExpression.MathFunction, written: String, at token: TeXToken) throws(TeXReadError) -> (MathExpression, String?) {
        var power: MathExpression?
        if peek.isSymbol("^") {
            let caret = peek
            advance()
            let exponent = try script(of: "^")
            guard case .number(let digits) = exponent, let n = Int(digits), n >= 1 else {
                throw TeXReadError(column: caret.column, message: "`\(written)^{…}` is read only with a whole power from 1, `\(written)^2 x` for (\(written) x)²; `\(written)^{-1}` could be the inverse or 1/\(written): write `\\arc\(written.dropFirst()) x` or `(\(written) x)^{-1}`")
            }
            power = exponent
        }
        let (applied, bare) = try self.function(function, written: written, at: token)
        return (power.map { .power(applied, $0) } ?? applied, bare)
    }

    /// `\log`, `\ln`, `\exp`: with parentheses, or applied to one factor.
    /// `\log(1 + x)` is read as `log1p(x)`, which keeps its accuracy for tiny x.
    mutating func function(_ function: MathExpression.MathFunction, written: String, at token: TeXToken) throws(TeXReadError) -> (MathExpression, String?) {
        if function == .log, take("_") {
            // \log_2 x, \log_{10}(x): the logarithm in base b is log(x) / log(b).
            let base = try script(of: "_")
            let (natural, bare) = try self.function(.log, written: written, at: token)
            return (.arithmetic(.divide, natural, .apply(.log, base)), bare)
        }
        if peek.isSymbol("^") {
            throw TeXReadError(column: peek.column, message: "`\(written)^…` is ambiguous: write `(\(written) x)^{2}` or `\(written)(x^{2})`")
        }
        if let close = openGroup() {
            let argument = try expression()
            try closeGroup(close, opened: token)
            return (try postfixOperators(on: apply(function, argument)), nil)
        }
        guard startsFactor(peek) else {
            throw TeXReadError(column: peek.column, message: "`\(written)` needs an argument, e.g. `\(written)(x)`; found \(peek)")
        }
        if isBigOperator(peek) { return (apply(function, try factor().0), nil) }
        let argument = try factor().0
        return (apply(function, argument), written)
    }

    func apply(_ function: MathExpression.MathFunction, _ argument: MathExpression) -> MathExpression {
        if function == .log, case .arithmetic(.add, .number(let one), let x) = argument, Double(one) == 1 {
            return .apply(.log1p, x)
        }
        return .apply(function, argument)
    }

    mutating func postfix() throws(TeXReadError) -> MathExpression {
        let token = peek
        let atom = try self.atom()
        switch atom {
        case .value(let expression):
            return try postfixOperators(on: expression)
        case .function(let name, let declared, let arity):
            // q_i(z): the subscript belongs to the result of the application.
            var index: MathExpression?
            if take("_") { index = try subscriptIndex() }
            // f'(x), \sigma''(z), f^{\prime}(x): derivatives of a function of one argument.
            var primes = 0
            while true {
                if take("'") { primes += 1; continue }
                if peek.isSymbol("^"), tokens[min(position + 1, tokens.count - 1)].isSymbol("{"),
                   tokens[min(position + 2, tokens.count - 1)].isCommand("prime") {
                    advance(); advance()
                    while takeCommand("prime") { primes += 1 }
                    try expect("}", closing: "`^{\\prime`")
                    continue
                }
                break
            }
            guard let close = openGroup() else {
                throw TeXReadError(column: token.column, message: arity.map { "`\(name)` is a function of \($0) argument\($0 == 1 ? "" : "s"): write `\(token)(…)`" }
                    ?? "`\(name)` is a function: write `\(token)(…)`")
            }
            if declared { separatorBars += 1 }
            let arguments = try list(closedBy: close)
            if declared { separatorBars -= 1 }
            if declared, let arities = scope.arities[name], !arities.contains(arguments.count) {
                let counts = arities.sorted().map(String.init).joined(separator: " or ")
                throw TeXReadError(column: token.column, message: "`\(name)` takes \(counts) argument\(arities == [1] ? "" : "s"), not \(arguments.count)")
            } else if !declared, let arity, arguments.count != arity {
                throw TeXReadError(column: token.column, message: "`\(name)` takes \(arity) argument\(arity == 1 ? "" : "s"), not \(arguments.count)")
            }
            if primes > 0 {
                guard arguments.count == 1 else {
                    throw TeXReadError(column: token.column, message: "a prime differentiates a function of one argument; `\(name)` is given \(arguments.count): write `\\frac{\\partial}{\\partial x}` for a partial derivative")
                }
                var result = MathExpression.primed(name, declared: declared, argument: arguments[0], order: primes)
                if let index { result = .element(result, index: index) }
                return try postfixOperators(on: result)
            }
            var result = MathExpression.call(name, arguments, declared: declared)
            if !declared, scope.kind(of: name) == nil, let builtin = Self.matrixFunctions[name] { result = .apply(builtin, arguments[0]) }
            if let index { result = .element(result, index: index) }
            return try postfixOperators(on: result)
        }
    }

    /// Subscripts, powers and primes after a value.
    mutating func postfixOperators(on base: MathExpression) throws(TeXReadError) -> MathExpression {
        var result = base
        var indexed = false, raised = false, sampled = false
        while true {
            let token = peek
            if take("_") {
                if indexed { throw TeXReadError(column: token.column, message: "a second subscript: write one, `z_{i}`") }
                // `a^{l}_i`: element i of layer l (a power with a name in its
                // superscript is a layer on an array of vectors, and on a number
                // the element is an error at run time, so nothing is misread).
                var layer = false
                if raised, case .power(_, let e) = result, !e.names.isEmpty { layer = true }
                if raised && !layer { throw TeXReadError(column: token.column, message: "a subscript after a power is ambiguous: write `z_i^2` or `(z^2)_i`") }
                let indices = try subscriptIndices()
                result = indices.count == 2 ? .entry(result, row: indices[0], column: indices[1]) : .element(result, index: indices[0])
                indexed = true
            } else if take("^") {
                if sampled { throw TeXReadError(column: token.column, message: "a second superscript after `^{(…)}`: write `(x^{(i)})^{2}`") }
                if let (index, transposed) = try sampleSuperscript() {
                    sampled = true
                    // `x^{(i)}_j` and `x_j^{(i)}` both mean element j of sample i.
                    switch result {
                    case .element(let base, let element) where indexed && !transposed:
                        result = .element(.sample(base, index: index), index: element)
                    default:
                        if indexed || raised { throw TeXReadError(column: token.column, message: "`^{(…)}` picks a sample of an array of vectors: write it right after the name, `x^{(i)}_j`") }
                        result = .sample(result, index: index)
                    }
                    if transposed {
                        // `x^{(i)\top}`: the sample as a row.
                        result = .transpose(result)
                        raised = true
                    }
                    continue
                }
                if isTranspose() {
                    if raised { throw TeXReadError(column: token.column, message: "a transpose after a power: write `(x^{a})^\\top`") }
                    result = .transpose(result)
                    raised = true
                    continue
                }
                if raised { throw TeXReadError(column: token.column, message: "a second power: write `(x^{a})^{b}` or `x^{a b}`") }
                let exponent = try script(of: "^")
                if case .constant(.e) = result { result = .apply(.exp, exponent) } else { result = .power(result, exponent) }
                raised = true
            } else if token.isSymbol("'") {
                problems.append(TeXReadError(column: token.column, message: "a prime (`'`) on a value is not read: a prime differentiates a declared function, `% let f(x) = …` then `f'(x)`; or write the derivative, `\\frac{d}{dx} f`"))
                advance()
            } else if token.isSymbol("!") {
                throw TeXReadError(column: token.column, message: "a factorial (`!`) is not read")
            } else {
                return result
            }
        }
    }
}
