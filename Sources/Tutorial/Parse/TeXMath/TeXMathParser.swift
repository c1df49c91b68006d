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
struct TeXMathParser {
    private var tokens: [TeXToken]
    private var position = 0
    private let scope: MathScope
    /// Indices bound by the sums and `\forall`s around the current position.
    private var bound: [String] = []
    /// How many `|…|` the parser is inside: a `|` there closes, it does not open.
    private var absoluteDepth = 0

    init(tokens: [TeXToken], scope: MathScope) {
        self.tokens = tokens.filter { !Self.isLayoutOnly($0) }
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

    static let layoutCommands: Set<String> = [
        ",", ";", ":", "!", " ", "\\", "quad", "qquad", "displaystyle", "textstyle", "scriptstyle",
        "limits", "nolimits", "thinspace", "medspace", "thickspace", "enspace", "negthinspace",
    ]

    /// Reads the whole token list as one expression.
    static func read(_ tokens: [TeXToken], scope: MathScope) throws(TeXReadError) -> MathExpression {
        var parser = TeXMathParser(tokens: tokens, scope: scope)
        guard parser.peek.kind != .end else {
            throw TeXReadError(column: parser.peek.column, message: "the step is empty: write the TeX of its value")
        }
        let expression = try parser.expression()
        guard parser.peek.kind == .end else { throw parser.unexpected("after a complete expression") }
        return expression
    }

    // MARK: - Precedence levels

    mutating func expression() throws(TeXReadError) -> MathExpression {
        var result: MathExpression
        if take("-") {
            result = .negate(try product())
        } else {
            _ = take("+")
            result = try product()
        }
        while true {
            if take("+") {
                result = .arithmetic(.add, result, try product())
            } else if take("-") {
                result = .arithmetic(.subtract, result, try product())
            } else if peek.isCommand("pm") || peek.isCommand("mp") {
                throw TeXReadError(column: peek.column, message: "`\(peek)` stands for two values; a step must have one")
            } else {
                return result
            }
        }
    }

    mutating func product() throws(TeXReadError) -> MathExpression {
        let start = position
        var (result, bare) = try factor()
        var afterDivision = false
        while true {
            if take("*") || takeCommand("cdot") || takeCommand("times") {
                (result, bare) = try multiply(result, by: factor())
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

    private func multiply(_ a: MathExpression, by b: (MathExpression, String?)) -> (MathExpression, String?) {
        (.arithmetic(.multiply, a, b.0), b.1)
    }

    /// One factor, and — when it is a function applied without parentheses
    /// (`\log x`) — the function's TeX, since another factor after it is ambiguous.
    mutating func factor() throws(TeXReadError) -> (MathExpression, String?) {
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
                throw TeXReadError(column: token.column, message: "`\(token)` needs its variable as a subscript: `\(token)_{z_i} F`")
            }
            let variable = try differentiationVariable(braced: peek.isSymbol("{"))
            return (.derivative(variable, try derivativeOperand()), nil)
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
        default:
            return (try postfix(), nil)
        }
    }

    /// `\log`, `\ln`, `\exp`: with parentheses, or applied to one factor.
    /// `\log(1 + x)` is read as `log1p(x)`, which keeps its accuracy for tiny x.
    mutating func function(_ function: MathExpression.MathFunction, written: String, at token: TeXToken) throws(TeXReadError) -> (MathExpression, String?) {
        if peek.isSymbol("_") {
            throw TeXReadError(column: peek.column, message: "`\(written)_…` with a base is not read: write `\\frac{\\log x}{\\log b}`")
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

    private func apply(_ function: MathExpression.MathFunction, _ argument: MathExpression) -> MathExpression {
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
            guard let close = openGroup() else {
                throw TeXReadError(column: token.column, message: arity.map { "`\(name)` is a function of \($0) argument\($0 == 1 ? "" : "s"): write `\(token)(…)`" }
                    ?? "`\(name)` is a function: write `\(token)(…)`")
            }
            let arguments = try list(closedBy: close)
            if let arity, arguments.count != arity {
                throw TeXReadError(column: token.column, message: "`\(name)` takes \(arity) argument\(arity == 1 ? "" : "s"), not \(arguments.count)")
            }
            var result = MathExpression.call(name, arguments, declared: declared)
            if let index { result = .element(result, index: index) }
            return try postfixOperators(on: result)
        }
    }

    /// Subscripts, powers and primes after a value.
    mutating func postfixOperators(on base: MathExpression) throws(TeXReadError) -> MathExpression {
        var result = base
        var indexed = false, raised = false
        while true {
            let token = peek
            if take("_") {
                if indexed { throw TeXReadError(column: token.column, message: "a second subscript: write one, `z_{i}`") }
                if raised { throw TeXReadError(column: token.column, message: "a subscript after a power is ambiguous: write `z_i^2` or `(z^2)_i`") }
                result = .element(result, index: try subscriptIndex())
                indexed = true
            } else if take("^") {
                if raised { throw TeXReadError(column: token.column, message: "a second power: write `(x^{a})^{b}` or `x^{a b}`") }
                let exponent = try script(of: "^")
                if case .constant(.e) = result { result = .apply(.exp, exponent) } else { result = .power(result, exponent) }
                raised = true
            } else if token.isSymbol("'") {
                throw TeXReadError(column: token.column, message: "a prime (`'`) is not read: write the derivative, `\\frac{d}{dx} f`")
            } else if token.isSymbol("!") {
                throw TeXReadError(column: token.column, message: "a factorial (`!`) is not read")
            } else {
                return result
            }
        }
    }

    // MARK: - Atoms

    private enum Atom {
        case value(MathExpression)
        case function(String, declared: Bool, arity: Int?)
    }

    private mutating func atom() throws(TeXReadError) -> Atom {
        let token = peek
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
            if let greek = Self.greekLetters[name] {
                advance()
                return try resolve(greek, at: token)
            }
            if Self.nameCommands.contains(name) {
                advance()
                return try resolve(try braced(name: name, at: token), at: token)
            }
            if name == "lvert" || name == "vert" || name == "|" {
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
            throw TeXReadError(column: token.column, message: "`\(token)` is not in the TeX subset the reader understands (see the README's table)")
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

    /// `|x |c| m|` could close at the second bar or open a new pair there:
    /// a bar that is followed by a factor while more bars come later is ambiguous.
    private func checkAbsoluteBars(from start: Int) throws(TeXReadError) {
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
    private mutating func resolve(_ name: String, at token: TeXToken) throws(TeXReadError) -> Atom {
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
        if name.count > 1, peek.isSymbol("(") || peek.isSymbol("_") || peek.isCommand("left") || Self.sizeOpeners.contains(commandName(peek) ?? "") {
            // A multi-letter name applied to arguments: a function of the chapter's
            // Swift code or of a library it imports (`\operatorname{softmax}(z)`).
            return .function(name, declared: false, arity: nil)
        }
        var message = "`\(token)` is not declared; names in scope: \(scope.listing). Declare it in the block's header, `% let \(name) = …`"
        if let binder = binder(of: name) {
            message = "`\(token)` is used outside the `\(binder)` that binds it: an index of a sum, product, max or min exists only in its body. Names in scope: \(scope.listing)"
        } else if name.count == 1, let word = wordStarting(at: position - 1), word.count > 1 {
            message += ", or write a name of several letters as `\\operatorname{\(word)}`"
        }
        throw TeXReadError(column: token.column, message: message)
    }

    /// The big operator of the step that binds `name` (`\sum_j`), if any.
    private func binder(of name: String) -> String? {
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
    private func wordStarting(at index: Int) -> String? {
        var word = ""
        var i = index
        while i < tokens.count, case .letter(let c) = tokens[i].kind, i == index || tokens[i].column == tokens[i - 1].column + 1 {
            word.append(c)
            i += 1
        }
        return word.isEmpty ? nil : word
    }

    /// The text of `\text{Loss}`, which must be a Swift identifier.
    private mutating func braced(name command: String, at token: TeXToken) throws(TeXReadError) -> String {
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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isIdentifier = !trimmed.isEmpty && (trimmed.first!.isLetter || trimmed.first == "_")
            && trimmed.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        guard isIdentifier else {
            throw TeXReadError(column: token.column, message:
                "`\\\(command){\(trimmed)}` is not a name the reader can evaluate: a name written with `\\\(command){}` must be a Swift identifier. If this step cannot be said in TeX, give it a Swift twin after `%`")
        }
        return trimmed
    }

    // MARK: - Scripts and groups

    /// The index after `_`: one token (`z_i`, `q_1`) or a braced expression (`z_{j+1}`).
    private mutating func subscriptIndex() throws(TeXReadError) -> MathExpression {
        let token = peek
        let index = try script(of: "_")
        if peek.isSymbol(",") {
            throw TeXReadError(column: peek.column, message: "a subscript with a comma indexes a matrix, which the reader does not do")
        }
        _ = token
        return index
    }

    /// The argument of `_` or `^`: a braced group, or a single token as TeX takes it.
    private mutating func script(of marker: Character) throws(TeXReadError) -> MathExpression {
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

    /// A braced or single-token argument, as in `\sqrt{x}` or `\frac12`.
    private mutating func argument(of command: String) throws(TeXReadError) -> MathExpression {
        let token = peek
        if take("{") {
            let inner = try expression()
            try expect("}", closing: "the `{` of `\(command)`")
            return inner
        }
        if case .number(let text) = token.kind, text.count > 1 {
            throw TeXReadError(column: token.column, message: "`\(command)\(text)`: TeX takes only the first digit; write `\(command){…}` with braces")
        }
        return try postfix()
    }

    /// Opens a group if one starts here, and returns the character that closes
    /// it: `(`, `[`, `{`, `\{`, `\left(`, `\big(` and their sizes.
    private mutating func openGroup() -> Character? {
        let token = peek
        switch token.kind {
        case .symbol("("): advance(); return ")"
        case .symbol("["): advance(); return "]"
        case .symbol("{"): advance(); return "}"
        case .symbol("|") where absoluteDepth == 0 && false: return nil
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

    private mutating func closeGroup(_ closer: Character, opened: TeXToken) throws(TeXReadError) {
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

    /// Comma-separated arguments up to the group's closer.
    private mutating func list(closedBy closer: Character) throws(TeXReadError) -> [MathExpression] {
        let open = tokens[max(position - 1, 0)]
        var items = [try expression()]
        while take(",") { items.append(try expression()) }
        try closeGroup(closer, opened: open)
        return items
    }

    // MARK: - Big operators

    /// `\sum_j BODY`, `\sum_{j \ne y}`, `\sum_{j=1}^{K}`: the body is the rest of the product.
    private mutating func reduction(_ kind: MathExpression.Reduction, at token: TeXToken) throws(TeXReadError) -> MathExpression {
        let written = "\(token)"
        guard take("_") else {
            throw TeXReadError(column: token.column, message: "`\(written)` needs its index as a subscript: `\(written)_j` or `\(written)_{j=0}^{K-1}`")
        }
        var (binding, hasLower) = try bindingHead(of: written)
        if hasLower {
            guard take("^") else {
                throw TeXReadError(column: peek.column, message: "`\(written)_{\(binding.name)=…}` needs its upper bound: `^{…}`")
            }
            guard case .bounds(let lower, _) = binding.range else { fatalError("bindingHead returns bounds with a lower bound") }
            binding.range = .bounds(lower, try script(of: "^"))
        } else if peek.isSymbol("^") {
            throw TeXReadError(column: peek.column, message: "an upper bound needs a lower one: write `\(written)_{\(binding.name)=0}^{…}`")
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

    /// The subscript of a sum or `\forall`: the index name, then `\ne EXPR`
    /// or `= LOWER`. Returns whether a lower bound was given.
    private mutating func bindingHead(of written: String) throws(TeXReadError) -> (MathBinding, Bool) {
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

    // MARK: - Derivatives

    /// `\frac{a}{b}`, or a derivative written as a fraction:
    /// `\frac{\partial}{\partial z_i} F`, `\frac{\partial F}{\partial z_i}`, `\frac{d}{dx} F`.
    private mutating func fraction(at token: TeXToken) throws(TeXReadError) -> MathExpression {
        if let derivative = try derivativeFraction(at: token) { return derivative }
        let numerator = try argument(of: "\\frac")
        let denominator = try argument(of: "\\frac")
        return try postfixOperators(on: .arithmetic(.divide, numerator, denominator))
    }

    private mutating func derivativeFraction(at token: TeXToken) throws(TeXReadError) -> MathExpression? {
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
        let variable = try differentiationVariable(braced: false)
        try expect("}", closing: "the denominator of the derivative")
        if let function { return try postfixOperators(on: .derivative(variable, function)) }
        return .derivative(variable, try derivativeOperand())
    }

    private mutating func differentialMarker() throws(TeXReadError) {
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
    private mutating func differentiationVariable(braced isBraced: Bool) throws(TeXReadError) -> MathVariable {
        if isBraced { advance() }
        let token = peek
        let name: String
        switch token.kind {
        case .letter(let c): name = String(c); advance()
        case .command(let command) where Self.greekLetters[command] != nil: name = Self.greekLetters[command]!; advance()
        case .command(let command) where Self.nameCommands.contains(command):
            advance()
            name = try braced(name: command, at: token)
        default:
            throw TeXReadError(column: token.column, message: "a derivative needs a variable, as in `\\nabla_{z_i}` or `\\frac{d}{dx}`; found \(token)")
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

    /// What a derivative applies to: the group right after it, or else the
    /// rest of the product up to the next `+` or `-`.
    private mutating func derivativeOperand() throws(TeXReadError) -> MathExpression {
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

    // MARK: - Conditions

    /// The condition of `\mathbb{1}(…)` or `\mathbb{1}[…]`.
    private mutating func indicatorCondition(at token: TeXToken) throws(TeXReadError) -> MathCondition {
        let open = peek
        guard let close = openGroup() else {
            throw TeXReadError(column: peek.column, message: "`\\mathbb{1}` needs its condition in parentheses or brackets: `\\mathbb{1}(y = i)`")
        }
        let condition = try disjunction()
        try closeGroup(close, opened: open)
        _ = token
        return condition
    }

    private mutating func disjunction() throws(TeXReadError) -> MathCondition {
        var parts = [try conjunction()]
        while takeCommand("lor") || takeCommand("vee") { parts.append(try conjunction()) }
        return parts.count == 1 ? parts[0] : .any(parts)
    }

    private mutating func conjunction() throws(TeXReadError) -> MathCondition {
        var parts = [try quantified()]
        while takeCommand("land") || takeCommand("wedge") { parts.append(try quantified()) }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// `\forall i: C`, `C \;\forall i`, `C \text{ for every } i`, `C \text{ for all } i \ne y`.
    private mutating func quantified() throws(TeXReadError) -> MathCondition {
        if peek.isCommand("forall") {
            let token = peek
            advance()
            let binding = try quantifierBinding()
            if !(take(":") || take(",") || takeCommand("colon") || take(".")) { _ = 0 }
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
    private mutating func trailingQuantifier() throws(TeXReadError) -> (MathBinding, TeXToken)? {
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
                let save = position
                position = i
                advance()
                if t.isCommand("text") || t.isCommand("mbox") || t.isCommand("textrm") {
                    while !peek.isSymbol("}") { advance() }
                    advance()
                }
                let binding = try quantifierBinding()
                _ = save
                return (binding, t)
            }
            i += 1
        }
        return nil
    }

    private func isForEveryText(at i: Int) -> Bool {
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
    private mutating func quantifierBinding() throws(TeXReadError) -> MathBinding {
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

    private func universal(_ binding: MathBinding, _ condition: MathCondition, at token: TeXToken) throws(TeXReadError) -> MathCondition {
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
    private mutating func comparison() throws(TeXReadError) -> MathCondition {
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
    private mutating func openGroupIfCondition() -> Character? {
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

    private mutating func takeRelation() -> MathCondition.Comparison? {
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

    // MARK: - Tokens

    private var peek: TeXToken { tokens[position] }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    private mutating func take(_ symbol: Character) -> Bool {
        guard peek.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    private mutating func takeCommand(_ name: String) -> Bool {
        guard peek.isCommand(name) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ symbol: Character, closing what: String) throws(TeXReadError) {
        guard take(symbol) else { throw unexpected("where `\(symbol)` should close \(what)") }
    }

    private func unexpected(_ context: String) -> TeXReadError {
        let t = peek
        if case .end = t.kind { return TeXReadError(column: t.column, message: "the step ends \(context)") }
        return TeXReadError(column: t.column, message: "unexpected `\(t)` \(context)")
    }

    private func commandName(_ token: TeXToken) -> String? {
        if case .command(let name) = token.kind { return name }
        return nil
    }

    /// Whether `token` can begin a factor, so that it multiplies what comes before it.
    private func startsFactor(_ token: TeXToken) -> Bool {
        switch token.kind {
        case .number, .letter: return true
        case .symbol(let c): return c == "(" || c == "[" || c == "{" || (c == "|" && absoluteDepth == 0)
        case .command(let name):
            if ["right", "rvert", "}", "cdot", "times", "pm", "mp", "approx", "in", "colon", "forall", "land", "lor", "wedge", "vee"].contains(name) { return false }
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

    private func isBigOperator(_ token: TeXToken) -> Bool {
        ["sum", "prod"].contains(commandName(token) ?? "") || (["max", "min"].contains(commandName(token) ?? "") && tokens[min(position + 1, tokens.count - 1)].isSymbol("_"))
    }

    /// The tokens from `start` up to `end`, written back as TeX, for messages.
    private func text(from start: Int, to end: Int) -> String {
        var out = ""
        for i in start..<min(end, tokens.count) {
            let t = tokens[i]
            if !out.isEmpty, i > start, t.column > tokens[i - 1].column + tokens[i - 1].description.count { out += " " }
            out += t.description
        }
        return out
    }

    // MARK: - Vocabulary

    static let nameCommands: Set<String> = ["text", "operatorname", "mathrm", "texttt", "mathit", "textit", "mathsf", "textrm", "mbox"]
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

extension MathExpression {
    /// The immediate sub-expressions.
    var children: [MathExpression] {
        switch self {
        case .number, .name, .constant: return []
        case .negate(let a), .apply(_, let a): return [a]
        case .arithmetic(_, let a, let b), .power(let a, let b), .element(let a, let b): return [a, b]
        case .call(_, let arguments, _), .extremum(_, let arguments): return arguments
        case .reduction(_, let binding, let body): return binding.expressions + [body]
        case .indicator(let condition): return condition.expressions
        case .derivative(let variable, let operand): return (variable.component.map { [$0] } ?? []) + [operand]
        }
    }

    /// Every name the expression refers to (bound indices included).
    var names: Set<String> {
        var out = Set<String>()
        func visit(_ e: MathExpression) {
            switch e {
            case .name(let n): out.insert(n)
            case .call(let n, _, _): out.insert(n)
            case .derivative(let v, _): out.insert(v.name)
            default: break
            }
            e.children.forEach(visit)
        }
        visit(self)
        return out
    }
}

extension MathBinding {
    var expressions: [MathExpression] {
        switch range {
        case .over(let sources): return sources + excluded
        case .bounds(let a, let b): return [a, b] + excluded
        }
    }
}

extension MathCondition {
    var expressions: [MathExpression] {
        switch self {
        case .comparison(let operands, _): return operands
        case .all(let parts), .any(let parts): return parts.flatMap(\.expressions)
        case .forAll(let binding, let inner): return binding.expressions + inner.expressions
        }
    }
}
