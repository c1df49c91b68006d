import Ccmark
import Foundation

/// cmark alone, as the reference the engine's HTML must equal for ordinary Markdown.
enum CmarkReference {
    static func html(_ markdown: String, smart: Bool) -> String {
        let options = smart ? CMARK_OPT_SMART : CMARK_OPT_DEFAULT
        guard let rendered = cmark_markdown_to_html(markdown, markdown.utf8.count, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
