#if canImport(Glibc)
import Glibc
#endif
import Ccmark
import TutorialBase

/// The only place that talks to libcmark.
///
/// `document(_:)` parses a chapter once, with source positions and smart
/// punctuation, and turns cmark's tree into `MarkdownBlock` values;
/// `inlines(_:)` reads the inline content of one leaf block whose spans the
/// scanner has masked. Every C tree is freed with `defer` before the function
/// returns; nothing else imports the C module.
///
/// cmark builds trees of any depth without recursion, but every walk of the
/// Swift values after it (the parser, the scanner, the HTML renderer, the
/// search text) recurses once per level: 5,000 nested block quotes or list
/// markers overflowed the stack. So a node nested deeper than ``maxDepth``
/// is cut from cmark's tree before any Swift value is made of it, and its
/// place is returned for an error at its line.
enum CommonMark {
    /// Block quotes, list items, emphasis, links and images, nested in one another,
    /// that a chapter may hold: far more than prose needs, far less than a stack holds.
    package static let maxDepth = 100

    /// The chapter's blocks, in document order.
    package static func document(_ text: String, smart: Bool = true) -> [MarkdownBlock] {
        read(text, smart: smart).blocks
    }

    /// The chapter's blocks, and where a node nested deeper than ``maxDepth``
    /// was cut (with everything inside it).
    package static func read(_ text: String, smart: Bool = true) -> (blocks: [MarkdownBlock], tooDeep: [SourceLocation]) {
        guard let root = parse(text, options: CMARK_OPT_SOURCEPOS | (smart ? CMARK_OPT_SMART : 0)) else { return ([], []) }
        defer { cmark_node_free(root) }
        let tooDeep = cutDeepNodes(root)
        var codeBlocks = 0
        return (children(of: root).compactMap { block($0, codeBlocks: &codeBlocks) }, tooDeep)
    }

    /// The inlines of `text` read as one paragraph, with each placeholder
    /// `U+E000 index U+E001` as `.span(index)`; nil when cmark reads `text`
    /// as anything but a single paragraph.
    ///
    /// - Parameter definitions: link reference definitions to prepend, so
    ///   that `[text][label]` resolves as it does in the whole chapter.
    package static func inlines(_ text: String, definitions: String = "", smart: Bool = true) -> [MarkdownInline]? {
        let input = definitions.isEmpty ? text : definitions + "\n\n" + text
        guard let root = parse(input, options: smart ? CMARK_OPT_SMART : 0) else { return nil }
        defer { cmark_node_free(root) }
        _ = cutDeepNodes(root)  // reported where the chapter was read whole
        let blocks = children(of: root)
        guard blocks.count == 1, cmark_node_get_type(blocks[0]) == CMARK_NODE_PARAGRAPH else { return nil }
        return inlines(of: blocks[0], placeholders: true)
    }

    // MARK: - cmark's tree to values

    private static func block(_ node: OpaquePointer, codeBlocks: inout Int) -> MarkdownBlock? {
        let kind: MarkdownBlock.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            kind = .paragraph(inlines(of: node, placeholders: false))
        case CMARK_NODE_HEADING:
            kind = .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node, placeholders: false))
        case CMARK_NODE_BLOCK_QUOTE:
            kind = .blockQuote(children(of: node).compactMap { block($0, codeBlocks: &codeBlocks) })
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = children(of: node).map { item in children(of: item).compactMap { block($0, codeBlocks: &codeBlocks) } }
            kind = .list(start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
                         tight: cmark_node_get_list_tight(node) != 0, items: items)
        case CMARK_NODE_CODE_BLOCK:
            kind = .code(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)), index: codeBlocks)
            codeBlocks += 1
        case CMARK_NODE_HTML_BLOCK:
            kind = .html(string(cmark_node_get_literal(node)))
        case CMARK_NODE_THEMATIC_BREAK:
            kind = .thematicBreak
        default:
            return nil
        }
        return MarkdownBlock(
            kind: kind, startLine: Int(cmark_node_get_start_line(node)), endLine: Int(cmark_node_get_end_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)))
    }

    private static func inlines(of node: OpaquePointer, placeholders: Bool) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for child in children(of: node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT:
                let literal = string(cmark_node_get_literal(child))
                if placeholders && literal.unicodeScalars.contains("\u{E000}") {
                    result += Placeholders.split(literal).map { part -> MarkdownInline in
                        switch part {
                        case .text(let text): .text(text)
                        case .placeholder(let index): .span(index)
                        }
                    }
                } else {
                    result.append(.text(literal))
                }
            case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
            case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
            case CMARK_NODE_CODE: result.append(.code(string(cmark_node_get_literal(child))))
            case CMARK_NODE_HTML_INLINE: result.append(.html(string(cmark_node_get_literal(child))))
            case CMARK_NODE_EMPH: result.append(.emphasis(inlines(of: child, placeholders: placeholders)))
            case CMARK_NODE_STRONG: result.append(.strong(inlines(of: child, placeholders: placeholders)))
            case CMARK_NODE_LINK:
                result.append(.link(destination: string(cmark_node_get_url(child)), title: string(cmark_node_get_title(child)),
                                    inlines(of: child, placeholders: placeholders)))
            case CMARK_NODE_IMAGE:
                result.append(.image(source: string(cmark_node_get_url(child)), title: string(cmark_node_get_title(child)),
                                     inlines(of: child, placeholders: placeholders)))
            default: break
            }
        }
        return result
    }

    // MARK: - Depth

    /// Cuts every node with more than ``maxDepth`` ancestors out of the tree
    /// (one walk with cmark's own iterator, no recursion) and returns where
    /// each was: its own line and column, or its nearest ancestor's.
    private static func cutDeepNodes(_ root: OpaquePointer) -> [SourceLocation] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var depth = 0  // containers entered and not yet left, the document included
        var cut: [OpaquePointer] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { break }
            if event == CMARK_EVENT_EXIT {
                depth -= 1
                continue
            }
            let leaf = isLeaf(node)
            if depth > maxDepth {
                cut.append(node)
                if !leaf { cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT) }  // skip what is inside it
                continue
            }
            if !leaf { depth += 1 }
        }
        let places = cut.map(location)
        for node in cut {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return places
    }

    /// Nodes that cmark's iterator enters without leaving: they hold no nodes.
    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            true
        default:
            false
        }
    }

    /// Where `node` starts, or its nearest ancestor with a position (inlines have none).
    private static func location(_ node: OpaquePointer) -> SourceLocation {
        var current: OpaquePointer? = node
        while let n = current {
            let line = Int(cmark_node_get_start_line(n))
            if line > 0 { return SourceLocation(line: line, column: max(Int(cmark_node_get_start_column(n)), 1)) }
            current = cmark_node_parent(n)
        }
        return SourceLocation(line: 1, column: 1)
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

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
