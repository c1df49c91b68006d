import TutorialBase

/// Pairs each inline footnote's `^[` with its `]` among the same siblings
/// (the scanner found both as spans), and takes what is between them out
/// of the text: it becomes the note, and `^[` stays as the note's mark.
enum InlineNotes {
    /// `inlines` with every paired note replaced by its opening span; the
    /// notes' content goes into `notes` by opening span.
    package static func pair(_ inlines: [MarkdownInline], spans: [Span], notes: inout [Int: [MarkdownInline]]) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        var opens: [Int] = []  // positions in `out` of unpaired `^[`
        for inline in inlines {
            var inline = inline
            switch inline {
            case .emphasis(let c): inline = .emphasis(pair(c, spans: spans, notes: &notes))
            case .strong(let c): inline = .strong(pair(c, spans: spans, notes: &notes))
            case .strikethrough(let c): inline = .strikethrough(pair(c, spans: spans, notes: &notes))
            case .link(let d, let t, let c): inline = .link(destination: d, title: t, pair(c, spans: spans, notes: &notes))
            case .span(let index) where spans.indices.contains(index):
                switch spans[index].kind {
                case .inlineNote:
                    opens.append(out.count)
                case .inlineNoteEnd:
                    if let start = opens.popLast(), case .span(let open) = out[start] {
                        notes[open] = Array(out[(start + 1)...])
                        out.removeSubrange((start + 1)...)
                        continue
                    }
                default: break
                }
            default: break
            }
            out.append(inline)
        }
        return out
    }
}
