import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Raw HTML in a chapter is left out of the page unless `--unsafe` (cmark's
/// safe mode), which would otherwise lose it silently: each block that has
/// some gets a warning at its line. A `<details>` — the usual way to hide an
/// exercise's solution — is pointed at `> [!SOLUTION]`, which needs no raw
/// HTML. HTML comments are authors' notes and pass without a word.
package enum RawHTMLCheck {
    /// One warning per block whose raw HTML the page leaves out.
    package static func warnings(_ document: ChapterDocument) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        func warn(_ html: String, line: Int, column: Int) {
            let lower = html.lowercased()
            let message = lower.contains("<details")
                ? "raw HTML is left out of the page, so this <details> and what it hides are lost; write the solution as a callout, > [!SOLUTION], which renders collapsed without raw HTML (or build with --unsafe)"
                : "raw HTML is left out of the page (render keeps it only with --unsafe): \(html.split(whereSeparator: \.isNewline).first.map(String.init) ?? html)"
            warnings.append(Diagnostic(file: document.path, line: line, column: column, severity: .warning, message))
        }
        document.blocks.forEachBlock { block in
            if case .html(let literal) = block.kind, !isComment(literal) {
                warn(literal, line: block.startLine, column: block.startColumn)
            }
        }
        var blocks = document.blocks
        var lastLine = 0
        blocks.updateInlines { inlines, block in
            let html = rawHTML(in: inlines)
            // One warning per block, at its first line (inline HTML keeps no line of its own).
            if !html.isEmpty && lastLine != block.startLine {
                lastLine = block.startLine
                warn(html.joined(), line: block.startLine, column: block.startColumn)
            }
        }
        return warnings
    }

    /// The raw HTML among `inlines`, inside emphasis and links too; comments left out.
    static func rawHTML(in inlines: [MarkdownInline]) -> [String] {
        inlines.flatMap { inline -> [String] in
            switch inline {
            case .html(let h): isComment(h) ? [] : [h]
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): rawHTML(in: c)
            default: []
            }
        }
    }

    static func isComment(_ html: String) -> Bool {
        html.drop(while: \.isWhitespace).hasPrefix("<!--")
    }
}
