/// Scan and parse: turns a chapter's text into a `ChapterDocument`.
///
/// cmark parses the chapter once, with source positions. Then the scanner
/// reads each leaf block — each paragraph and heading — on its own, with the
/// container markers stripped (`LeafText`), so a span never crosses a block
/// boundary; a leaf with spans has its inlines read again from its masked
/// text, so that `*` or `_` inside math never becomes emphasis. Swift and
/// derivation blocks are read from the code blocks.
public enum ChapterParser {
    /// Parses one chapter; problems found on the way (an unbalanced `\(`, an
    /// unknown block option, a malformed derivation) are in `diagnostics`.
    public static func parse(_ source: ChapterSource) -> ChapterDocument {
        var parser = Parser(source: source, lines: SourceLines(source.text))
        var blocks = CommonMark.document(source.text)
        parser.visit(&blocks, containers: [])

        var expressions: [InlineExpression] = []
        var firstOfSpan: [Int] = []
        for span in parser.spans {
            firstOfSpan.append(expressions.count)
            switch span.kind {
            case .value(let e): expressions.append(e)
            case .math(let m):
                for case .value(let e) in m.pieces { expressions.append(e) }
            case .reference: break
            }
        }
        return ChapterDocument(
            source: source, blocks: blocks, spans: parser.spans,
            swiftBlocks: parser.swiftBlocks, derivations: parser.derivations, expressions: expressions,
            firstExpressionOfSpan: firstOfSpan, diagnostics: parser.diagnostics, hasSyntaxErrors: parser.syntaxErrors)
    }

    /// The walk over the tree, in document order.
    private struct Parser {
        let source: ChapterSource
        let lines: SourceLines
        var spans: [Span] = []
        var diagnostics: [Diagnostic] = []
        var swiftBlocks: [SwiftBlock] = []
        var derivations: [Derivation] = []
        var syntaxErrors = false
        /// What the chapter's swift blocks so far declare, for the derivations' TeX reader.
        var symbols = ChapterSymbols()
        lazy var definitions = ReferenceDefinitions.text(in: lines)

        mutating func visit(_ blocks: inout [MarkdownBlock], containers: [LeafText.Container]) {
            for k in blocks.indices {
                switch blocks[k].kind {
                case .paragraph, .heading:
                    scan(&blocks[k], containers: containers)
                case .blockQuote(var children):
                    visit(&children, containers: containers + [.quote])
                    blocks[k].kind = .blockQuote(children)
                case .list(let start, let tight, var items):
                    for i in items.indices { visit(&items[i], containers: containers + [.item]) }
                    blocks[k].kind = .list(start: start, tight: tight, items: items)
                case .code(let info, let literal, let index):
                    code(blocks[k], info: info, literal: literal, index: index)
                case .html, .thematicBreak:
                    break
                }
            }
        }

        /// Finds the spans of a paragraph or heading and, if there are any,
        /// reads its inlines again from the masked text.
        mutating func scan(_ block: inout MarkdownBlock, containers: [LeafText.Container]) {
            guard let leaf = LeafText(block, containers: containers, lines: lines),
                  leaf.scalars.contains(where: { $0 == "\\" || $0 == "$" || $0 == "@" || $0 == "\u{E000}" || $0 == "\u{E001}" })
            else { return }
            let result = Scanner.scan(leaf, file: source.path, firstIndex: spans.count)
            diagnostics += result.diagnostics
            guard !result.spans.isEmpty else { return }
            spans += result.spans
            let references = result.masked.contains("]") ? definitions : ""
            // A heading's text read alone may look like a block ("# - a"): then its first character is escaped.
            let inlines = CommonMark.inlines(result.masked, definitions: references)
                ?? CommonMark.inlines(result.masked)
                ?? CommonMark.inlines("\\" + result.masked)
                ?? Placeholders.split(result.masked).map { part -> MarkdownInline in
                    switch part {
                    case .text(let text): .text(text)
                    case .placeholder(let index): .span(index)
                    }
                }
            switch block.kind {
            case .heading(let level, _): block.kind = .heading(level: level, inlines)
            default: block.kind = .paragraph(inlines)
            }
        }

        mutating func code(_ block: MarkdownBlock, info: String, literal: String, index: Int) {
            let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            switch words.first {
            case "swift":
                var options = Set(words.dropFirst())
                let known: Set<String> = ["hide", "norun", "output"]
                for unknown in options.subtracting(known).sorted() {
                    diagnostics.append(Diagnostic(file: source.path, line: block.startLine,
                        "unknown option '\(unknown)' for a swift block; the options are hide, norun and output"))
                    options.remove(unknown)
                }
                let indent = max(lines.scalarIndex(line: block.startLine, byteColumn: block.startColumn), 0)
                let reading: SwiftBlockReading
                if let problem = SwiftSyntaxCheck.tooDeep(literal) {
                    // Never parsed (not for tangling, not for highlighting): it would take too long.
                    reading = .unparsed(literal)
                    diagnostics.append(Diagnostic(file: source.path, line: block.contentLine + problem.line - 1,
                                                  column: problem.column + indent, problem.message))
                    syntaxErrors = true
                    options.insert("norun")
                } else {
                    reading = .read(literal, fenceLine: block.startLine)
                    if !options.contains("norun"), let problem = reading.problem {
                        diagnostics.append(Diagnostic(file: source.path, line: block.contentLine + problem.line - 1,
                                                      column: problem.column + indent, problem.message))
                        syntaxErrors = true
                    }
                }
                let swiftBlock = SwiftBlock(
                    index: swiftBlocks.count, codeBlockIndex: index, code: literal,
                    fenceLine: block.startLine, firstCodeLine: block.contentLine, indent: indent,
                    hidden: options.contains("hide"), runs: !options.contains("norun"),
                    showsOutput: options.contains("output"), reading: reading)
                swiftBlocks.append(swiftBlock)
                if swiftBlock.runs && !syntaxErrors { symbols.symbols += reading.declarations }
            case "derivation":
                let (derivation, problems) = DerivationParser.parse(
                    literal, index: derivations.count, codeBlockIndex: index,
                    fenceLine: block.startLine, firstLine: block.contentLine,
                    indent: max(lines.scalarIndex(line: block.startLine, byteColumn: block.startColumn), 0),
                    file: source.path, symbols: symbols.symbols)
                derivations.append(derivation)
                diagnostics += problems
            default:
                break
            }
        }
    }
}
