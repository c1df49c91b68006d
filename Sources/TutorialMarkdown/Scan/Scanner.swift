import TutorialBase

/// Finds inline values `\(…)`, claims `\(… ≈ …)`, math `$…$` / `$$…$$`,
/// references `@fig:…` / `@eq:…` / `@tbl:…` / `@sec:…` / `@thm:…` …, footnote
/// references `[^label]` and inline notes `^[…]`, and citations `[@key]` /
/// `@key` in the text of one leaf block (a paragraph or a heading; see
/// `LeafText`), before cmark reads the leaf's inlines.
///
/// cmark must not see these spans: `*` and `_` inside them would become
/// emphasis. The scanner skips what cmark reads as code or markup — code
/// spans (a run of N backticks up to the next run of exactly N), autolinks
/// and raw HTML tags, link destinations and titles — and honours backslash
/// escapes, so `\\(` and `\$` stay literal. A span never reaches past its
/// leaf: the leaf's text is all the scanner sees.
///
/// Math follows pandoc's rules: an opening `$` has a non-space character right
/// after it; a closing `$` has a non-space character right before it and no
/// digit right after. A `$` (or `$$`) with no closer in its leaf is a literal
/// dollar sign, as in pandoc: `$PATH` and "$5 and $6" stay text.
struct Scanner {
    package let file: String
    let scalars: [Unicode.Scalar]
    /// The chapter location of every scalar, and of the end.
    let locations: [SourceLocation]
    /// The number the first span found gets (spans are numbered through the chapter).
    package let firstIndex: Int

    package var spans: [(span: Span, range: Range<Int>)] = []
    package var diagnostics: [Diagnostic] = []
    /// Where the `]` of each open inline footnote `^[` stands, innermost last.
    var noteEnds: [Int] = []

    /// What scanning one leaf produced.
    package struct Result {
        /// The spans, in order; span k of the leaf is chapter span `firstIndex + k`.
        package var spans: [Span]
        /// The leaf's text with each span replaced by its placeholder.
        var masked: String
        package var diagnostics: [Diagnostic]
    }

    package init(_ leaf: LeafText, file: String, firstIndex: Int = 0) {
        self.file = file
        scalars = leaf.scalars
        locations = leaf.locations
        self.firstIndex = firstIndex
    }

    /// Scans one leaf; its spans are numbered from `firstIndex`.
    static func scan(_ leaf: LeafText, file: String, firstIndex: Int = 0) -> Result {
        var scanner = Scanner(leaf, file: file, firstIndex: firstIndex)
        scanner.run()
        return scanner.result()
    }

    package func location(_ i: Int) -> SourceLocation {
        locations[min(max(i, 0), locations.count - 1)]
    }

    /// The end of the leaf: no span reaches past it.
    func paragraphEnd(from i: Int) -> Int { scalars.count }

    package func error(_ message: String, at i: Int) -> Diagnostic {
        let l = location(i)
        return Diagnostic(file: file, line: l.line, column: l.column, message)
    }

    package mutating func run() {
        var i = 0
        while i < scalars.count {
            // A note's `]` that another span swallowed closes nothing: its `^[` stays text.
            while let end = noteEnds.last, end < i { noteEnds.removeLast() }
            if noteEnds.last == i {
                noteEnds.removeLast()
                record(.inlineNoteEnd, range: i..<(i + 1))
                i += 1
                continue
            }
            switch scalars[i] {
            case "[" where i + 1 < scalars.count && scalars[i + 1] == "^":
                i = footnote(at: i)
            case "[":
                i = bracketedCitation(at: i)
            case "^" where i + 1 < scalars.count && scalars[i + 1] == "[":
                i = inlineNote(at: i)
            case "`":
                i = skipCodeSpan(at: i)
            case "\\":
                i = backslash(at: i)
            case "$":
                i = math(at: i)
            case "@":
                i = reference(at: i)
            case "]" where i + 1 < scalars.count && scalars[i + 1] == "(":
                // A link destination and title are URLs and text, not prose: nothing in them is scanned.
                i = linkTailEnd(open: i + 1) ?? i + 1
            case "<":
                i = skipTag(at: i)
            case "\u{E000}", "\u{E001}":
                diagnostics.append(error(
                    "the private-use character U+\(String(scalars[i].value, radix: 16, uppercase: true)) is reserved by render and cannot appear in prose",
                    at: i))
                i += 1
            default:
                i += 1
            }
        }
    }

    /// The index after `(destination "title")` starting at `open`, read
    /// with CommonMark's rules (backslash escapes, balanced parentheses,
    /// `<…>` destinations); nil when it is not a link's tail.
    func linkTailEnd(open: Int) -> Int? {
        var j = open + 1
        func skipSpace() { while j < scalars.count && scalars[j].properties.isWhitespace { j += 1 } }
        func isEscape(_ k: Int) -> Bool {
            scalars[k] == "\\" && k + 1 < scalars.count && scalars[k + 1].isASCII && scalars[k + 1].properties.isPatternSyntax
        }
        skipSpace()
        if j < scalars.count && scalars[j] == "<" {
            j += 1
            while j < scalars.count && scalars[j] != ">" {
                if scalars[j] == "\n" || scalars[j] == "<" { return nil }
                j += isEscape(j) ? 2 : 1
            }
            guard j < scalars.count else { return nil }
            j += 1
        } else {
            var depth = 0
            while j < scalars.count {
                let c = scalars[j]
                if isEscape(j) { j += 2; continue }
                if c == "(" { depth += 1 } else if c == ")" {
                    if depth == 0 { break }
                    depth -= 1
                } else if c.properties.isWhitespace || c.value < 0x20 { break }
                j += 1
            }
        }
        skipSpace()
        let closers: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "'": "'", "(": ")"]
        if j < scalars.count, let close = closers[scalars[j]] {
            j += 1
            while j < scalars.count && scalars[j] != close {
                j += isEscape(j) ? 2 : 1
            }
            guard j < scalars.count else { return nil }
            j += 1
            skipSpace()
        }
        guard j < scalars.count, scalars[j] == ")" else { return nil }
        return j + 1
    }

    func runLength(of c: Unicode.Scalar, at i: Int) -> Int {
        var j = i
        while j < scalars.count && scalars[j] == c { j += 1 }
        return j - i
    }

    /// A code span: the index after its closing run, or after the opening
    /// run when nothing closes it (then the backticks are literal).
    func skipCodeSpan(at i: Int) -> Int {
        let n = runLength(of: "`", at: i)
        let end = paragraphEnd(from: i)
        var j = i + n
        while j < end {
            if scalars[j] == "`" {
                let m = runLength(of: "`", at: j)
                if m == n { return j + m }
                j += m
            } else {
                j += 1
            }
        }
        return i + n
    }

    /// An autolink (`<https://…>`) or a raw HTML tag (`<span title="$x$">`)
    /// is skipped whole, as cmark reads it; any other `<` is text.
    func skipTag(at i: Int) -> Int {
        guard i + 1 < scalars.count else { return i + 1 }
        let next = scalars[i + 1]
        guard next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" else { return i + 1 }
        var j = i + 1
        while j < scalars.count && scalars[j] != ">" && scalars[j] != "<" {
            j += 1
        }
        return j < scalars.count && scalars[j] == ">" ? j + 1 : i + 1
    }

    mutating func backslash(at i: Int) -> Int {
        guard i + 1 < scalars.count else { return i + 1 }
        let next = scalars[i + 1]
        if next == "(" {
            switch interpolation(at: i) {
            case .found(let expression, let end):
                record(.value(expression), range: i..<end)
                return end
            case .malformed(let end): return end
            case .unbalanced: return paragraphEnd(from: i)
            }
        }
        return next.isASCII && next.properties.isPatternSyntax || next == "\\" ? i + 2 : i + 1
    }

    enum Interpolation {
        case found(InlineExpression, end: Int)
        /// Balanced but unreadable (a bad format or claim): reported; scanning goes on after it.
        case malformed(end: Int)
        /// No closing parenthesis: reported; the rest of the paragraph is skipped.
        case unbalanced
    }

    /// Parses `\( … )` starting at `i`, reporting what is wrong with it.
    mutating func interpolation(at i: Int) -> Interpolation {
        let limit = paragraphEnd(from: i)
        guard let close = SwiftTextWalker.matchingParen(scalars, from: i + 1, limit: limit) else {
            diagnostics.append(error(#"unbalanced "\(": no matching ")" before the end of the paragraph"#, at: i))
            return .unbalanced
        }
        let inside = Array(scalars[(i + 2)..<close])
        do {
            let expression = try InlineExpressionParser.parse(inside, location: location(i + 2))
            return .found(expression, end: close + 1)
        } catch {
            let message = (error as? InlineExpressionParser.Problem)?.message ?? "cannot read this value"
            diagnostics.append(self.error(message, at: i))
            return .malformed(end: close + 1)
        }
    }

    package mutating func math(at i: Int) -> Int {
        let display = i + 1 < scalars.count && scalars[i + 1] == "$"
        let limit = paragraphEnd(from: i)
        let contentStart = i + (display ? 2 : 1)
        if !display {
            guard contentStart < scalars.count, !scalars[contentStart].properties.isWhitespace else { return i + 1 }
        }
        let reported = diagnostics.count
        var pieces: [MathPiece] = []
        var text = String.UnicodeScalarView()
        var j = contentStart
        while j < limit {
            let c = scalars[j]
            if c == "\\" && j + 1 < limit {
                if scalars[j + 1] == "(" {
                    switch interpolation(at: j) {
                    case .found(let expression, let end):
                        if !text.isEmpty { pieces.append(.tex(String(text))); text = String.UnicodeScalarView() }
                        pieces.append(.value(expression))
                        j = end
                    case .malformed(let end): j = end
                    case .unbalanced: return limit
                    }
                } else {
                    text.append(c)
                    text.append(scalars[j + 1])
                    j += 2
                }
                continue
            }
            if c == "$" {
                if display {
                    if j + 1 < limit && scalars[j + 1] == "$" {
                        if !text.isEmpty { pieces.append(.tex(String(text))) }
                        var end = j + 2
                        let label = equationLabel(after: &end, limit: limit)
                        record(.math(MathSpan(display: true, pieces: pieces, label: label)), range: i..<end)
                        return end
                    }
                } else if !scalars[j - 1].properties.isWhitespace
                    && !(j + 1 < scalars.count && scalars[j + 1].properties.numericType != nil)
                {
                    if !text.isEmpty { pieces.append(.tex(String(text))) }
                    record(.math(MathSpan(display: false, pieces: pieces, label: nil)), range: i..<(j + 1))
                    return j + 1
                }
            }
            text.append(c)
            j += 1
        }
        // No closer in the leaf: a literal dollar sign, as pandoc keeps it.
        // What is after it is scanned again as prose, so forget what this pass reported.
        diagnostics.removeSubrange(reported...)
        return i + (display ? 2 : 1)
    }

    /// Reads `{#eq:NAME}` after display math (spaces allowed before it).
    func equationLabel(after end: inout Int, limit: Int) -> String? {
        var j = end
        while j < limit && (scalars[j] == " " || scalars[j] == "\t") { j += 1 }
        guard j + 4 < limit, scalars[j] == "{", scalars[j + 1] == "#" else { return nil }
        var k = j + 2
        var name = String.UnicodeScalarView()
        while k < limit && scalars[k] != "}" && scalars[k] != "\n" {
            name.append(scalars[k])
            k += 1
        }
        guard k < limit, scalars[k] == "}", String(name).hasPrefix("eq:") else { return nil }
        end = k + 1
        return String(name)
    }

    static func isLabelCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c == "-" || c == "_"
    }

    package mutating func reference(at i: Int) -> Int {
        if i > 0 && (Self.isLabelCharacter(scalars[i - 1]) || scalars[i - 1] == ".") { return i + 1 }
        for prefix in ReferenceKind.allCases.map({ $0.rawValue + ":" }) {
            let p = Array(prefix.unicodeScalars)
            guard i + p.count < scalars.count, Array(scalars[(i + 1)...(i + p.count)]) == p else { continue }
            var j = i + 1 + p.count
            while j < scalars.count && Self.isLabelCharacter(scalars[j]) { j += 1 }
            while j > i + 1 + p.count && (scalars[j - 1] == "-" || scalars[j - 1] == "_") { j -= 1 }
            guard j > i + 1 + p.count else { return i + 1 }
            let label = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
            record(.reference(label), range: i..<j)
            return j
        }
        // A bare citation, `@key`: the typesetter shows it as text if no bibliography has the key.
        guard i + 1 < scalars.count, Citation.isKeyCharacter(scalars[i + 1]) else { return i + 1 }
        let end = Citation.keyEnd(scalars, from: i + 1, limit: scalars.count)
        let key = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
        record(.citation(Citation(items: [Citation.Item(key: key, prefix: "", locator: "", suppressAuthor: false, location: location(i))],
                                  bracketed: false)), range: i..<end)
        return end
    }

    /// `[@a, p. 3; see -@b]`: a bracket whose every `;`-separated part
    /// holds one `@key` (or `-@key`), closed in the leaf and not followed
    /// by `(` or `[` (then it is a link); else the `[` is text.
    mutating func bracketedCitation(at i: Int) -> Int {
        var close = i + 1
        while close < scalars.count && scalars[close] != "]" && scalars[close] != "[" && scalars[close] != "`" { close += 1 }
        guard close < scalars.count, scalars[close] == "]", scalars[(i + 1)..<close].contains("@") else { return i + 1 }
        if close + 1 < scalars.count && (scalars[close + 1] == "(" || scalars[close + 1] == "[") { return i + 1 }
        var items: [Citation.Item] = []
        var start = i + 1
        for end in Array((i + 1)..<close).filter({ scalars[$0] == ";" }) + [close] {
            guard let item = citationItem(start..<end) else { return i + 1 }
            items.append(item)
            start = end + 1
        }
        record(.citation(Citation(items: items, bracketed: true)), range: i..<(close + 1))
        return close + 1
    }

    /// One part of a bracketed citation: `see -@key, p. 3`.
    func citationItem(_ range: Range<Int>) -> Citation.Item? {
        guard let at = range.first(where: { k in
            scalars[k] == "@" && (k == range.lowerBound || scalars[k - 1] == " " || scalars[k - 1] == "-")
                && k + 1 < range.upperBound && Citation.isKeyCharacter(scalars[k + 1])
        }) else { return nil }
        let suppress = at > range.lowerBound && scalars[at - 1] == "-"
        let prefixEnd = suppress ? at - 1 : at
        let end = Citation.keyEnd(scalars, from: at + 1, limit: range.upperBound)
        func text(_ r: Range<Int>) -> String {
            String(String.UnicodeScalarView(scalars[r])).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var locator = text(end..<range.upperBound)
        if locator.hasPrefix(",") { locator = String(locator.dropFirst()).trimmingCharacters(in: .whitespaces) }
        return Citation.Item(key: text((at + 1)..<end), prefix: text(range.lowerBound..<prefixEnd), locator: locator,
                             suppressAuthor: suppress, location: location(at))
    }

    /// `[^label]`: a footnote reference (a label has no spaces or brackets).
    package mutating func footnote(at i: Int) -> Int {
        var j = i + 2
        while j < scalars.count && scalars[j] != "]" && scalars[j] != "[" && !scalars[j].properties.isWhitespace { j += 1 }
        guard j > i + 2, j < scalars.count, scalars[j] == "]" else { return i + 1 }
        record(.footnote(String(String.UnicodeScalarView(scalars[(i + 2)..<j]))), range: i..<(j + 1))
        return j + 1
    }

    /// `^[`, when a `]` closes it in the leaf (brackets nest; code spans
    /// and escaped brackets do not count): an inline footnote, whose
    /// content is scanned as prose.
    package mutating func inlineNote(at i: Int) -> Int {
        var depth = 0
        var j = i + 2
        while j < scalars.count {
            switch scalars[j] {
            case "\\": j += 2; continue
            case "`": j = skipCodeSpan(at: j); continue
            case "[": depth += 1
            case "]" where depth == 0:
                record(.inlineNote, range: i..<(i + 2))
                noteEnds.append(j)
                return i + 2
            case "]": depth -= 1
            default: break
            }
            j += 1
        }
        return i + 1
    }

    package mutating func record(_ kind: Span.Kind, range: Range<Int>) {
        spans.append((Span(kind: kind, location: location(range.lowerBound)), range))
    }

    package func result() -> Result {
        var masked = String.UnicodeScalarView()
        var cursor = 0
        for (index, entry) in spans.enumerated() {
            masked.append(contentsOf: scalars[cursor..<entry.range.lowerBound])
            masked.append(contentsOf: Span.placeholder(firstIndex + index).unicodeScalars)
            cursor = entry.range.upperBound
        }
        masked.append(contentsOf: scalars[cursor...])
        return Result(spans: spans.map(\.span), masked: String(masked), diagnostics: diagnostics)
    }
}
