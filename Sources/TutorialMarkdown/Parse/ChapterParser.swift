import Foundation
import TutorialBase

/// Scan and parse: turns a chapter's text into a `ChapterDocument`.
///
/// cmark parses the chapter once, with source positions. Then the scanner
/// reads each leaf block — each paragraph and heading — on its own, with the
/// container markers stripped (`LeafText`), so a span never crosses a block
/// boundary; a leaf with spans has its inlines read again from its masked
/// text, so that `*` or `_` inside math never becomes emphasis, and so has
/// a leaf with tildes, whose strikethrough may strand emphasis delimiters
/// (`StrikethroughPlan`). Swift and derivation blocks are read from the
/// code blocks. Footnote definitions are found and hidden from cmark first
/// (`FootnoteLines`), and read on their own; then `ChapterExtensions` reads
/// what cmark left as text (task boxes, bare links, inline notes, attributes).
package enum ChapterParser {
    /// Parses one chapter; problems found on the way (an unbalanced `\(`, an
    /// unknown block option, a malformed derivation) are in `diagnostics`.
    ///
    /// - Parameter smart: smart punctuation (curly quotes, dashes), as
    ///   `cmark --smart`; only tests against other renderers turn it off.
    package static func parse(_ original: ChapterSource, smart: Bool = true) -> ChapterDocument {
        // An article's checks in HTML comments become chapter syntax, line for line.
        let article = ArticleComments.rewrite(original.text, file: original.path)
        var source = original
        source.text = article.text
        var lines = SourceLines(source.text)
        var text = source.text
        var noteLines: [FootnoteLines.Found] = []
        var masked: [[Unicode.Scalar]] = []
        if text.contains("[^") {
            noteLines = FootnoteLines.find(lines, blocks: CommonMark.document(text, smart: smart))
            if !noteLines.isEmpty {
                masked = FootnoteLines.masked(lines, noteLines)
                text = FootnoteLines.mainText(masked, noteLines)
                lines = SourceLines(FootnoteLines.allText(masked))
            }
        }
        var parser = Parser(source: source, lines: lines, smart: smart)
        var (blocks, tooDeep) = CommonMark.read(text, smart: smart)
        var seenLines = Set<Int>()
        for place in tooDeep where seenLines.insert(place.line).inserted {  // one error a line
            parser.diagnostics.append(Diagnostic(file: source.path, line: place.line, column: place.column,
                "the chapter nests block quotes, lists, emphasis or links more than \(CommonMark.maxDepth) levels deep here; render reads at most \(CommonMark.maxDepth) (what is inside is left out)"))
        }
        parser.visit(&blocks, containers: [])
        var footnotes: [FootnoteDefinition] = []
        for entry in noteLines {
            var noteBlocks = CommonMark.document(FootnoteLines.noteText(masked, entry), smart: smart)
            let (firstSpan, firstProblem) = (parser.spans.count, parser.diagnostics.count)
            parser.visit(&noteBlocks, containers: [])
            parser.shiftColumns(entry.indents, spans: firstSpan..., diagnostics: firstProblem...)
            footnotes.append(FootnoteDefinition(label: entry.label, location: entry.location, blocks: FootnoteLines.unmasked(noteBlocks)))
        }
        let extensions = ChapterExtensions.apply(
            blocks: blocks, footnotes: footnotes, spans: parser.spans, lines: lines, file: source.path)

        var expressions: [InlineExpression] = []
        var firstOfSpan: [Int] = []
        for span in parser.spans {
            firstOfSpan.append(expressions.count)
            switch span.kind {
            case .value(let e): expressions.append(e)
            case .math(let m):
                for case .value(let e) in m.pieces { expressions.append(e) }
            case .reference, .footnote, .inlineNote, .inlineNoteEnd, .citation: break
            }
        }
        var document = ChapterDocument(
            source: source, blocks: extensions.blocks, spans: parser.spans,
            swiftBlocks: parser.swiftBlocks, derivations: parser.derivations, expressions: expressions,
            firstExpressionOfSpan: firstOfSpan, diagnostics: article.diagnostics + parser.diagnostics + extensions.diagnostics,
            hasSyntaxErrors: parser.syntaxErrors, footnotes: extensions.footnotes, inlineNotes: extensions.inlineNotes,
            headingIDs: extensions.headingIDs, imageAttributes: extensions.imageAttributes)
        document.uncheckedMarks = article.marks
        let reserved = ReservedNames.check(document, lines: source.text.split(separator: "\n", omittingEmptySubsequences: false))
        if !reserved.isEmpty {
            // The program is not run: its records could not be trusted.
            document.diagnostics += reserved
            document.hasSyntaxErrors = true
        }
        if !article.claimColumns.isEmpty {
            // A claim written as a comment is reported at its number, as the article shows it.
            document.expressions = document.expressions.map { expression in
                var moved = expression
                moved.exact = article.exactClaims.contains(expression.location)
                if let column = article.claimColumns[expression.location] { moved.location.column = column }
                return moved
            }
        }
        return document
    }

    /// The walk over the tree, in document order.
    private struct Parser {
        package let source: ChapterSource
        package let lines: SourceLines
        let smart: Bool
        package var spans: [Span] = []
        package var diagnostics: [Diagnostic] = []
        package var swiftBlocks: [SwiftBlock] = []
        package var derivations: [Derivation] = []
        var syntaxErrors = false
        /// What the chapter's swift blocks so far declare, for the derivations' TeX reader.
        var symbols = ChapterSymbols()
        lazy var definitions = ReferenceDefinitions.text(in: lines)

        package mutating func visit(_ blocks: inout [MarkdownBlock], containers: [LeafText.Container]) {
            var result: [MarkdownBlock] = []
            result.reserveCapacity(blocks.count)
            for var block in blocks {
                switch block.kind {
                case .paragraph:
                    if let parts = table(block, containers: containers) {
                        result += parts
                        continue
                    }
                    scan(&block, containers: containers)
                case .heading:
                    scan(&block, containers: containers)
                case .blockQuote(var children):
                    let callout = self.callout(&children, containers: containers + [.quote])
                    visit(&children, containers: containers + [.quote])
                    if let (kind, title, label) = callout {
                        block.kind = .callout(Callout(kind: kind, title: title, blocks: children, label: label))
                    } else {
                        block.kind = .blockQuote(children)
                    }
                case .list(let start, let tight, var items):
                    for i in items.indices { visit(&items[i], containers: containers + [.item]) }
                    block.kind = .list(start: start, tight: tight, items: items)
                case .code(let info, let literal, let index):
                    code(block, info: info, literal: literal, index: index)
                case .html, .thematicBreak, .table, .callout:
                    break
                }
                result.append(block)
            }
            blocks = result
        }

        /// Puts back the indent a footnote's later paragraphs lost (see
        /// `FootnoteLines`) on the columns of what was found in them.
        mutating func shiftColumns(_ indents: [Int: Int], spans: PartialRangeFrom<Int>, diagnostics: PartialRangeFrom<Int>) {
            guard !indents.isEmpty else { return }
            func shifted(_ location: SourceLocation) -> SourceLocation {
                SourceLocation(line: location.line, column: location.column + (indents[location.line] ?? 0))
            }
            func shifted(_ e: InlineExpression) -> InlineExpression {
                var e = e
                e.location = shifted(e.location)
                return e
            }
            for k in self.spans.indices[spans] {
                self.spans[k].location = shifted(self.spans[k].location)
                switch self.spans[k].kind {
                case .value(let e): self.spans[k].kind = .value(shifted(e))
                case .math(var m):
                    m.pieces = m.pieces.map { if case .value(let e) = $0 { .value(shifted(e)) } else { $0 } }
                    self.spans[k].kind = .math(m)
                case .citation(var c):
                    c.items = c.items.map { var item = $0; item.location = shifted(item.location); return item }
                    self.spans[k].kind = .citation(c)
                default: break
                }
            }
            for k in self.diagnostics.indices[diagnostics] {
                self.diagnostics[k].column += indents[self.diagnostics[k].line] ?? 0
            }
        }

        /// Finds the spans of a paragraph or heading and, if there are any,
        /// reads its inlines again from the masked text.
        mutating func scan(_ block: inout MarkdownBlock, containers: [LeafText.Container]) {
            guard let leaf = LeafText(block, containers: containers, lines: lines),
                  let inlines = inlines(of: leaf, always: false)
            else { return }
            switch block.kind {
            case .heading(let level, _): block.kind = .heading(level: level, inlines)
            default: block.kind = .paragraph(inlines)
            }
        }

        /// The inlines of a leaf's text with its spans in place; nil when it
        /// holds no span and `always` is false (cmark's reading stands).
        ///
        /// - Parameter cell: a table cell, which holds inlines only: text that
        ///   cmark would read as a block (`---`, `# a`) stays literal text.
        package mutating func inlines(of leaf: LeafText, always: Bool, cell: Bool = false) -> [MarkdownInline]? {
            let mayHoldSpans = leaf.scalars.contains(where: { $0 == "\\" || $0 == "$" || $0 == "@" || $0 == "^" || $0 == "\u{E000}" || $0 == "\u{E001}" })
            // Tildes may strand emphasis delimiters (see `StrikethroughPlan`): such a leaf is always read again.
            let keep = !always && !leaf.scalars.contains("~")
            var masked = leaf.text
            if mayHoldSpans {
                let result = Scanner.scan(leaf, file: source.path, firstIndex: spans.count)
                diagnostics += result.diagnostics
                spans += result.spans
                masked = result.masked
                if result.spans.isEmpty && keep { return nil }
            } else if keep {
                return nil
            }
            if masked.allSatisfy(\.isWhitespace) { return [] }
            let references = masked.contains("]") ? definitions : ""
            // A heading's text read alone may look like a block ("# - a"): then its first character is escaped.
            return Strikethrough.read(masked, definitions: references, smart: smart)
                ?? Strikethrough.read(masked, smart: smart)
                ?? (cell ? nil : Strikethrough.read("\\" + masked, smart: smart))
                ?? Placeholders.split(masked).map { part -> MarkdownInline in
                    switch part {
                    case .text(let text): .text(text)
                    case .placeholder(let index): .span(index)
                    }
                }
        }

        /// A paragraph that holds a pipe table, as the paragraph before it
        /// (if any), the table, and the lazy lines after it (if any); nil
        /// when it holds none.
        package mutating func table(_ block: MarkdownBlock, containers: [LeafText.Container]) -> [MarkdownBlock]? {
            // Cheap test first: a delimiter row has a '-' and (or its header has) a '|'.
            let source = lines
            guard block.endLine > block.startLine,
                  (block.startLine...block.endLine).contains(where: { source[$0].contains("|") }),
                  (block.startLine + 1...block.endLine).contains(where: { source[$0].contains("-") }),
                  let leaf = LeafText(block, containers: containers, lines: source)
            else { return nil }
            guard let found = TableReader.find(
                in: leaf,
                indent: { LeafText.indent(source[$0], containers: containers) },
                isLazy: { $0 > block.startLine && LeafText.isLazy(source[$0], containers: containers) })
            else { return nil }
            var result: [MarkdownBlock] = []
            if let before = found.before {
                let last = before.locations.last?.line ?? block.startLine
                result.append(MarkdownBlock(kind: .paragraph(inlines(of: before, always: true) ?? []),
                                            startLine: block.startLine, endLine: last, startColumn: block.startColumn))
            }
            let header = found.header.map { inlines(of: $0, always: true, cell: true) ?? [] }
            let rows = found.rows.map { row in row.map { inlines(of: $0, always: true, cell: true) ?? [] } }
            let first = found.header.first?.locations.first?.line ?? block.startLine
            let last = found.after.flatMap { $0.locations.first?.line }.map { $0 - 1 } ?? block.endLine
            result.append(MarkdownBlock(
                kind: .table(MarkdownTable(alignments: found.alignments, header: header, rows: rows)),
                startLine: first, endLine: last, startColumn: found.before == nil ? block.startColumn : 1))
            if let after = found.after, let line = after.locations.first?.line {
                result.append(MarkdownBlock(kind: .paragraph(inlines(of: after, always: true) ?? []),
                                            startLine: line, endLine: block.endLine, startColumn: 1))
            }
            return result
        }

        /// If a block quote's first line is a callout marker (`[!NOTE]`…),
        /// removes that line from its first paragraph and returns the kind
        /// and the title written after the marker.
        package mutating func callout(_ children: inout [MarkdownBlock], containers: [LeafText.Container]) -> (Callout.Kind, [MarkdownInline], String?)? {
            guard let first = children.first, case .paragraph = first.kind,
                  let leaf = LeafText(first, containers: containers, lines: lines)
            else { return nil }
            let firstLine = leaf.slice(leaf.lines()[0])
            guard firstLine.scalars.first == "[" else { return nil }
            guard let (kind, rest) = Callout.marker(Substring(firstLine.text)) else {
                if let name = Callout.markerName(Substring(firstLine.text)) {
                    let kinds = Callout.Kind.allCases.map { "[!\($0.rawValue.uppercased())]" }.joined(separator: ", ")
                    diagnostics.append(Diagnostic(file: source.path, line: first.startLine, column: firstLine.locations[0].column, severity: .warning,
                        "'[!\(name)]' is not a callout kind render knows, so this is shown as a plain quote with the marker as text; the kinds are \(kinds)"))
                }
                return nil
            }
            var titleText = rest.trimmingCharacters(in: .whitespaces)
            var label: String?
            if titleText.hasSuffix("}"), let open = titleText.lastIndex(of: "{") {
                let inside = titleText[titleText.index(after: open)..<titleText.index(before: titleText.endIndex)]
                let column = firstLine.locations[0].column + firstLine.text.distance(from: firstLine.text.startIndex,
                    to: firstLine.text.range(of: "{", options: .backwards)?.lowerBound ?? firstLine.text.startIndex)
                if let prefix = kind.labelPrefix, inside.hasPrefix("#\(prefix):"), inside.count > prefix.count + 2,
                   HeadingAttributes.isID(inside.dropFirst()) {
                    label = String(inside.dropFirst())
                } else {
                    let expected = kind.labelPrefix.map { "{#\($0):NAME}" }
                    diagnostics.append(Diagnostic(file: source.path, line: first.startLine, column: column,
                        expected.map { "the label '{\(inside)}' is not understood: a \(kind.rawValue)'s label is \($0)" }
                            ?? "a \(kind.rawValue) takes no label or attributes: '{\(inside)}' is not understood"))
                }
                titleText = String(titleText[..<open]).trimmingCharacters(in: .whitespaces)
            }
            let title = titleText.isEmpty ? [] : (Strikethrough.read(titleText, smart: smart) ?? [.text(titleText)])
            if first.endLine == first.startLine {
                children.removeFirst()
            } else {
                let next = first.startLine + 1
                let column = lines.byteColumn(line: next, column: LeafText.contentStart(lines[next], containers: containers) + 1)
                var rest = MarkdownBlock(kind: .paragraph([]), startLine: next, endLine: first.endLine, startColumn: column)
                if let restLeaf = LeafText(rest, containers: containers, lines: lines) {
                    rest.kind = .paragraph(Strikethrough.read(restLeaf.text, definitions: definitions, smart: smart) ?? [.text(restLeaf.text)])
                }
                children[0] = rest
            }
            return (kind, title, label)
        }

        package mutating func code(_ block: MarkdownBlock, info: String, literal: String, index: Int) {
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
                    file: source.path, symbols: symbols.symbols, indexBase: source.defaultIndexBase)
                derivations.append(derivation)
                diagnostics += problems
            default:
                break
            }
        }
    }
}
