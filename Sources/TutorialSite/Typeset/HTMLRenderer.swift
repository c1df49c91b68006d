import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Writes a chapter's `MarkdownBlock` tree as HTML, exactly as cmark's own
/// HTML renderer writes the same tree (so ordinary Markdown comes out as
/// `cmark --smart` renders it), with three additions: every heading gets the
/// id it is given, a code block may be replaced by the engine's HTML, and
/// each span is written as the typesetter built it.
///
/// Escaping follows cmark: `&`, `<`, `>` and `"` in text; URLs
/// percent-encoded but for the characters URLs may hold, `&` and `'` as
/// entities; raw HTML and `javascript:`, `vbscript:`, `file:` and (but for
/// images) `data:` URLs left out unless `unsafe`.
struct HTMLRenderer {
    /// How a span is written, given where it stands.
    package enum Place {
        /// Running text: the span's HTML.
        case inline
        /// Alone in its paragraph: display math as a block.
        case block
        /// Where only text may go: an image's description, or inside a link
        /// (for a reference, which is itself a link).
        case text
        case insideLink
    }

    package var unsafe: Bool
    /// The id of each heading, in document order.
    package var headingIDs: [String]
    /// HTML for code block number `k`, or nil to write it as cmark does.
    var codeBlock: (Int) -> String?
    /// HTML (or, for `.text`, escaped text) for span `index` at a place.
    package var span: (Int, Place) -> String
    /// Whether span `index` is a block when it stands alone in a paragraph.
    var isBlock: (Int) -> Bool

    /// The number of the theorem-like block or image figure whose first line is `line`.
    package var numbered: (Int) -> CrossReferences.Target? = { _ in nil }
    /// The attributes of the image alone in the paragraph at `line`.
    var imageAttributes: (Int) -> ImageAttributes? = { _ in nil }

    private var out = ""
    private var headings = 0

    package init(unsafe: Bool, headingIDs: [String], codeBlock: @escaping (Int) -> String?,
         span: @escaping (Int, Place) -> String, isBlock: @escaping (Int) -> Bool) {
        self.unsafe = unsafe
        self.headingIDs = headingIDs
        self.codeBlock = codeBlock
        self.span = span
        self.isBlock = isBlock
    }

    /// The HTML of `blocks`.
    package mutating func render(_ blocks: [MarkdownBlock]) -> String {
        out = ""
        headings = 0
        for block in blocks { write(block, tight: false) }
        return out
    }

    /// The HTML of a run of inlines (a heading's content, say).
    mutating func inlineHTML(_ inlines: [MarkdownInline]) -> String {
        let saved = out
        out = ""
        write(inlines, link: false)
        defer { out = saved }
        return out
    }

    private mutating func cr() {
        if let last = out.utf8.last, last != UInt8(ascii: "\n") { out += "\n" }
    }

    private mutating func write(_ block: MarkdownBlock, tight: Bool) {
        switch block.kind {
        case .paragraph(let inlines):
            if let attributes = imageAttributes(block.startLine), case .image(let source, let title, let caption)? = inlines.first {
                writeImage(source: source, title: title, caption: caption, attributes: attributes, target: numbered(block.startLine))
                return
            }
            if let lone = Self.lone(inlines), isBlock(lone) {
                cr()
                out += span(lone, .block)
                cr()
                return
            }
            if !tight { cr(); out += "<p>" }
            write(inlines, link: false)
            if !tight { out += "</p>\n" }
        case .heading(let level, let inlines):
            cr()
            let id = headings < headingIDs.count ? headingIDs[headings] : ""
            headings += 1
            out += id.isEmpty ? "<h\(level)>" : "<h\(level) id=\"\(HTML.escape(id, as: .commonMark))\">"
            write(inlines, link: false)
            out += "</h\(level)>\n"
        case .blockQuote(let children):
            cr()
            out += "<blockquote>\n"
            for child in children { write(child, tight: false) }
            cr()
            out += "</blockquote>\n"
        case .list(let start, let isTight, let items):
            cr()
            switch start {
            case nil: out += "<ul>\n"
            case 1?: out += "<ol>\n"
            case let n?: out += "<ol start=\"\(n)\">\n"
            }
            for item in items {
                cr()
                out += Self.isTask(item) ? "<li class=\"task\">" : "<li>"
                for child in item { write(child, tight: isTight) }
                out += "</li>\n"
            }
            out += start == nil ? "</ul>\n" : "</ol>\n"
        case .code(let info, let literal, let index):
            if let html = codeBlock(index) {
                cr()
                out += html
                cr()
                return
            }
            cr()
            let language = info.prefix(while: { !" \t\n\r\u{0B}\u{0C}".contains($0) })
            out += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(HTML.escape(String(language), as: .commonMark))\">"
            out += HTML.escape(literal, as: .commonMark)
            out += "</code></pre>\n"
        case .html(let literal):
            cr()
            out += unsafe ? literal : "<!-- raw HTML omitted -->"
            cr()
        case .thematicBreak:
            cr()
            out += "<hr />\n"
        case .table(let table):
            write(table)
        case .callout(let callout) where callout.kind.isTheoremLike:
            writeTheorem(callout, target: numbered(block.startLine))
        case .callout(let callout):
            write(callout)
        }
    }

    /// A pipe table as GFM writes it, but for alignment: a class
    /// (`align-center`), since HTML5 has no `align` attribute.
    private mutating func write(_ table: MarkdownTable) {
        func row(_ cells: [[MarkdownInline]], tag: String) {
            out += "<tr>\n"
            for (k, cell) in cells.enumerated() {
                let alignment = k < table.alignments.count ? table.alignments[k] : nil
                out += alignment.map { "<\(tag) class=\"align-\($0.rawValue)\">" } ?? "<\(tag)>"
                write(cell, link: false)
                out += "</\(tag)>\n"
            }
            out += "</tr>\n"
        }
        cr()
        out += "<table>\n<thead>\n"
        row(table.header, tag: "th")
        out += "</thead>\n"
        if !table.rows.isEmpty {
            out += "<tbody>\n"
            for cells in table.rows { row(cells, tag: "td") }
            out += "</tbody>\n"
        }
        out += "</table>\n"
    }

    /// A callout: a titled box, or for a solution a collapsed `<details>`;
    /// the title is the kind ("Exercise"), then the author's title if any.
    private mutating func write(_ callout: Callout) {
        cr()
        let kind = callout.kind.rawValue
        let collapsed = callout.kind == .solution
        out += collapsed ? "<details class=\"callout callout-\(kind)\">\n<summary>" : "<div class=\"callout callout-\(kind)\">\n<p class=\"callout-title\">"
        out += HTML.escape(callout.kind.defaultTitle, as: .commonMark)
        if !callout.title.isEmpty {
            out += ": "
            write(callout.title, link: false)
        }
        out += collapsed ? "</summary>\n" : "</p>\n"
        for child in callout.blocks { write(child, tight: false) }
        cr()
        out += collapsed ? "</details>\n" : "</div>\n"
    }

    /// A theorem-like block: a run-in head ("Theorem 1 (Gibbs' inequality).")
    /// at the start of its first paragraph; a proof ends with ∎.
    private mutating func writeTheorem(_ callout: Callout, target: CrossReferences.Target?) {
        cr()
        let kind = callout.kind.rawValue
        let id = target.flatMap { $0.id.isEmpty ? nil : " id=\"\(HTML.escape($0.id, as: .commonMark))\"" } ?? ""
        out += "<div class=\"theorem theorem-\(kind)\"\(id)>\n"
        var head = "<span class=\"theorem-head\">" + HTML.escape(target?.name ?? callout.kind.defaultTitle, as: .commonMark)
        if !callout.title.isEmpty {
            head += " <span class=\"theorem-title\">(" + inlineHTML(callout.title) + ")</span>"
        }
        head += ".</span> "
        var blocks = callout.blocks
        if case .paragraph(let inlines)? = blocks.first?.kind, imageAttributes(blocks[0].startLine) == nil {
            out += "<p>" + head
            write(inlines, link: false)
            out += "</p>\n"
            blocks.removeFirst()
        } else {
            out += "<p>" + head + "</p>\n"
        }
        for child in blocks { write(child, tight: false) }
        if callout.kind == .proof {
            let qed = "<span class=\"qed\" role=\"img\" aria-label=\"end of proof\">∎</span>"
            if out.hasSuffix("</p>\n") {
                out.insert(contentsOf: qed, at: out.index(out.endIndex, offsetBy: -5))
            } else {
                cr()
                out += "<p class=\"qed-line\">\(qed)</p>\n"
            }
        }
        cr()
        out += "</div>\n"
    }

    /// An image alone in its paragraph with attributes: a numbered figure
    /// with its description as caption when labelled, else a sized image.
    private mutating func writeImage(source: String, title: String, caption: [MarkdownInline],
                                     attributes: ImageAttributes, target: CrossReferences.Target?) {
        var image = "<img src=\"" + href(source, image: true) + "\" alt=\""
        let saved = out
        out = ""
        writePlain(caption)
        image += out + "\""
        out = saved
        if !title.isEmpty { image += " title=\"" + HTML.escape(title, as: .commonMark) + "\"" }
        if let percent = attributes.percent { image += " class=\"width-\(percent)\"" }
        if let pixels = attributes.pixels { image += " width=\"\(pixels)\"" }
        image += " />"
        cr()
        guard attributes.label != nil else {
            out += "<p>" + image + "</p>\n"
            return
        }
        let id = target.map { " id=\"\(HTML.escape($0.id, as: .commonMark))\"" } ?? ""
        out += "<figure class=\"figure image-figure\"\(id)>\(image)<figcaption><span class=\"figure-label\">"
        out += HTML.escape(target.map { "\($0.name):" } ?? "", as: .commonMark) + "</span> "
        write(caption, link: false)
        out += "</figcaption></figure>\n"
    }

    private mutating func write(_ inlines: [MarkdownInline], link: Bool) {
        for inline in inlines {
            switch inline {
            case .text(let text): out += HTML.escape(text, as: .commonMark)
            case .softBreak: out += "\n"
            case .lineBreak: out += "<br />\n"
            case .code(let code): out += "<code>" + HTML.escape(code, as: .commonMark) + "</code>"
            case .html(let html): out += unsafe ? html : "<!-- raw HTML omitted -->"
            case .emphasis(let children):
                out += "<em>"
                write(children, link: link)
                out += "</em>"
            case .strong(let children):
                out += "<strong>"
                write(children, link: link)
                out += "</strong>"
            case .strikethrough(let children):
                out += "<del>"
                write(children, link: link)
                out += "</del>"
            case .taskBox(let checked):
                out += checked ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" />" : "<input type=\"checkbox\" disabled=\"\" />"
            case .link(let destination, let title, let children):
                out += "<a href=\"" + href(destination, image: false) + "\""
                if !title.isEmpty { out += " title=\"" + HTML.escape(title, as: .commonMark) + "\"" }
                out += ">"
                write(children, link: true)
                out += "</a>"
            case .image(let source, let title, let children):
                out += "<img src=\"" + href(source, image: true) + "\" alt=\""
                writePlain(children)
                out += "\""
                if !title.isEmpty { out += " title=\"" + HTML.escape(title, as: .commonMark) + "\"" }
                out += " />"
            case .span(let index):
                out += span(index, link ? .insideLink : .inline)
            }
        }
    }

    /// An image's description: its text only, as cmark writes it.
    private mutating func writePlain(_ inlines: [MarkdownInline]) {
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text), .html(let text): out += HTML.escape(text, as: .commonMark)
            case .softBreak, .lineBreak: out += " "
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, _, let children), .image(_, _, let children):
                writePlain(children)
            case .taskBox: break
            case .span(let index): out += span(index, .text)
            }
        }
    }

    /// Whether a list item starts with a task box.
    static func isTask(_ item: [MarkdownBlock]) -> Bool {
        if case .paragraph(let inlines)? = item.first?.kind, case .taskBox? = inlines.first { return true }
        return false
    }

    /// The span when `inlines` is one span, alone but for white space.
    static func lone(_ inlines: [MarkdownInline]) -> Int? {
        let meaningful = inlines.filter { inline in
            switch inline {
            case .text(let t): !t.allSatisfy(\.isWhitespace)
            case .softBreak: false
            default: true
            }
        }
        if meaningful.count == 1, case .span(let index) = meaningful[0] { return index }
        return nil
    }

    /// A URL as cmark writes it in `href` or `src`; empty when it is unsafe.
    private func href(_ url: String, image: Bool) -> String {
        if !unsafe && Self.isDangerous(url) { return "" }
        return Self.escapeHref(url)
    }

    /// cmark's `_scan_dangerous_url`: script and file schemes, and `data:`
    /// other than the four image types.
    static func isDangerous(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: lower.hasPrefix)
        }
        return false
    }

    /// houdini's href escaping, as cmark uses it.
    static func escapeHref(_ url: String) -> String {
        var result = ""
        result.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;"
            case UInt8(ascii: "'"): result += "&#x27;"
            case _ where hrefSafe(byte): result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "%")))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 15)]))
            }
        }
        return result
    }

    private static func hrefSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*(),%#@?=;:/$~".utf8.contains(byte)
        }
    }
}
