import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Typeset formulas kept between the builds of `render serve` and
/// `render watch`. The typesetter asks and tells; the session that owns the
/// memory (the driver's `RebuildMemo`) lives above it.
///
/// A formula's HTML is a pure function of its TeX, display mode and the
/// KaTeX version, so a remembered formula changes no output.
package protocol FormulaMemo: AnyObject, Sendable {
    /// The HTML remembered for `formula`, typeset with KaTeX `version`.
    func html(for formula: Formula, katexVersion version: String) -> String?
    /// Remembers a formula's HTML (a TeX error is not remembered: it is reported again).
    func remember(html: String, for formula: Formula, katexVersion version: String)
}
