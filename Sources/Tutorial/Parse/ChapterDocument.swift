/// A chapter after scanning and parsing: what the tangler, the checks and
/// the typesetter work from.
public struct ChapterDocument: Sendable {
    public var source: ChapterSource
    /// Spans found by the scanner, in document order; span i is placeholder i.
    public var spans: [Span]
    /// The chapter text with each span replaced by its placeholder.
    public var maskedText: String
    public var swiftBlocks: [SwiftBlock]
    public var derivations: [Derivation]
    /// Every `\(…)` of the chapter, in document order (including those inside
    /// math); its position in this array is its id in the chapter program.
    public var expressions: [InlineExpression]
    /// For each span, the id of its first expression.
    public var firstExpressionOfSpan: [Int]
    public var diagnostics: [Diagnostic]
    /// A swift block does not parse: the chapter is not compiled (swiftc would
    /// only repeat the problem, far from where it is).
    public var hasSyntaxErrors = false

    public var path: String { source.path }
    public var name: String { source.name }
}
