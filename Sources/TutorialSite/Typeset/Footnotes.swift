import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// A chapter's footnotes: numbered 1, 2, … in the order the text first
/// refers to them, each mark linked to its note and each note back to its
/// first mark; the notes are listed in a section at the end of the page
/// (and so at the end of the chapter in `print.html` and the PDF).
///
/// Ids have a colon (`fn:1`, `fnref:1`, `fnref:1-2` for a second mark),
/// which heading slugs never have, so they cannot clash.
package struct Footnotes {
    /// A note: a definition by its label, or an inline note by its opening span.
    enum Note: Hashable {
        case defined(String)
        case inline(Int)
    }

    /// The notes in the order of their numbers.
    private(set) var order: [Note] = []
    /// The mark's HTML for each span that refers to a note.
    private(set) var marks: [Int: String] = [:]

    /// Numbers the notes of `document` by their first reference.
    package init(_ document: ChapterDocument) {
        let defined = Set(document.footnotes.map(\.label))
        var numbers: [Note: Int] = [:]
        var seen: [Note: Int] = [:]
        for (index, span) in document.spans.enumerated() {
            let note: Note
            switch span.kind {
            case .footnote(let label) where defined.contains(label): note = .defined(label)
            case .inlineNote where document.inlineNotes[index] != nil: note = .inline(index)
            default: continue
            }
            let number = numbers[note] ?? (order.count + 1)
            if numbers[note] == nil {
                numbers[note] = number
                order.append(note)
            }
            let count = (seen[note] ?? 0) + 1
            seen[note] = count
            let id = count == 1 ? "fnref:\(number)" : "fnref:\(number)-\(count)"
            marks[index] = "<sup class=\"footnote-ref\"><a href=\"#fn:\(number)\" id=\"\(id)\" role=\"doc-noteref\">\(number)</a></sup>"
        }
    }

    /// The mark of span `index` inside a link (links do not nest): the number alone.
    func plainMark(_ index: Int) -> String? {
        guard let mark = marks[index], let start = mark.range(of: "\">", options: .backwards),
              let end = mark.range(of: "</a>") else { return nil }
        return "<sup class=\"footnote-ref\">\(mark[start.upperBound..<end.lowerBound])</sup>"
    }

    /// The notes section, or "" when the chapter has no notes; `blocks`
    /// and `inlines` write a note's content.
    func section(_ document: ChapterDocument, blocks: ([MarkdownBlock]) -> String,
                 inlines: ([MarkdownInline]) -> String) -> String {
        guard !order.isEmpty else { return "" }
        var html = "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Notes\">\n<ol>\n"
        for (k, note) in order.enumerated() {
            let number = k + 1
            let back = " <a href=\"#fnref:\(number)\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Back to the text\">↩︎</a>"
            var content: String
            switch note {
            case .defined(let label):
                content = blocks(document.footnotes.first { $0.label == label }?.blocks ?? [])
            case .inline(let index):
                content = "<p>" + inlines(document.inlineNotes[index] ?? []) + "</p>\n"
            }
            if content.hasSuffix("</p>\n") {
                content.insert(contentsOf: back, at: content.index(content.endIndex, offsetBy: -5))
            } else {
                content += "<p>\(back)</p>\n"
            }
            html += "<li id=\"fn:\(number)\">\n\(content)</li>\n"
        }
        return html + "</ol>\n</section>\n"
    }
}
