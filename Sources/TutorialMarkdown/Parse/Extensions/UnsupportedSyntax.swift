import TutorialBase

/// Syntax from other tools that render does not read: each gets a warning
/// at its line that says what to write instead, so nothing turns silently
/// into literal text. Pandoc's fenced divs (`:::`), attributes in braces
/// (`{.class}`, `{#id}`) after a paragraph, and LaTeX's `\cite{…}`,
/// `\ref{…}` and `\eqref{…}` in prose.
enum UnsupportedSyntax {
    /// The advice for each pattern, by the text that starts it.
    static let advice: [(start: String, message: String)] = [
        (":::", "Pandoc's fenced divs (:::) are not read; for a box use a callout, > [!NOTE] or > [!THEOREM]"),
        ("\\cite{", "\\cite{…} is LaTeX, not read in prose; cite as [@key] with a bibliography in book.toml"),
        ("\\ref{", "\\ref{…} is LaTeX, not read in prose; refer to a label as @sec:name, @eq:name, @fig:name or @thm:name"),
        ("\\eqref{", "\\eqref{…} is LaTeX, not read in prose; refer to an equation as @eq:name"),
    ]

    /// Warnings for a paragraph's text; `lines` locate them in the chapter.
    package static func warnings(_ inlines: [MarkdownInline], block: MarkdownBlock, lines: SourceLines, file: String) -> [Diagnostic] {
        var text = ""
        collectText(inlines, into: &text)
        var result: [Diagnostic] = []
        for (start, message) in advice where start == ":::" ? text.hasPrefix(":::") : text.contains(start) {
            result.append(Diagnostic(file: file, line: block.startLine, column: column(of: start, block, lines), severity: .warning, message))
        }
        if let open = text.range(of: #"\{[#.][A-Za-z][^{}]*\}\s*$"#, options: .regularExpression), !isImageAlone(inlines) {
            let attribute = String(text[open]).trimmingCharacters(in: .whitespacesAndNewlines)
            let column = (lines[block.endLine].lastIndex(of: "{") ?? 0) + 1
            result.append(Diagnostic(file: file, line: block.endLine, column: column, severity: .warning,
                "the attribute \(attribute) is not read here and is left out: render reads {#sec:NAME} after a heading, {#fig:NAME width=60%} after an image alone in its paragraph, {#eq:NAME} after display math, and {#thm:NAME} on a theorem's first line"))
        }
        return result
    }

    /// One image and then text (its braces).
    private static func isImageAlone(_ inlines: [MarkdownInline]) -> Bool {
        guard inlines.count == 2, case .image = inlines[0], case .text = inlines[1] else { return false }
        return true
    }

    private static func collectText(_ inlines: [MarkdownInline], into text: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let t): text += t
            case .softBreak, .lineBreak: text += "\n"
            case .emphasis(let c), .strong(let c), .strikethrough(let c): collectText(c, into: &text)
            case .link, .image, .code, .html, .span, .taskBox: text += "\u{FFFC}"
            }
        }
    }

    /// The column of the first `needle` on the block's lines (1 if not found there).
    private static func column(of needle: String, _ block: MarkdownBlock, _ lines: SourceLines) -> Int {
        for number in block.startLine...max(block.startLine, block.endLine) {
            let line = String(String.UnicodeScalarView(lines[number]))
            if let range = line.range(of: needle) {
                return line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: range.lowerBound) + 1
            }
        }
        return 1
    }
}
