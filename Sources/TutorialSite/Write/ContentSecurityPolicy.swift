import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The Content-Security-Policy every page of the site carries, as a
/// `<meta http-equiv>` in its `<head>` (a static site has no headers of its own).
///
/// What the pages load, and so what the policy allows:
/// - scripts: `assets/search.js`, which loads `assets/lunr.min.js` and
///   `assets/search-index.js`; under `render serve`, `/__render/live.js`.
///   All from the site itself: `script-src 'self'`, no inline script.
/// - stylesheets: KaTeX's, the site's, the book's own (`assets/css/`) and,
///   under serve, `/__render/live.css`: `style-src 'self'`, no `<style>`.
///   KaTeX's HTML positions glyphs with `style="…"` attributes, so
///   attributes (and only they) may be inline: `style-src-attr 'unsafe-inline'`.
///   An attribute cannot run script, and what it could load is held by the
///   other directives.
/// - fonts: KaTeX's, from `assets/katex/fonts/`.
/// - images: the book's own and `data:`; `https:` too, as a chapter may show
///   an image by its web address. Never `file:`.
/// - connections: serve's event stream, on the same origin.
/// Frames, objects, forms and `<base>` are refused, so markup that should
/// never reach a page (a forged figure, say) can neither run nor embed a
/// host file (`<iframe src="file:///etc/shadow">`) when the page is printed.
enum ContentSecurityPolicy {
    /// The policy's directives, joined.
    static let policy = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "font-src 'self'",
        "img-src 'self' data: https:",
        "connect-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
    ].joined(separator: "; ")

    /// The `<meta>` element that carries it; it comes right after `<meta charset>`,
    /// before anything the page loads.
    static let metaTag = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"
}
