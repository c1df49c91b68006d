/// A block quote in GitHub's callout syntax: its first line is `[!NOTE]`,
/// `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`, or one of the
/// tutorial's own `[!EXERCISE]` and `[!SOLUTION]`, optionally followed by a
/// title. A solution is shown collapsed (`<details>`), so it needs no raw HTML.
public struct Callout: Sendable, Hashable {
    /// Which callout it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case note, tip, important, warning, caution, exercise, solution

        /// The name shown first in the title: "Note", "Solution"….
        public var defaultTitle: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// Which callout it is.
    public var kind: Kind
    /// The title written after the marker (`> [!EXERCISE] Softmax of a constant`), shown after the kind; may be empty.
    public var title: [MarkdownInline]
    /// The quote's content after the marker line.
    public var blocks: [MarkdownBlock]

    /// Creates a callout.
    public init(kind: Kind, title: [MarkdownInline], blocks: [MarkdownBlock]) {
        self.kind = kind
        self.title = title
        self.blocks = blocks
    }

    /// The kind named by a marker line's text (`[!Note]` and `[!NOTE]` alike),
    /// and the rest of the line; nil when the line is not a marker.
    static func marker(_ line: Substring) -> (kind: Kind, rest: Substring)? {
        guard line.hasPrefix("[!"), let close = line.firstIndex(of: "]") else { return nil }
        let name = line[line.index(line.startIndex, offsetBy: 2)..<close].lowercased()
        guard let kind = Kind(rawValue: name) else { return nil }
        let rest = line[line.index(after: close)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (kind, rest)
    }
}
