import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// One claim or derivation and its verdict, for the terminal, the Checks
/// page and `checks.json`.
struct CheckRecord: Sendable, Hashable, Codable {
    /// What was checked.
    public enum Kind: String, Sendable, Codable { case claim, derivation }

    /// The chapter file.
    public var chapter: String
    /// The line of the claim, or of the derivation's fence.
    public var line: Int
    /// A claim or a derivation.
    package var kind: Kind
    /// The Swift expression (claims), or every step's expression joined by
    /// " = " (derivations).
    var expression: String
    /// The computed value (claims), or "N draws" (derivations).
    var computed: String
    /// The literal as written (claims) or "N draws" (derivations).
    var expected: String
    /// Whether the check held.
    public var passed: Bool
    /// An anchor id on the chapter page.
    var anchor: String
    /// Derivations: how many steps were checked from their TeX.
    var texSteps: Int?
    /// Derivations: how many steps only a Swift twin checked.
    var twinSteps: Int?
    /// Derivations: where each twin-only step is, and why its TeX could not be read.
    var twinOnly: [String]?
    /// Derivations: how many draws ran (nil for a worked example, which runs
    /// once on the chapter's values). The Checks page reads the count from
    /// here; `computed` says it in prose. Not part of `checks.json`, whose
    /// fields stay as they were.
    var draws: Int?

    /// The fields `checks.json` carries: all but ``draws``.
    private enum CodingKeys: String, CodingKey {
        case chapter, line, kind, expression, computed, expected, passed, anchor, texSteps, twinSteps, twinOnly
    }
}
