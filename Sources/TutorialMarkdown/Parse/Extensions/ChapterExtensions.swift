import TutorialBase

/// The Markdown extensions read over cmark's tree once a chapter is parsed:
/// task items and bare links (GFM), inline footnotes, heading attributes;
/// and the checks that tie footnote references to definitions. (GFM
/// strikethrough is read with each paragraph: see `StrikethroughPlan`.)
///
/// Plain CommonMark comes out of this pass unchanged: each extension acts
/// only on syntax cmark leaves as text.
enum ChapterExtensions {
    /// The chapter's tree and notes after the pass.
    package struct Result {
        package var blocks: [MarkdownBlock]
        package var footnotes: [FootnoteDefinition]
        package var inlineNotes: [Int: [MarkdownInline]]
        package var headingIDs: [Int: String]
        package var imageAttributes: [Int: ImageAttributes]
        package var diagnostics: [Diagnostic]
    }

    /// What the block pass collects.
    private struct Collected {
        package var headingIDs: [Int: String] = [:]
        package var images: [Int: ImageAttributes] = [:]
        package var diagnostics: [Diagnostic] = []
        package let lines: SourceLines
        package let file: String
    }

    /// Applies every extension to `blocks` and to the footnotes' blocks.
    package static func apply(blocks: [MarkdownBlock], footnotes: [FootnoteDefinition], spans: [Span],
                      lines: SourceLines, file: String) -> Result {
        var notes: [Int: [MarkdownInline]] = [:]
        var collected = Collected(lines: lines, file: file)
        func inlinePass(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
            var blocks = TaskItems.apply(blocks)
            blocks.updateInlines { inlines, _ in
                inlines = InlineNotes.pair(GFMInlines.apply(inlines), spans: spans, notes: &notes)
            }
            return blocks
        }
        let result = blockPass(inlinePass(blocks), &collected)
        // The title is shown by the page, outside the body: an id on it would lead nowhere.
        if let title = result.first, case .heading(1, _) = title.kind, collected.headingIDs[title.startLine] != nil {
            collected.headingIDs[title.startLine] = nil
            collected.diagnostics.append(Diagnostic(file: file, line: title.startLine, column: (lines[title.startLine].lastIndex(of: "{") ?? 0) + 1,
                "a chapter's title takes no label: refer to the chapter with a link, [the chapter](\(file.split(separator: "/").last.map(String.init) ?? file)), or label a section under it"))
        }
        let footnotes = footnotes.map { note in
            var note = note
            note.blocks = inlinePass(note.blocks)
            return note
        }
        let diagnostics = collected.diagnostics + checkNotes(footnotes, inlineNotes: notes, spans: spans, file: file)
        return Result(blocks: result, footnotes: footnotes, inlineNotes: notes, headingIDs: collected.headingIDs,
                      imageAttributes: collected.images, diagnostics: diagnostics)
    }

    /// Reads each heading's trailing `{…}` and each image's, and warns
    /// about syntax render does not read; top-level or nested.
    private static func blockPass(_ blocks: [MarkdownBlock], _ collected: inout Collected) -> [MarkdownBlock] {
        blocks.map { block in
            var block = block
            switch block.kind {
            case .heading(let level, let inlines):
                guard let read = HeadingAttributes.read(inlines) else { break }
                block.kind = .heading(level: level, read.inlines)
                if let id = read.id { collected.headingIDs[block.startLine] = id }
                if let problem = read.problem {
                    let line = collected.lines[block.startLine]
                    let column = (line.lastIndex(of: "{") ?? 0) + 1
                    collected.diagnostics.append(Diagnostic(file: collected.file, line: block.startLine, column: column, problem))
                }
            case .paragraph(var inlines):
                collected.diagnostics += UnsupportedSyntax.warnings(inlines, block: block, lines: collected.lines, file: collected.file)
                if let (image, inside) = trailingBraces(&inlines) {
                    let line = collected.lines[block.endLine]
                    let column = (line.lastIndex(of: "{") ?? 0) + 1
                    if image {
                        let (attributes, problem) = ImageAttributes.read(inside)
                        collected.images[block.startLine] = attributes
                        if let problem {
                            collected.diagnostics.append(Diagnostic(file: collected.file, line: block.endLine, column: column, problem))
                        }
                    }
                    block.kind = .paragraph(inlines)
                }
            case .blockQuote(let children):
                block.kind = .blockQuote(blockPass(children, &collected))
            case .callout(var callout):
                callout.blocks = blockPass(callout.blocks, &collected)
                block.kind = .callout(callout)
            case .list(let start, let tight, let items):
                block.kind = .list(start: start, tight: tight, items: items.map { blockPass($0, &collected) })
            default:
                break
            }
            return block
        }
    }

    /// Takes a paragraph's trailing `{…}` (`{#…}`, `{.…}` or `{key=…}`)
    /// out of its text: whether the paragraph is then one image, and the
    /// braces' inside; nil when it has no such braces.
    private static func trailingBraces(_ inlines: inout [MarkdownInline]) -> (image: Bool, inside: Substring)? {
        guard case .text(let text)? = inlines.last,
              let range = text.range(of: #"\{[#.]?[A-Za-z][^{}]*\}[ \t]*$"#, options: .regularExpression)
        else { return nil }
        let braces = text[range].trimmingCharacters(in: .whitespaces)
        let inside = braces.dropFirst().dropLast()
        guard inside.first == "#" || inside.first == "." || inside.contains("=") else { return nil }
        let before = text[..<range.lowerBound]
        if before.allSatisfy({ $0 == " " || $0 == "\t" }) { inlines.removeLast() } else { inlines[inlines.count - 1] = .text(String(before)) }
        let image = inlines.count == 1 && { if case .image = inlines[0] { true } else { false } }()
        return (image, inside)
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
