import TutorialBase

/// GFM task list items: a list item whose first paragraph starts with
/// `[ ]`, `[x]` or `[X]` and white space gets a box (`.taskBox`) in place of
/// the brackets; the page shows it checked or not, and disabled.
enum TaskItems {
    /// `blocks` with every task item's marker read, nested lists included.
    package static func apply(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        blocks.map { block in
            var block = block
            switch block.kind {
            case .list(let start, let tight, let items):
                block.kind = .list(start: start, tight: tight, items: items.map { marked(apply($0)) })
            case .blockQuote(let children):
                block.kind = .blockQuote(apply(children))
            case .callout(var callout):
                callout.blocks = apply(callout.blocks)
                block.kind = .callout(callout)
            default:
                break
            }
            return block
        }
    }

    /// An item's blocks with the box read from its first paragraph, if it starts with one.
    private static func marked(_ item: [MarkdownBlock]) -> [MarkdownBlock] {
        guard case .paragraph(var inlines)? = item.first?.kind, case .text(let text)? = inlines.first,
              let (checked, rest) = box(text)
        else { return item }
        inlines[0] = .text(rest)
        inlines.insert(.taskBox(checked: checked), at: 0)
        var item = item
        item[0].kind = .paragraph(inlines)
        return item
    }

    /// Whether `text` starts with a box, whether it is checked, and the text after the brackets.
    package static func box(_ text: String) -> (checked: Bool, rest: String)? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 4, scalars[0] == "[", scalars[2] == "]",
              scalars[3] == " " || scalars[3] == "\t"
        else { return nil }
        switch scalars[1] {
        case " ": return (false, String(text.unicodeScalars.dropFirst(3)))
        case "x", "X": return (true, String(text.unicodeScalars.dropFirst(3)))
        default: return nil
        }
    }
}
