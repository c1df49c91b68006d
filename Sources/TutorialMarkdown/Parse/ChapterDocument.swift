import TutorialBase

/// A chapter after scanning and parsing: what the tangler, the checks and
/// the typesetter work from.
public struct ChapterDocument: Sendable {
    /// The chapter file.
    public var source: ChapterSource
    /// The chapter's blocks as cmark parsed them, with each span the scanner
    /// found in place as `.span(index)`.
    public var blocks: [MarkdownBlock]
    /// Spans found by the scanner, in document order; `.span(i)` is span i.
    public var spans: [Span]
    /// The fenced `swift` blocks, in order.
    public var swiftBlocks: [SwiftBlock]
    /// The fenced `derivation` blocks, in order.
    public var derivations: [Derivation]
    /// Every `\(…)` of the chapter, in document order (including those inside
    /// math); its position in this array is its id in the chapter program.
    public var expressions: [InlineExpression]
    /// For each span, the id of its first expression.
    public var firstExpressionOfSpan: [Int]
    /// Problems found while scanning and parsing.
    public var diagnostics: [Diagnostic]
    /// `<!-- unchecked: REASON -->` marks, which say why a display or a
    /// number is deliberately left unchecked.
    package var uncheckedMarks: [ArticleComments.Mark] = []
    /// A swift block does not parse: the chapter is not compiled (swiftc would
    /// only repeat the problem, far from where it is).
    public var hasSyntaxErrors = false
    /// The `[^label]: …` definitions, in the order they stand in the chapter.
    public var footnotes: [FootnoteDefinition] = []
    /// The content of each inline footnote `^[…]`, by the index of its opening span.
    public var inlineNotes: [Int: [MarkdownInline]] = [:]
    /// The id a heading's `{#id}` gives it, by the heading's line.
    public var headingIDs: [Int: String] = [:]
    /// The `{#fig:name width=60%}` after an image alone in its paragraph, by the paragraph's line.
    public var imageAttributes: [Int: ImageAttributes] = [:]

    /// The chapter's path, as diagnostics show it.
    public var path: String { source.path }
    /// The chapter's file name without `.md`.
    public var name: String { source.name }
    /// Whether this is the book's front page (see ``ChapterSource/isFrontPage``).
    public var isFrontPage: Bool { source.isFrontPage }
}
