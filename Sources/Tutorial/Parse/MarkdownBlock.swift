/// A block of a chapter that the scanner and the tangler care about, with
/// the lines cmark says it spans (fences included).
public struct MarkdownBlock: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A fenced or indented code block; `info` is the fence's info string.
        case code(info: String, literal: String)
        case html
    }

    public var kind: Kind
    public var startLine: Int
    public var endLine: Int
    /// The column of the block's first character (after list or quote markers).
    public var startColumn: Int = 1

    /// The first line of the block's content (after the opening fence).
    public var contentLine: Int {
        if case .code(let info, _) = kind, !info.isEmpty || endLine > startLine { return startLine + 1 }
        return startLine
    }
}

/// How the renderer should replace what the engine owns in a chapter.
struct MarkdownRewrite {
    /// HTML for code block number `k` (document order), or nil to let cmark render it.
    var codeBlock: (Int) -> String?
    /// HTML for placeholder `index` in running text.
    var inlineHTML: (Int) -> String
    /// Plain text for placeholder `index` where HTML cannot go (image alt text, link targets).
    var inlineText: (Int) -> String
    /// Whether placeholder `index` alone in a paragraph becomes a block (display math).
    var isBlock: (Int) -> Bool
    /// Whether placeholder `index` is itself a link (a reference), which
    /// inside another link's text must be plain text: links do not nest.
    var isLink: (Int) -> Bool = { _ in false }
}
