/// Finds inline values `\(…)`, claims `\(… ≈ …)`, math `$…$` / `$$…$$` and
/// references `@fig:…` / `@eq:…` in a chapter's prose, before cmark parses it.
///
/// cmark must not see these spans: `*` and `_` inside them would become
/// emphasis. The scanner skips what is code — the lines of code and HTML
/// blocks, as cmark itself located them, and code spans (a run of N backticks
/// up to the next run of exactly N) — and honours backslash escapes, so `\\(`
/// and `\$` stay literal.
///
/// Math follows pandoc's rules: an opening `$` has a non-space character right
/// after it; a closing `$` has a non-space character right before it and no
/// digit right after. A `$` followed by a digit or a space with no closer is a
/// dollar sign ("$5 and $6" stays text); any other `$` without a closer in its
/// paragraph is an error, as is `$$` without its closing `$$`.
public struct Scanner {
    let file: String
    let scalars: [Unicode.Scalar]
    /// The line (1-based) of every scalar.
    let lineOf: [Int]
    /// Index of the first scalar of each line (index 0 unused).
    let lineStart: [Int]
    /// Lines that end a paragraph: blank lines and the lines of code and HTML blocks.
    let boundary: Set<Int>
    let skipped: Set<Int>

    var spans: [(span: Span, range: Range<Int>)] = []
    var diagnostics: [Diagnostic] = []

    /// - Parameters:
    ///   - text: the chapter.
    ///   - file: the path used in diagnostics.
    ///   - skippedLines: lines (1-based) that belong to code or HTML blocks.
    public init(text: String, file: String, skippedLines: Set<Int>) {
        self.file = file
        scalars = Array(text.unicodeScalars)
        var lineOf: [Int] = []
        lineOf.reserveCapacity(scalars.count)
        var starts = [0, 0]
        var line = 1
        for (i, c) in scalars.enumerated() {
            lineOf.append(line)
            if c == "\n" {
                line += 1
                starts.append(i + 1)
            }
        }
        self.lineOf = lineOf
        lineStart = starts
        skipped = skippedLines
        var boundary = skippedLines
        for l in 1..<starts.count {
            let end = l + 1 < starts.count ? starts[l + 1] : scalars.count
            if scalars[starts[l]..<end].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                boundary.insert(l)
            }
        }
        self.boundary = boundary
    }

    /// Scans the whole chapter.
    public static func scan(_ text: String, file: String, skippedLines: Set<Int>) -> ScannedChapter {
        var scanner = Scanner(text: text, file: file, skippedLines: skippedLines)
        scanner.run()
        return scanner.result()
    }

    func location(_ i: Int) -> SourceLocation {
        guard i < scalars.count else {
            let line = (lineOf.last ?? 1)
            return SourceLocation(line: line, column: scalars.count - lineStart[line] + 1)
        }
        let line = lineOf[i]
        return SourceLocation(line: line, column: i - lineStart[line] + 1)
    }

    /// The index where the paragraph holding `i` ends (the start of the next
    /// boundary line, or the end of the text).
    func paragraphEnd(from i: Int) -> Int {
        guard i < scalars.count else { return scalars.count }
        var line = lineOf[i] + 1
        while line < lineStart.count {
            if boundary.contains(line) { return lineStart[line] }
            line += 1
        }
        return scalars.count
    }

    func error(_ message: String, at i: Int) -> Diagnostic {
        let l = location(i)
        return Diagnostic(file: file, line: l.line, column: l.column, message)
    }

    mutating func run() {
        var i = 0
        while i < scalars.count {
            if skipped.contains(lineOf[i]) {
                let next = lineOf[i] + 1
                i = next < lineStart.count ? lineStart[next] : scalars.count
                continue
            }
            switch scalars[i] {
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
                i = SwiftTextWalker.matchingParen(scalars, from: i + 1, limit: paragraphEnd(from: i)).map { $0 + 1 } ?? i + 1
            case "<":
                i = skipTag(at: i)
            case "\u{E000}", "\u{E001}", "\u{E002}":
                diagnostics.append(error(
                    "the private-use character U+\(String(scalars[i].value, radix: 16, uppercase: true)) is reserved by render and cannot appear in prose",
                    at: i))
                i += 1
            default:
                i += 1
            }
        }
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
        while j < scalars.count && scalars[j] != ">" && scalars[j] != "<" && !(scalars[j] == "\n" && boundary.contains(lineOf[j] + 1)) {
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

    mutating func math(at i: Int) -> Int {
        let display = i + 1 < scalars.count && scalars[i + 1] == "$"
        let limit = paragraphEnd(from: i)
        let contentStart = i + (display ? 2 : 1)
        if !display {
            guard contentStart < scalars.count, !scalars[contentStart].properties.isWhitespace else { return i + 1 }
        }
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
        if display {
            diagnostics.append(error("unterminated display math: \"$$\" opened here has no closing \"$$\" in its paragraph", at: i))
            return limit
        }
        if scalars[contentStart].properties.numericType != nil {
            return i + 1  // a dollar amount such as $5
        }
        diagnostics.append(error(#"unterminated math: "$" opened here has no closing "$" in its paragraph (write \$ for a dollar sign)"#, at: i))
        return i + 1
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

    mutating func reference(at i: Int) -> Int {
        if i > 0 && (Self.isLabelCharacter(scalars[i - 1]) || scalars[i - 1] == ".") { return i + 1 }
        for prefix in ["fig:", "eq:"] {
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
        return i + 1
    }

    mutating func record(_ kind: Span.Kind, range: Range<Int>) {
        spans.append((Span(kind: kind, location: location(range.lowerBound)), range))
    }

    func result() -> ScannedChapter {
        var masked = String.UnicodeScalarView()
        var cursor = 0
        for (index, entry) in spans.enumerated() {
            masked.append(contentsOf: scalars[cursor..<entry.range.lowerBound])
            masked.append(contentsOf: Span.placeholder(index).unicodeScalars)
            cursor = entry.range.upperBound
        }
        masked.append(contentsOf: scalars[cursor...])
        return ScannedChapter(spans: spans.map(\.span), maskedText: String(masked), diagnostics: diagnostics)
    }
}
