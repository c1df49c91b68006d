import TutorialBase

/// A footnote's definition, `[^label]: text`, anywhere in its chapter.
///
/// A definition starts at the beginning of a line outside any list, quote
/// or code block and runs to the next blank line (or the next definition);
/// later paragraphs of the note are indented four spaces. They may hold
/// everything a paragraph may (emphasis, math, values, links). The reference `[^label]` shows the note's number; the
/// note is listed at the end of the page.
public struct FootnoteDefinition: Sendable, Hashable {
    /// The label between `[^` and `]`.
    package var label: String
    /// Where the definition's `[` stands.
    package var location: SourceLocation
    /// The note's content.
    package var blocks: [MarkdownBlock]

    /// Creates a definition.
    public init(label: String, location: SourceLocation, blocks: [MarkdownBlock]) {
        self.label = label
        self.location = location
        self.blocks = blocks
    }
}
