import TutorialBase

extension Array where Element == MarkdownBlock {
    /// Calls `body` on every run of inlines in the tree, in document order —
    /// paragraphs, headings, table cells, callout titles — with the leaf
    /// block it belongs to, and keeps what `body` changes.
    package mutating func updateInlines(_ body: (inout [MarkdownInline], MarkdownBlock) -> Void) {
        for k in indices {
            let block = self[k]
            switch block.kind {
            case .paragraph(var inlines):
                body(&inlines, block)
                self[k].kind = .paragraph(inlines)
            case .heading(let level, var inlines):
                body(&inlines, block)
                self[k].kind = .heading(level: level, inlines)
            case .blockQuote(var children):
                children.updateInlines(body)
                self[k].kind = .blockQuote(children)
            case .list(let start, let tight, var items):
                for i in items.indices { items[i].updateInlines(body) }
                self[k].kind = .list(start: start, tight: tight, items: items)
            case .table(var table):
                for c in table.header.indices { body(&table.header[c], block) }
                for r in table.rows.indices {
                    for c in table.rows[r].indices { body(&table.rows[r][c], block) }
                }
                self[k].kind = .table(table)
            case .callout(var callout):
                body(&callout.title, block)
                callout.blocks.updateInlines(body)
                self[k].kind = .callout(callout)
            case .code, .html, .thematicBreak:
                break
            }
        }
    }

    /// Calls `body` on every block of the tree, containers before their content.
    package func forEachBlock(_ body: (MarkdownBlock) -> Void) {
        for block in self {
            body(block)
            switch block.kind {
            case .blockQuote(let children): children.forEachBlock(body)
            case .list(_, _, let items): items.forEach { $0.forEachBlock(body) }
            case .callout(let callout): callout.blocks.forEachBlock(body)
            default: break
            }
        }
    }
}

extension MarkdownInline {
    /// Calls `body` on every link and image among `inlines`, nested ones
    /// included, in document order, and keeps what it changes.
    package static func updateLinks(_ inlines: inout [MarkdownInline], _ body: (inout MarkdownInline) -> Void) {
        for k in inlines.indices {
            switch inlines[k] {
            case .emphasis(var children):
                updateLinks(&children, body)
                inlines[k] = .emphasis(children)
            case .strong(var children):
                updateLinks(&children, body)
                inlines[k] = .strong(children)
            case .strikethrough(var children):
                updateLinks(&children, body)
                inlines[k] = .strikethrough(children)
            case .link(let destination, let title, var children):
                var link = MarkdownInline.link(destination: destination, title: title, [])
                body(&link)
                updateLinks(&children, body)
                if case .link(let d, let t, _) = link { inlines[k] = .link(destination: d, title: t, children) }
            case .image(let source, let title, var children):
                updateLinks(&children, body)
                var image = MarkdownInline.image(source: source, title: title, children)
                body(&image)
                inlines[k] = image
            default:
                break
            }
        }
    }
}
