import TutorialBase

/// What a cross-reference label names: the prefix before the colon of
/// `@eq:NAME`, `{#fig:NAME}` and the rest. The scanner reads these prefixes;
/// ``CrossReferences`` numbers what they name.
public enum ReferenceKind: String, Sendable, Hashable, CaseIterable {
    case equation = "eq", figure = "fig", table = "tbl", section = "sec"
    case theorem = "thm", lemma = "lem", proposition = "prp", corollary = "cor"
    case definition = "def", example = "exm", remark = "rem"

    /// "Equation", "Figure", "Table", "Section", "Theorem"….
    public var name: String {
        switch self {
        case .equation: "Equation"
        case .figure: "Figure"
        case .table: "Table"
        case .section: "Section"
        default: Callout.Kind(rawValue: String(describing: self)).map(\.defaultTitle) ?? rawValue
        }
    }

    /// The kind a theorem-like callout is numbered as.
    package init?(_ callout: Callout.Kind) {
        guard let prefix = callout.labelPrefix else { return nil }
        self.init(rawValue: prefix)
    }
}
