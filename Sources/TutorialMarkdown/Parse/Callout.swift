import TutorialBase

/// A block quote in GitHub's callout syntax: its first line is `[!NOTE]`,
/// `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`, or one of the
/// tutorial's own `[!EXERCISE]` and `[!SOLUTION]`, optionally followed by a
/// title. A solution is shown collapsed (`<details>`), so it needs no raw HTML.
///
/// The theorem-like kinds (`[!THEOREM]`, `[!LEMMA]`, `[!PROPOSITION]`,
/// `[!COROLLARY]`, `[!DEFINITION]`, `[!EXAMPLE]`, `[!REMARK]`) are numbered
/// by kind ("Theorem 1 (Gibbs' inequality)") and may carry a label,
/// `{#thm:gibbs}`, at the end of the marker line; `[!PROOF]` ends with ∎.
public struct Callout: Sendable, Hashable {
    /// Which callout it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case note, tip, important, warning, caution, exercise, solution
        case theorem, lemma, proposition, corollary, definition, example, remark, proof

        /// The name shown first in the title: "Note", "Solution"….
        package var defaultTitle: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

        /// The label prefix of a numbered kind (`thm`, Quarto's), nil for the others.
        var labelPrefix: String? {
            switch self {
            case .theorem: "thm"
            case .lemma: "lem"
            case .proposition: "prp"
            case .corollary: "cor"
            case .definition: "def"
            case .example: "exm"
            case .remark: "rem"
            default: nil
            }
        }

        /// Whether it is set as a theorem-like block (run-in title, quiet style).
        package var isTheoremLike: Bool { labelPrefix != nil || self == .proof }
    }

    /// Which callout it is.
    package var kind: Kind
    /// The title written after the marker (`> [!EXERCISE] Softmax of a constant`), shown after the kind; may be empty.
    public var title: [MarkdownInline]
    /// The quote's content after the marker line.
    package var blocks: [MarkdownBlock]
    /// The label from `{#thm:name}` at the end of the marker line.
    package var label: String?

    /// Creates a callout.
    public init(kind: Kind, title: [MarkdownInline], blocks: [MarkdownBlock], label: String? = nil) {
        self.kind = kind
        self.title = title
        self.blocks = blocks
        self.label = label
    }

    /// The kind named by a marker line's text (`[!Note]` and `[!NOTE]` alike),
    /// and the rest of the line; nil when the line is not a marker.
    package static func marker(_ line: Substring) -> (kind: Kind, rest: Substring)? {
        guard let name = markerName(line), let kind = Kind(rawValue: name.lowercased()) else { return nil }
        let close = line.firstIndex(of: "]")!
        let rest = line[line.index(after: close)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (kind, rest)
    }

    /// The word of a line that looks like a marker, `[!WORD]`, known or not.
    static func markerName(_ line: Substring) -> String? {
        guard line.hasPrefix("[!"), let close = line.firstIndex(of: "]") else { return nil }
        let name = line[line.index(line.startIndex, offsetBy: 2)..<close]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return nil }
        return String(name)
    }
}
