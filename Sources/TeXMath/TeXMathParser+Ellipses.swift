/// `e^{z_1} + e^{z_2} + \cdots + e^{z_K}`: the terms an ellipsis leaves out.
///
/// The rule, which never guesses: the written term right before `\cdots` and
/// the one right after must be the same TeX except where the first has a
/// whole number a and the last has one same piece b (`1` and `K` above, in
/// every place they differ). That makes a template with an index k, and the
/// elision is the sum (or product) of the template for k = a … b. Written
/// terms before it that are the template for a − 1, a − 2, … (`e^{z_1}`
/// before `e^{z_2}`) are part of the run, so the run starts at the lowest.
/// Anything else around an ellipsis is an error that says what to write.
extension TeXMathParser {
    /// A written term of a sum or product: its tokens, from `start` up to `end`.
    struct WrittenTerm {
        var start: Int
        var end: Int
    }

    /// Whether the token at the cursor is an ellipsis between terms.
    var atEllipsis: Bool {
        if case .command(let name) = peek.kind, Self.ellipses.contains(name), name != "vdots", name != "ddots" { return true }
        return false
    }

    /// Reads the elided run that ends with `last`, given the terms written
    /// before the ellipsis (`before`, the last one right before it).
    /// - Returns: how many of `before` the run takes in, and the run as a
    ///   sum or product over a new index.
    mutating func elidedRun(
        _ kind: MathExpression.Reduction, before: [WrittenTerm], last: WrittenTerm, at ellipsis: TeXToken
    ) throws(TeXReadError) -> (taken: Int, run: MathExpression) {
        let symbol = kind == .sum ? "+" : "\\cdot"
        guard let previous = before.last else {
            throw TeXReadError(column: ellipsis.column, message: "`\(ellipsis)` needs a written term before it, `x_1 \(symbol) \(ellipsis) \(symbol) x_n`")
        }
        let first = Array(tokens[previous.start..<previous.end]), final = Array(tokens[last.start..<last.end])
        guard let pattern = Self.pattern(first, final) else {
            throw TeXReadError(column: ellipsis.column, message:
                "the terms around `\(ellipsis)` must differ only in one index, a whole number before it (`x_1 \(symbol) \(ellipsis) \(symbol) x_n`); the reader cannot tell which terms it leaves out")
        }
        let index = freshIndex()
        let template = Self.substitute(first, at: pattern.places, with: TeXToken(kind: .letter(Character(index)), column: ellipsis.column))
        // Written terms before: a − 1, a − 2, … take part in the run.
        var lowest = pattern.value
        var taken = 1
        for term in before.dropLast().reversed() {
            let written = Array(tokens[term.start..<term.end])
            let expected = Self.substitute(first, at: pattern.places, with: TeXToken(kind: .number(String(lowest - 1)), column: 0)).dropLast()
            guard written.map(\.kind) == expected.map(\.kind) else { break }
            lowest -= 1
            taken += 1
        }
        var body = TeXMathParser(tokens: template, scope: scope)
        body.bound = bound + [index]
        body.depth = depth
        let bodyExpression = try body.product()
        var upper = TeXMathParser(tokens: pattern.last, scope: scope)
        upper.bound = bound
        let upperExpression = try upper.expression()
        guard body.peek.kind == .end, upper.peek.kind == .end else {
            throw TeXReadError(column: ellipsis.column, message: "the terms around `\(ellipsis)` do not read as one term each")
        }
        problems += body.problems + upper.problems
        let binding = MathBinding(name: index, range: .bounds(.number(String(lowest)), upperExpression))
        return (taken, .reduction(kind, binding, bodyExpression))
    }

    /// Where `first` and `last` differ: the places in `first` that hold one
    /// whole number, its value, and the one piece of `last` in its place.
    static func pattern(_ first: [TeXToken], _ last: [TeXToken]) -> (places: [Int], value: Int, last: [TeXToken])? {
        var places: [Int] = []
        var value: Int?
        var piece: [TeXToken.Kind]?
        var pieceTokens: [TeXToken] = []
        var i = 0, j = 0
        while i < first.count, j < last.count {
            if first[i].kind == last[j].kind { i += 1; j += 1; continue }
            guard case .number(let text) = first[i].kind, let number = Int(text) else { return nil }
            // The piece of `last` runs to where `last` meets `first` again, with its groups closed.
            let next = i + 1 < first.count ? first[i + 1].kind : nil
            var k = j, depth = 0
            repeat {
                if last[k].isSymbol("{") || last[k].isSymbol("(") { depth += 1 }
                if last[k].isSymbol("}") || last[k].isSymbol(")") { depth -= 1 }
                k += 1
            } while k < last.count && (depth > 0 || (next != nil && last[k].kind != next!))
            let found = Array(last[j..<k])
            guard value == nil || (value == number && piece == found.map(\.kind)) else { return nil }
            value = number
            piece = found.map(\.kind)
            pieceTokens = found
            places.append(i)
            i += 1
            j = k
        }
        guard i == first.count, j == last.count, let value, !places.isEmpty else { return nil }
        return (places, value, pieceTokens + [TeXToken(kind: .end, column: pieceTokens.last?.column ?? 1)])
    }

    /// `tokens` with the token at each of `places` replaced by `token`, and an end.
    static func substitute(_ tokens: [TeXToken], at places: [Int], with token: TeXToken) -> [TeXToken] {
        var out = tokens
        for place in places { out[place] = TeXToken(kind: token.kind, column: tokens[place].column) }
        return out + [TeXToken(kind: .end, column: (tokens.last?.column ?? 0) + 1)]
    }

    /// A letter for the run's index that nothing in the step or the scope uses.
    func freshIndex(besides taken: Set<String> = []) -> String {
        let used = Set(tokens.compactMap { token -> String? in if case .letter(let c) = token.kind { return String(c) } else { return nil } })
        for candidate in ["k", "j", "i", "m", "l", "r", "s", "t", "u", "v", "w"]
        where !used.contains(candidate) && !bound.contains(candidate) && scope.kind(of: candidate) == nil && !taken.contains(candidate) {
            return candidate
        }
        return "k"
    }
}
