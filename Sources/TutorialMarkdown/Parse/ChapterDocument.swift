import TutorialBase

/// A chapter after scanning and parsing: what the tangler, the checks and
/// the typesetter work from.
public struct ChapterDocument: Sendable {
    /// The chapter file.
    public var source: ChapterSource
    /// The chapter's blocks as cmark parsed them, with each span the scanner
    /// found in place as `.span(index)`.
    package var blocks: [MarkdownBlock]
    /// Spans found by the scanner, in document order; `.span(i)` is span i.
    public var spans: [Span]
    /// The fenced `swift` blocks, in order.
    package var swiftBlocks: [SwiftBlock]
    /// The fenced `derivation` blocks, in order.
    package var derivations: [Derivation]
    /// Every `\(…)` of the chapter, in document order (including those inside
    /// math); its position in this array is its id in the chapter program.
    package var expressions: [InlineExpression]
    /// For each span, the id of its first expression.
    package var firstExpressionOfSpan: [Int]
    /// Problems found while scanning and parsing.
    public var diagnostics: [Diagnostic]
    /// `<!-- unchecked: REASON -->` marks, which say why a display or a
    /// number is deliberately left unchecked.
    package var uncheckedMarks: [ArticleComments.Mark] = []
    /// A swift block does not parse: the chapter is not compiled (swiftc would
    /// only repeat the problem, far from where it is).
    package var hasSyntaxErrors = false
    /// The `[^label]: …` definitions, in the order they stand in the chapter.
    public var footnotes: [FootnoteDefinition] = []
    /// The content of each inline footnote `^[…]`, by the index of its opening span.
    package var inlineNotes: [Int: [MarkdownInline]] = [:]
    /// The id a heading's `{#id}` gives it, by the heading's line.
    package var headingIDs: [Int: String] = [:]
    /// The `{#fig:name width=60%}` after an image alone in its paragraph, by the paragraph's line.
    package var imageAttributes: [Int: ImageAttributes] = [:]

    /// The chapter's path, as diagnostics show it.
    public var path: String { source.path }
    /// The chapter's file name without `.md`.
    public var name: String { source.name }
    /// Whether this is the book's front page (see ``ChapterSource/isFrontPage``).
    package var isFrontPage: Bool { source.isFrontPage }
}
