import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// One piece of TeX to typeset, inline (`$…$`) or displayed (`$$…$$`, derivations).
public struct Formula: Hashable, Sendable, Codable {
    /// The TeX source, without the `$` delimiters.
    var tex: String
    /// Whether the formula is set on its own line (KaTeX's `displayMode`).
    public var display: Bool

    /// Creates a formula.
    /// - Parameters:
    ///   - tex: The TeX source, without delimiters.
    ///   - display: `true` for display math, `false` for inline math.
    public init(tex: String, display: Bool) {
        self.tex = tex
        self.display = display
    }
}
