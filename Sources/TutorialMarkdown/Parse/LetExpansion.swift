import TeXMath

/// Lets a `% let` use the `% let` functions declared above it, as articles
/// define one quantity from others: `% let D_{KL}(p \| q) = H(p, q) - H(p)`
/// after `% let H(p) = entropy(p)` and `% let H(p, q) = crossEntropy(p, q)`.
///
/// A declared function is not a Swift function of the chapter (the program
/// holds it as a function of TeX values), so a call of it in a later
/// declaration's Swift is expanded in place: `H(p, q)` becomes
/// `((crossEntropy((p), (q))))`, the body of the declaration of that name
/// and arity with each parameter replaced by its parenthesised argument.
/// Declarations are expanded in order, so a body holds no call to expand
/// again. A call with an arity nothing declares is left for Swift to report,
/// and so is a call with a labelled argument, `gradient(at: z)`: a declared
/// function's parameters have no labels, so that call is the chapter's own
/// Swift function of the same name.
enum LetExpansion {
    static func expanding(_ declarations: [MathDeclaration]) -> [MathDeclaration] {
        var out = declarations
        for k in out.indices {
            let earlier = out[..<k].filter { $0.parameters != nil }
            guard !earlier.isEmpty else { continue }
            out[k].swift = expand(out[k].swift, functions: Array(earlier))
        }
        return out
    }

    /// `swift` with every call of one of `functions` replaced by its body.
    static func expand(_ swift: String, functions: [MathDeclaration]) -> String {
        let names = Set(functions.map(\.name))
        return rewritingIdentifiers(swift) { text, i, name, end in
            var open = end
            while open < text.count, text[open] == " " { open += 1 }
            guard names.contains(name), i == 0 || text[i - 1] != ".", open < text.count, text[open] == "(",
                  let (arguments, close) = arguments(in: text, from: open),
                  !arguments.contains(where: isLabelled),
                  let function = functions.last(where: { $0.name == name && $0.parameters?.count == arguments.count })
            else { return nil }
            return ("(" + substitute(function, arguments) + ")", close + 1)
        }
    }

    /// A function's body with each parameter replaced by `(argument)`.
    static func substitute(_ function: MathDeclaration, _ arguments: [String]) -> String {
        let parameters = function.parameters ?? []
        return rewritingIdentifiers(function.swift) { text, i, name, end in
            let isMember = i > 0 && text[i - 1] == "."
            guard !isMember, !isArgumentLabel(text, start: i, end: end),
                  let k = parameters.firstIndex(where: { $0.name == name })
            else { return nil }
            return ("(" + arguments[k] + ")", end)
        }
    }

    /// `swift` with each identifier outside string literals offered to
    /// `replace(text, start, name, end)`, which returns its replacement and
    /// where to go on, or nil to keep it.
    static func rewritingIdentifiers(
        _ swift: String, _ replace: ([Character], Int, String, Int) -> (String, Int)?
    ) -> String {
        let text = Array(swift)
        var result = ""
        var i = 0
        while i < text.count {
            if let (name, end) = identifier(in: text, at: i) {
                if let (replacement, next) = replace(text, i, name, end) {
                    result += replacement
                    i = next
                } else {
                    result += name
                    i = end
                }
            } else if text[i] == "\"" {
                let close = stringEnd(in: text, from: i)
                result += String(text[i..<close])
                i = close
            } else {
                result.append(text[i])
                i += 1
            }
        }
        return result
    }

    /// The identifier that starts at `i` (not inside another one), and where it ends.
    static func identifier(in text: [Character], at i: Int) -> (String, Int)? {
        guard text[i] == "_" || text[i].isLetter, i == 0 || !(text[i - 1].isLetter || text[i - 1].isNumber || text[i - 1] == "_") else {
            return nil
        }
        var end = i + 1
        while end < text.count, text[end] == "_" || text[end].isLetter || text[end].isNumber { end += 1 }
        return (String(text[i..<end]), end)
    }

    /// Whether the identifier at `start..<end` is an argument label: after `(`
    /// or `,` and before `:`.
    static func isArgumentLabel(_ text: [Character], start: Int, end: Int) -> Bool {
        var after = end
        while after < text.count, text[after] == " " { after += 1 }
        guard after < text.count, text[after] == ":" else { return false }
        var before = start - 1
        while before >= 0, text[before] == " " { before -= 1 }
        return before >= 0 && (text[before] == "(" || text[before] == ",")
    }

    /// Whether an argument starts with a label, `at: z`.
    static func isLabelled(_ argument: String) -> Bool {
        let text = Array(argument)
        guard !text.isEmpty, let (_, end) = identifier(in: text, at: 0) else { return false }
        var after = end
        while after < text.count, text[after] == " " { after += 1 }
        return after < text.count && text[after] == ":" && (after + 1 == text.count || text[after + 1] != ":")
    }

    /// The call's arguments, split at top-level commas, and the index of its `)`.
    static func arguments(in text: [Character], from open: Int) -> ([String], Int)? {
        var depth = 0
        var arguments: [String] = []
        var current = ""
        var i = open
        while i < text.count {
            let c = text[i]
            if c == "\"" {
                let close = stringEnd(in: text, from: i)
                current += String(text[i..<close])
                i = close
                continue
            }
            switch c {
            case "(", "[", "{":
                depth += 1
                if depth > 1 { current.append(c) }
            case ")", "]", "}":
                depth -= 1
                if depth == 0 {
                    let last = current.trimmingWhitespace()
                    if !(arguments.isEmpty && last.isEmpty) { arguments.append(last) }
                    return (arguments, i)
                }
                current.append(c)
            case "," where depth == 1:
                arguments.append(current.trimmingWhitespace())
                current = ""
            default:
                current.append(c)
            }
            i += 1
        }
        return nil
    }

    /// The index after the string literal that starts at `start`.
    static func stringEnd(in text: [Character], from start: Int) -> Int {
        var i = start + 1
        while i < text.count {
            if text[i] == "\\" { i += 2; continue }
            if text[i] == "\"" { return i + 1 }
            i += 1
        }
        return text.count
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
