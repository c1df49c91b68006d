/// HTML that is already built and is inserted into a page as-is.
///
/// The type exists so that "this string is markup" is visible in signatures:
/// a `String` is text and must go through ``HTML/escape(_:)``; a `RawHTML`
/// came from a stage that produced markup (KaTeX, the highlighter, cmark).
public struct RawHTML: Hashable, Sendable, CustomStringConvertible {
    /// The markup.
    public var markup: String

    /// Wraps markup that is already valid HTML.
    public init(_ markup: String) { self.markup = markup }

    /// Escapes plain text and wraps the result.
    public init(text: String) { self.markup = HTML.escape(text) }

    /// The markup, unchanged.
    public var description: String { markup }
}
