import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The site's stylesheet, written to `assets/site.css`; its text is
/// `site.css` next to this file, embedded in the binary at build time so that
/// render stays a single file.
///
/// System fonts only (KaTeX brings its own for math); a measure of about
/// 44rem; light and dark palettes through CSS variables that follow
/// `prefers-color-scheme`; wide formulas, code and tables scroll inside their
/// own box on a phone; print styles that drop navigation and keep figures,
/// formulas and code blocks whole. Figures (``Drawing`` in ChapterRuntime)
/// carry `fig-*` classes only, so their colours are set here too.
enum Stylesheet {
    /// The whole stylesheet.
    public static let css = String(decoding: PackageResources.site_css, as: UTF8.self)
}
