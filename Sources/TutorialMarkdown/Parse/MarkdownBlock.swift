import TutorialBase

/// A block of a chapter as cmark parsed it, with the lines it spans.
///
/// The tree is plain values: the parse stage builds it once, and the checks
/// and the typesetter read it without going back to cmark.
public struct MarkdownBlock: Sendable, Hashable {
    /// What the block is.
    public enum Kind: Sendable, Hashable {
        case paragraph([MarkdownInline])
        case heading(level: Int, [MarkdownInline])
        case blockQuote([MarkdownBlock])
        /// `start` is nil for a bullet list; `tight` lists put no `<p>` around their items' paragraphs.
        case list(start: Int?, tight: Bool, items: [[MarkdownBlock]])
        /// A fenced or indented code block; `index` is its place among the chapter's code blocks.
        case code(info: String, literal: String, index: Int)
        case html(String)
        case thematicBreak
        /// A GFM pipe table (cmark has none: `TableReader` finds them in paragraphs).
        case table(MarkdownTable)
        /// A block quote that starts with `[!NOTE]`, `[!EXERCISE]`, `[!SOLUTION]`….
        case callout(Callout)
    }

    /// The block itself.
    package var kind: Kind
    /// The first and last line (1-based) of the block, fences and underlines included.
    package var startLine: Int
    /// The last line of the block.
    package var endLine: Int
    /// The column (in UTF-8 bytes, as cmark counts) of the block's first
    /// character, after list or quote markers.
    package var startColumn: Int = 1

    /// A block of `kind` on lines `startLine`…`endLine`.
    package init(kind: Kind, startLine: Int, endLine: Int, startColumn: Int = 1) {
        self.kind = kind
        self.startLine = startLine
        self.endLine = endLine
        self.startColumn = startColumn
    }

    /// The first line of a code block's content (after the opening fence).
    var contentLine: Int {
        if case .code(let info, _, _) = kind, !info.isEmpty || endLine > startLine { return startLine + 1 }
        return startLine
    }
}

/// Inline content, as cmark parsed it, with the tutorial's spans in place.
public indirect enum MarkdownInline: Sendable, Hashable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    /// Raw HTML, shown only with `--unsafe`.
    case html(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(destination: String, title: String, [MarkdownInline])
    case image(source: String, title: String, [MarkdownInline])
    /// The chapter's span number `index` (a value, claim, formula or reference).
    case span(Int)
    /// GFM strikethrough: `~~text~~` (or `~text~`).
    case strikethrough([MarkdownInline])
    /// A GFM task list item's box, `[ ]` or `[x]`, first in its item; shown disabled.
    case taskBox(checked: Bool)
}
