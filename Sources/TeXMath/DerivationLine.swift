/// Splits one TeX line of a derivation into its steps: the pieces between
/// the relations that stand outside every group.
///
/// `\text{Loss} &= -\log q_y` is two steps; `\sum_{j=1}^{K} q_j = 1` is two
/// steps too, since the `=` in `_{j=1}` is inside braces. The line is read
/// as published math writes it:
/// - environment markers (`\begin{aligned}`, `\end{align*}`, an `array`'s
///   column spec), `\label{…}`, `\tag{…}`, `\nonumber`, `\notag` and the
///   `[1em]` of `\\[1em]` are layout, not steps;
/// - `=`, `:=`, `\equiv`, `\triangleq` and `\approx` join steps of one
///   chain; `<`, `\le`, `>`, `\ge` (and their spellings) are inequalities
///   with the step before; `\iff`, `\implies`, `\Leftrightarrow` and
///   `\Rightarrow` start a new chain;
/// - sentence punctuation at the end (`.`, `,`, `;`) is prose;
/// - a side condition after the value (`, \quad \text{for } i \ne j`,
///   `\text{if } i = k`) is the line's ``Row/condition``, and other text
///   after `\quad` (`\text{by the chain rule}`) is prose.
public enum DerivationLine {
    /// One step as written.
    public struct Term {
        var tokens: [TeXToken]
        /// Column of the term's first token.
        package var column: Int
        /// The TeX of the term as written.
        package var tex: String
        /// How the term joins the one before; `.first` when it opens a new chain.
        package var relation: StepRelation
        /// A relation the reader does not evaluate between steps (`\ne`).
        public var problem: TeXReadError?
        /// Whether the term is a lone decimal number after `=`, which is
        /// checked at its written precision (and should say `\approx`).
        package var isRoundedAfterEqual = false
    }

    /// A line: its steps and its side condition.
    public struct Row {
        /// The steps, in order.
        package var terms: [Term]
        /// The tokens of a side condition (`i \ne j` of `\text{for } i \ne j`).
        var condition: [TeXToken]?
        /// Column where the side condition starts.
        var conditionColumn: Int?
        /// Whether the line has a side condition.
        var hasCondition: Bool { condition != nil }
    }

    /// The steps of one line (without its side condition).
    public static func terms(_ text: String, column: Int) -> [Term] {
        row(text, column: column).terms
    }

    /// Reads one line into its steps and side condition.
    public static func row(_ text: String, column: Int) -> Row {
        var tokens = withoutLayout(TeXLexer.tokens(text, column: column))
        let end = tokens.removeLast()
        let (body, condition) = splitCondition(tokens)
        var kept = body
        while let last = kept.last, TeXMathParser.isLayoutOnly(last) || last.isSymbol(".") || last.isSymbol(",") || last.isSymbol(";") {
            kept.removeLast()
        }
        let conditionColumn = condition?.first?.column
        return Row(terms: split(kept, end: condition?.first ?? kept.last.map { after($0) } ?? end, text: text, column: column),
                   condition: condition, conditionColumn: conditionColumn)
    }

    /// A token standing for the position just after `token`.
    static func after(_ token: TeXToken) -> TeXToken {
        TeXToken(kind: .end, column: token.column + token.description.unicodeScalars.count)
    }

    // MARK: Layout

    /// The tokens without environment markers, labels and row spacing.
    static func withoutLayout(_ tokens: [TeXToken]) -> [TeXToken] {
        var out: [TeXToken] = []
        var i = 0
        func skipGroup(from start: Int, open: Character = "{", close: Character = "}") -> Int {
            guard start < tokens.count, tokens[start].isSymbol(open) else { return start }
            var depth = 0
            var j = start
            while j < tokens.count {
                if tokens[j].isSymbol(open) { depth += 1 }
                if tokens[j].isSymbol(close) { depth -= 1; if depth == 0 { return j + 1 } }
                j += 1
            }
            return j
        }
        while i < tokens.count {
            let token = tokens[i]
            switch token.kind {
            case .command("begin") where alignments.contains(groupText(tokens, from: i + 1)):
                let name = groupText(tokens, from: i + 1)
                i = skipGroup(from: i + 1)
                if name == "array" || name == "alignat" || name == "alignat*" { i = skipGroup(from: i) }
                continue
            case .command("end") where alignments.contains(groupText(tokens, from: i + 1)):
                i = skipGroup(from: i + 1)
                continue
            case .command("label"), .command("tag"), .command("eqref"):
                i = skipGroup(from: i + 1)
                continue
            case .command("nonumber"), .command("notag"):
                i += 1
                continue
            case .command("\\"):
                out.append(token)
                i = skipGroup(from: i + 1, open: "[", close: "]")
                continue
            default:
                out.append(token)
                i += 1
            }
        }
        if out.last?.kind != .end { out.append(TeXToken(kind: .end, column: tokens.last?.column ?? 1)) }
        return out
    }

    /// The line as readers should see it inside the page's one `aligned`
    /// display: alignment environments, labels, tags and row spacing blanked
    /// with spaces (so columns stay), and a final `\\` dropped.
    package static func displayText(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let tokens = TeXLexer.tokens(text, column: 1)
        let kept = Set(withoutLayout(tokens).map(\.column))
        for (k, token) in tokens.enumerated() where token.kind != .end && !kept.contains(token.column) {
            let end = k + 1 < tokens.count ? tokens[k + 1].column - 1 : scalars.count
            for i in (token.column - 1)..<min(end, scalars.count) { scalars[i] = " " }
        }
        var out = String(String.UnicodeScalarView(scalars))
        while out.hasSuffix(" ") { out.removeLast() }
        if out.hasSuffix("\\\\") { out.removeLast(2) }
        return out
    }

    /// How many environments with a value (`bmatrix`, `cases`) the line opens
    /// and does not close: while some are open, the next line continues the row.
    package static func openEnvironments(_ text: String) -> Int {
        let tokens = TeXLexer.tokens(text, column: 1)
        var open = 0
        for (i, token) in tokens.enumerated() where token.isCommand("begin") || token.isCommand("end") {
            guard !alignments.contains(groupText(tokens, from: i + 1)) else { continue }
            open += token.isCommand("begin") ? 1 : -1
        }
        return open
    }

    /// Whether a line goes on with the row above: after its alignment `&`
    /// and spacing it starts with a binary operator (`+`, `-`, `\cdot`,
    /// `\times`, `\pm`, `\mp`) and holds no relation. Published derivations
    /// break a long right side so (`&\quad + 1`), and readers take the line
    /// as the rest of the expression above it.
    package static func continuesRow(_ text: String) -> Bool {
        let tokens = withoutLayout(TeXLexer.tokens(text, column: 1)).filter { $0.kind != .end }
        let spacing: Set<String> = ["quad", "qquad", ",", ";", ":", "!", " ", "hspace", "phantom"]
        var i = 0
        while i < tokens.count {
            if tokens[i].isSymbol("&") { i += 1; continue }
            if case .command(let name) = tokens[i].kind, spacing.contains(name) {
                i += 1
                if name == "hspace" || name == "phantom" { i = skipBraces(tokens, from: i) }
                continue
            }
            break
        }
        guard i < tokens.count else { return false }
        let first = tokens[i]
        let isOperator = first.isSymbol("+") || first.isSymbol("-")
            || ["cdot", "times", "pm", "mp"].contains { first.isCommand($0) }
        return isOperator && !hasRelation(tokens[i...])
    }

    /// The index after the braced group at `start` (`start` when there is none).
    static func skipBraces(_ tokens: [TeXToken], from start: Int) -> Int {
        guard start < tokens.count, tokens[start].isSymbol("{") else { return start }
        var depth = 0
        for j in start..<tokens.count {
            if tokens[j].isSymbol("{") { depth += 1 }
            if tokens[j].isSymbol("}") { depth -= 1; if depth == 0 { return j + 1 } }
        }
        return tokens.count
    }

    /// Environments that only lay equations out. Any other (`pmatrix`,
    /// `cases`) has a meaning the reader does not evaluate yet: its `\\begin`
    /// stays, and is an error.
    package static let alignments: Set<String> = [
        "aligned", "align", "align*", "equation", "equation*", "split", "gather", "gather*", "gathered",
        "multline", "multline*", "array", "alignat", "alignat*", "alignedat", "eqnarray", "eqnarray*", "flalign", "flalign*",
    ]

    /// The group's text with its spacing, from the columns of its tokens:
    /// `\text{ nats}` is " nats".
    static func groupRaw(_ tokens: [TeXToken], from start: Int) -> String {
        guard start < tokens.count, tokens[start].isSymbol("{") else { return "" }
        var text = ""
        var column = tokens[start].column + 1
        var j = start + 1
        while j < tokens.count, !tokens[j].isSymbol("}"), tokens[j].kind != .end {
            text += String(repeating: " ", count: max(tokens[j].column - column, 0)) + tokens[j].description
            column = tokens[j].column + tokens[j].description.unicodeScalars.count
            j += 1
        }
        return text
    }

    /// The letters of the braced group at `start`: `aligned` of `{aligned}`.
    static func groupText(_ tokens: [TeXToken], from start: Int) -> String {
        guard start < tokens.count, tokens[start].isSymbol("{") else { return "" }
        var text = ""
        var j = start + 1
        while j < tokens.count, !tokens[j].isSymbol("}"), tokens[j].kind != .end {
            text += tokens[j].description
            j += 1
        }
        return text
    }

    // MARK: Side conditions

    /// Words that open a side condition inside `\text{…}`.
    static let conditionWords = ["for", "if", "when", "whenever", "provided"]
    /// Words whose text is prose, never a condition (`\text{for all } i`
    /// restates that the check ranges over i; `where` introduces definitions).
    static let proseAfterWords = ["for all", "for every", "for each", "for any", "otherwise", "where", "with"]

    /// The body and the side condition's tokens (nil when there is none).
    /// Text after `\quad` or `\qquad` that is not a condition is dropped as prose.
    static func splitCondition(_ tokens: [TeXToken]) -> ([TeXToken], [TeXToken]?) {
        var depth = 0
        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .symbol("{"), .symbol("("), .symbol("["), .command("{"), .command("left"), .command("begin"): depth += 1
            case .symbol("}"), .symbol(")"), .symbol("]"), .command("}"), .command("right"), .command("end"): depth -= 1
            default: break
            }
            guard depth == 0, isTextCommand(token), i + 1 < tokens.count, tokens[i + 1].isSymbol("{") else { continue }
            let words = groupText(tokens, from: i + 1).lowercased().split(separator: " ").map(String.init)
            let phrase = words.joined(separator: " ")
            var cut = i
            while cut > 0, isSeparator(tokens[cut - 1]) { cut -= 1 }
            let afterGroup = closingBrace(tokens, from: i + 1) + 1
            if proseAfterWords.contains(where: { phrase.hasPrefix($0) }) {
                return (Array(tokens[..<cut]), nil)
            }
            if let first = words.first, conditionWords.contains(first) {
                let rest = Array(tokens[afterGroup...]).filter { !($0.isSymbol(".") || $0.isSymbol(",")) || $0.kind == .end }
                return (Array(tokens[..<cut]), rest.isEmpty ? nil : rest)
            }
            let written = groupRaw(tokens, from: i + 1)
            // Math with a relation after the text is an equation, never a remark (`\qquad \text{Loss} = …`).
            if hasRelation(tokens[i...]) { continue }
            if cut < i, tokens[cut..<i].contains(where: { $0.isCommand("quad") || $0.isCommand("qquad") })
                || (written.first == " " && tokens[afterGroup...].allSatisfy { $0.isSymbol(".") || $0.isSymbol(",") || $0.kind == .end }) {
                // `\quad \text{by the chain rule}`, or a unit after the value, `0.0253 \text{ nats}`.
                return (Array(tokens[..<cut]), nil)
            }
        }
        return (tokens, nil)
    }

    static func isTextCommand(_ token: TeXToken) -> Bool {
        token.isCommand("text") || token.isCommand("mbox") || token.isCommand("textrm") || token.isCommand("textnormal")
    }

    static func isSeparator(_ token: TeXToken) -> Bool {
        token.isSymbol(",") || token.isSymbol(";") || token.isCommand("quad") || token.isCommand("qquad")
            || token.isCommand(",") || token.isCommand(";") || token.isCommand(" ")
    }

    static func closingBrace(_ tokens: [TeXToken], from start: Int) -> Int {
        var depth = 0
        var j = start
        while j < tokens.count {
            if tokens[j].isSymbol("{") { depth += 1 }
            if tokens[j].isSymbol("}") { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        return tokens.count - 1
    }

    // MARK: Relations

    /// Whether a relation between steps stands in `tokens` outside every group.
    static func hasRelation(_ tokens: ArraySlice<TeXToken>) -> Bool {
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .symbol("{"), .symbol("("), .symbol("["), .command("{"), .command("left"), .command("begin"): depth += 1
            case .symbol("}"), .symbol(")"), .symbol("]"), .command("}"), .command("right"), .command("end"): depth -= 1
            default: break
            }
            guard depth == 0 else { continue }
            if token.isSymbol("=") || token.isCommand("approx") || TeXMathParser.relation(token) != nil { return true }
            if case .command(let name) = token.kind, chainBreaks.contains(name) || equalities.contains(name) { return true }
        }
        return false
    }

    /// `\iff`, `\implies`, … : what follows is a new equation.
    static let chainBreaks: Set<String> = ["iff", "implies", "Leftrightarrow", "Rightarrow", "Longleftrightarrow", "Longrightarrow", "impliedby"]
    /// Spellings of `=` that define or restate.
    static let equalities: Set<String> = ["equiv", "triangleq", "coloneqq", "eqqcolon", "doteq"]

    static func split(_ tokens: [TeXToken], end: TeXToken, text: String, column: Int) -> [Term] {
        let scalars = Array(text.unicodeScalars)
        var terms: [Term] = []
        var current: [TeXToken] = []
        // A line that starts with a value (not with `&=`) has a left side of its own.
        var relation: StepRelation = .first
        var depth = 0
        var problem: TeXReadError?

        func finish(at end: TeXToken) {
            let meaningful = TeXMathParser.meaningful(current)
            if let first = meaningful.first {
                let from = max(first.column - column, 0)
                let last = after(meaningful[meaningful.count - 1])
                let to = max(min(last.column - column, scalars.count), from)
                let tex = String(String.UnicodeScalarView(scalars[from..<to])).trimmed
                var finalRelation = relation
                var rounded = false
                if case .approximately = relation { finalRelation = .approximately(decimals: precision(of: meaningful)) }
                if case .equal = relation, let decimals = loneDecimal(meaningful) {
                    finalRelation = .approximately(decimals: decimals)
                    rounded = true
                }
                terms.append(Term(tokens: meaningful + [TeXToken(kind: .end, column: end.column)], column: first.column,
                                  tex: tex, relation: finalRelation, problem: problem, isRoundedAfterEqual: rounded))
            }
            current = []
            problem = nil
        }

        var i = 0
        var related = false
        while i < tokens.count {
            let token = tokens[i]
            // `a = b, \qquad c = d`: a second equation on the line.
            if depth == 0, related, token.isCommand("quad") || token.isCommand("qquad"), hasRelation(tokens[(i + 1)...]) {
                while let last = current.last, last.isSymbol(",") || last.isSymbol(";") || TeXMathParser.isLayoutOnly(last) { current.removeLast() }
                finish(at: token)
                relation = .first
                related = false
                i += 1
                continue
            }
            switch token.kind {
            case .symbol("("), .symbol("["), .symbol("{"), .command("{"), .command("begin"): depth += 1
            case .symbol(")"), .symbol("]"), .symbol("}"), .command("}"), .command("end"): depth = max(depth - 1, 0)
            default: break
            }
            if depth == 0 {
                var next: StepRelation?
                if token.isSymbol("=") || token.isCommand("approx") { next = token.isSymbol("=") ? .equal : .approximately(decimals: nil) }
                if case .command(let name) = token.kind, equalities.contains(name) { next = .equal }
                if token.isSymbol(":"), i + 1 < tokens.count, tokens[i + 1].isSymbol("=") { next = .equal; i += 1 }
                if case .command(let name) = token.kind, chainBreaks.contains(name) { next = .first }
                if let other = TeXMathParser.relation(token), other != .equal {
                    if other == .notEqual {
                        problem = problem ?? TeXReadError(column: token.column, message:
                            "`\(token)` between steps is not checked: steps are joined by `=`, `\\approx`, `<`, `\\le`, `>` or `\\ge`; put a comparison inside `\\mathbb{1}(…)`")
                    } else {
                        next = .inequality(other)
                    }
                }
                if let next {
                    finish(at: token)
                    relation = next
                    related = next != .first
                    i += 1
                    continue
                }
            }
            current.append(token)
            i += 1
        }
        finish(at: end)
        return terms
    }

    /// The decimals of a term that is one decimal number (with an optional
    /// sign), such as `0.5514`; nil otherwise.
    static func loneDecimal(_ tokens: [TeXToken]) -> Int? {
        var t = tokens
        if let first = t.first, first.isSymbol("-") || first.isSymbol("+") { t.removeFirst() }
        guard t.count == 1, case .number(let text) = t[0].kind, text.contains(".") else { return nil }
        return text.split(separator: ".", omittingEmptySubsequences: false).last.map(\.count)
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
