/// The Markdown extensions read over cmark's tree once a chapter is parsed:
/// task items, strikethrough and bare links (GFM), inline footnotes, heading
/// attributes; and the checks that tie footnote references to definitions.
///
/// Plain CommonMark comes out of this pass unchanged: each extension acts
/// only on syntax cmark leaves as text.
enum ChapterExtensions {
    /// The chapter's tree and notes after the pass.
    struct Result {
        var blocks: [MarkdownBlock]
        var footnotes: [FootnoteDefinition]
        var inlineNotes: [Int: [MarkdownInline]]
        var headingIDs: [Int: String]
        var diagnostics: [Diagnostic]
    }

    /// Applies every extension to `blocks` and to the footnotes' blocks.
    static func apply(blocks: [MarkdownBlock], footnotes: [FootnoteDefinition], spans: [Span],
                      lines: SourceLines, file: String) -> Result {
        var diagnostics: [Diagnostic] = []
        var notes: [Int: [MarkdownInline]] = [:]
        var headingIDs: [Int: String] = [:]
        func inlinePass(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
            var blocks = TaskItems.apply(blocks)
            blocks.updateInlines { inlines, _ in
                inlines = InlineNotes.pair(GFMInlines.apply(inlines), spans: spans, notes: &notes)
            }
            return blocks
        }
        let result = headings(inlinePass(blocks), ids: &headingIDs, lines: lines, file: file, diagnostics: &diagnostics)
        let footnotes = footnotes.map { note in
            var note = note
            note.blocks = inlinePass(note.blocks)
            return note
        }
        diagnostics += checkNotes(footnotes, inlineNotes: notes, spans: spans, file: file)
        return Result(blocks: result, footnotes: footnotes, inlineNotes: notes, headingIDs: headingIDs, diagnostics: diagnostics)
    }

    /// Reads each heading's trailing `{…}`, top-level or nested.
    private static func headings(_ blocks: [MarkdownBlock], ids: inout [Int: String], lines: SourceLines,
                                 file: String, diagnostics: inout [Diagnostic]) -> [MarkdownBlock] {
        blocks.map { block in
            var block = block
            switch block.kind {
            case .heading(let level, let inlines):
                guard let read = HeadingAttributes.read(inlines) else { break }
                block.kind = .heading(level: level, read.inlines)
                if let id = read.id { ids[block.startLine] = id }
                if let problem = read.problem {
                    let line = lines[block.startLine]
                    let column = (line.lastIndex(of: "{") ?? 0) + 1
                    diagnostics.append(Diagnostic(file: file, line: block.startLine, column: column, problem))
                }
            case .blockQuote(let children):
                block.kind = .blockQuote(headings(children, ids: &ids, lines: lines, file: file, diagnostics: &diagnostics))
            case .callout(var callout):
                callout.blocks = headings(callout.blocks, ids: &ids, lines: lines, file: file, diagnostics: &diagnostics)
                block.kind = .callout(callout)
            case .list(let start, let tight, let items):
                block.kind = .list(start: start, tight: tight, items: items.map {
                    headings($0, ids: &ids, lines: lines, file: file, diagnostics: &diagnostics)
                })
            default:
                break
            }
            return block
        }
    }

    /// A reference without a definition and a second definition of a label
    /// are errors; a definition never referred to, and a `^[` whose `]` is
    /// in another emphasis or link, are warnings.
    static func checkNotes(_ footnotes: [FootnoteDefinition], inlineNotes: [Int: [MarkdownInline]],
                           spans: [Span], file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var defined: [String: SourceLocation] = [:]
        for note in footnotes {
            if let first = defined[note.label] {
                problems.append(Diagnostic(file: file, line: note.location.line, column: note.location.column,
                    "the footnote '[^\(note.label)]' is already defined at line \(first.line)"))
            } else {
                defined[note.label] = note.location
            }
        }
        var referenced: Set<String> = []
        for (index, span) in spans.enumerated() {
            switch span.kind {
            case .footnote(let label):
                referenced.insert(label)
                if defined[label] == nil {
                    problems.append(Diagnostic(file: file, line: span.location.line, column: span.location.column,
                        "the footnote '[^\(label)]' has no definition: add a line '[^\(label)]: …' to this chapter, or write the note inline as ^[…]"))
                }
            case .inlineNote where inlineNotes[index] == nil:
                problems.append(Diagnostic(file: file, line: span.location.line, column: span.location.column, severity: .warning,
                    "this inline footnote '^[' is not closed by a ']' in the same emphasis or link, so it is shown as text"))
            default:
                break
            }
        }
        for note in footnotes where !referenced.contains(note.label) && defined[note.label] == note.location {
            problems.append(Diagnostic(file: file, line: note.location.line, column: note.location.column, severity: .warning,
                "the footnote '[^\(note.label)]' is defined but never referred to: write [^\(note.label)] where it belongs, or remove it"))
        }
        return problems
    }
}
