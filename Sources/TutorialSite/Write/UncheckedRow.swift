import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// A row of the Checks page's "Not checked" section: a display equation or
/// a prose number that no check covers, with the reason its author gave.
struct UncheckedRow: Sendable, Hashable {
    package var chapterTitle: String
    var chapterHref: String
    /// `chapters/05-loss.md:42`.
    package var location: String
    /// `display` or `number`.
    package var kind: String
    /// The TeX of the display, or the number as written.
    package var text: String
    /// What `<!-- unchecked: … -->` says, or nil when nothing does.
    var reason: String?

    /// The section, or nothing when every display and number is checked.
    static func section(_ rows: [UncheckedRow]) -> String {
        guard !rows.isEmpty else { return "" }
        let unexplained = rows.filter { $0.reason == nil }.count
        var html = "<h2 id=\"not-checked\">Not checked</h2>\n"
        html += "<p>These display equations and numbers in the text are not covered by any check. "
        html += unexplained == 0
            ? "Each one says why (a definition, a limit, values the code computes).</p>\n"
            : "\(unexplained) of them say\(unexplained == 1 ? "s" : "") nothing about why.</p>\n"
        html += "<div class=\"table-scroll\">\n<table class=\"checks unchecked\">\n<thead>\n<tr><th scope=\"col\">Where</th><th scope=\"col\">What</th><th scope=\"col\">Why not checked</th></tr>\n</thead>\n<tbody>\n"
        for row in rows {
            let what = row.kind == "display" ? "display" : "number"
            let shown = row.text.count > 80 ? String(row.text.prefix(77)) + "…" : row.text
            html += "<tr><td><a href=\"\(HTML.escape(row.chapterHref))\">\(HTML.escape(row.chapterTitle))</a><br><span class=\"where\">\(HTML.escape(row.location))</span></td>"
            html += "<td>\(what): <code>\(HTML.escape(shown))</code></td>"
            html += "<td>\(row.reason.map { HTML.escape($0) } ?? "<em>nothing says why</em>")</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }
}
