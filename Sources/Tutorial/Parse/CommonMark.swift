#if canImport(Glibc)
import Glibc
#endif
import Ccmark

/// The only place that talks to libcmark.
///
/// Two calls: `blocks(in:)` parses a chapter and returns its code and HTML
/// blocks as Swift values with their lines; `renderHTML` parses the masked
/// chapter, swaps the engine's content in as cmark custom nodes (which cmark
/// emits as-is even in safe mode) and renders HTML with cmark's own renderer.
/// Every C tree is freed with `defer` before the function returns.
enum CommonMark {
    /// Marks the start of every heading's content in rendered HTML, so the
    /// typesetter can give the heading an id: `<h2>` + marker.
    static let headingMarker = "\u{E002}"

    /// The code and HTML blocks of `text`, in document order.
    static func blocks(in text: String) -> [MarkdownBlock] {
        guard let document = parse(text, options: CMARK_OPT_SOURCEPOS) else { return [] }
        defer { cmark_node_free(document) }
        var blocks: [MarkdownBlock] = []
        walk(document) { node in
            let start = Int(cmark_node_get_start_line(node))
            let end = Int(cmark_node_get_end_line(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK:
                blocks.append(MarkdownBlock(
                    kind: .code(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node))),
                    startLine: start, endLine: end, startColumn: Int(cmark_node_get_start_column(node))))
            case CMARK_NODE_HTML_BLOCK:
                blocks.append(MarkdownBlock(kind: .html, startLine: start, endLine: end))
            default: break
            }
        }
        return blocks
    }

    /// Renders the masked chapter to HTML (smart punctuation on; raw HTML
    /// omitted unless `unsafe`).
    static func renderHTML(_ masked: String, unsafe: Bool, rewrite: MarkdownRewrite) -> String {
        let options = CMARK_OPT_SMART | (unsafe ? CMARK_OPT_UNSAFE : 0)
        guard let document = parse(masked, options: options) else { return "" }
        defer { cmark_node_free(document) }

        var codeBlocks: [OpaquePointer] = []
        var texts: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        walk(document) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
            case CMARK_NODE_TEXT: if string(cmark_node_get_literal(node)).contains("\u{E000}") { texts.append(node) }
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            case CMARK_NODE_HTML_INLINE: if string(cmark_node_get_literal(node)).contains("\u{E000}") { rawHTML.append(node) }
            default: break
            }
        }
        for (k, node) in codeBlocks.enumerated() {
            guard let html = rewrite.codeBlock(k) else { continue }
            replace(node, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: html)
        }
        for node in links {
            let url = string(cmark_node_get_url(node))
            if url.contains("\u{E000}") { cmark_node_set_url(node, substitute(url, rewrite.inlineText)) }
            let title = string(cmark_node_get_title(node))
            if title.contains("\u{E000}") { cmark_node_set_title(node, substitute(title, rewrite.inlineText)) }
        }
        for node in rawHTML {
            // A value inside an author's raw HTML (kept with --unsafe) goes in as escaped text.
            let literal = string(cmark_node_get_literal(node))
            cmark_node_set_literal(node, substitute(literal) { HTML.escape(rewrite.inlineText($0)) })
        }
        for node in texts {
            splitText(node, rewrite: rewrite)
        }
        for node in headings {
            let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(marker, headingMarker)
            if let first = cmark_node_first_child(node) {
                cmark_node_insert_before(first, marker)
            } else {
                cmark_node_append_child(node, marker)
            }
        }
        guard let rendered = cmark_render_html(document, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    // MARK: - Helpers

    private static func parse(_ text: String, options: Int32) -> OpaquePointer? {
        var copy = text
        return copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
    }

    private static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func replace(_ node: OpaquePointer, withCustom type: cmark_node_type, html: String) {
        let custom = cmark_node_new(type)
        cmark_node_set_on_enter(custom, html)
        cmark_node_insert_before(node, custom)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Splits the text around placeholders; each placeholder becomes a custom
    /// inline with its HTML (plain text inside image descriptions, where cmark
    /// renders only text), or a custom block when it stands alone in a paragraph.
    private static func splitText(_ node: OpaquePointer, rewrite: MarkdownRewrite) {
        let literal = string(cmark_node_get_literal(node))
        let parts = Placeholders.split(literal)
        let parent = cmark_node_parent(node)
        if let parent, cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH,
           cmark_node_first_child(parent) == node, cmark_node_last_child(parent) == node,
           let only = Placeholders.lone(parts), rewrite.isBlock(only)
        {
            replace(parent, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: rewrite.inlineHTML(only) + "\n")
            return
        }
        var insideImage = false
        var insideLink = false
        var ancestor = parent
        while let a = ancestor {
            if cmark_node_get_type(a) == CMARK_NODE_IMAGE { insideImage = true }
            if cmark_node_get_type(a) == CMARK_NODE_LINK { insideLink = true }
            ancestor = cmark_node_parent(a)
        }
        for part in parts {
            let piece: OpaquePointer?
            switch part {
            case .text(let text):
                piece = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(piece, text)
            case .placeholder(let index) where insideImage || (insideLink && rewrite.isLink(index)):
                piece = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(piece, rewrite.inlineText(index))
            case .placeholder(let index):
                piece = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                cmark_node_set_on_enter(piece, rewrite.inlineHTML(index))
            }
            cmark_node_insert_before(node, piece)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    private static func substitute(_ text: String, _ replacement: (Int) -> String) -> String {
        Placeholders.split(text).map { part in
            switch part {
            case .text(let t): return t
            case .placeholder(let i): return replacement(i)
            }
        }.joined()
    }
}
