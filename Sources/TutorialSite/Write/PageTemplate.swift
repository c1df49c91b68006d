import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Complete HTML5 pages of the book, built from plain values.
///
/// Every page has the same frame: a header with the book title (linking to
/// `index.html`) and a link to `checks.html`, the KaTeX and site stylesheets
/// linked relative to the site root, and nothing that changes from one build
/// to the next. The two scripts are deferred files of the site (no inline
/// script): `assets/search.js` adds the search box to the header and
/// `assets/site.js` a copy button to code listings; without JavaScript the
/// page reads the same. Every page, `print.html` included, carries
/// ``ContentSecurityPolicy``.
/// `print.html` has no frame at all (see ``print(bookTitle:introHTML:chapters:)``). Plain-text fields are escaped with
/// ``HTML/escape(_:)``; fields named `…HTML` are inserted as they are.
enum PageTemplate {
    /// The front page: the book's title, its introduction and the table of contents.
    /// - Parameters:
    ///   - bookTitle: The book's title, plain text.
    ///   - introHTML: Rendered HTML shown above the contents.
    ///   - chapters: The chapters, in reading order.
    ///   - book: The language, authors, description and extra stylesheets (book.toml).
    /// - Returns: The whole page.
    public static func index(bookTitle: String, introHTML: String, chapters: [TOCEntry], book: BookMetadata = BookMetadata()) -> String {
        var main = "<main id=\"main\">\n<h1>\(HTML.escape(bookTitle))</h1>\n" + book.frontMatterHTML
        if !introHTML.isEmpty { main += "<div class=\"intro\">\n\(introHTML)\n</div>\n" }
        main += "<nav class=\"toc\" aria-labelledby=\"contents-title\">\n<h2 id=\"contents-title\">Contents</h2>\n<ol>\n"
        for chapter in chapters {
            main += "<li><a href=\"\(HTML.escape(chapter.href))\">\(HTML.escape(chapter.title))</a></li>\n"
        }
        main += "</ol>\n<p class=\"toc-checks\">Every number in the text is computed by the code beside it; <a href=\"checks.html\">the Checks page</a> lists each claim and derivation and how it was verified.</p>\n</nav>\n</main>"
        return page(title: bookTitle, bookTitle: bookTitle, current: .index, layout: "<div class=\"layout\">\n\(main)\n</div>", book: book)
    }

    /// A chapter page: the list of all chapters and the in-page outline (each
    /// a sidebar on wide screens, a collapsible list on phones), previous/next
    /// links above and below, the check summary and the body.
    /// - Parameters:
    ///   - bookTitle: The book's title, plain text.
    ///   - chapters: All chapters, in reading order; the page's own is `chapters[page.number - 1]`.
    ///   - page: The chapter's content.
    ///   - book: The language, authors, description and extra stylesheets (book.toml).
    /// - Returns: The whole page.
    public static func chapter(bookTitle: String, chapters: [TOCEntry], page content: ChapterPageContent, book: BookMetadata = BookMetadata()) -> String {
        let list = chapterList(chapters, current: content.number - 1)
        var main = "<main id=\"main\">\n"
        if let pager = pagerHTML(previous: content.previous, next: content.next, position: "top") { main += pager + "\n" }
        if !chapters.isEmpty {
            main += "<details class=\"chapters chapters-compact\">\n<summary>Chapters</summary>\n\(list)\n</details>\n"
        }
        if !content.outline.isEmpty {
            main += "<details class=\"outline outline-compact\">\n<summary>On this page</summary>\n\(outlineList(content.outline))\n</details>\n"
        }
        main += "<article class=\"chapter\">\n<header class=\"chapter-header\">\n"
        main += "<p class=\"chapter-number\">Chapter \(content.number)</p>\n<h1>\(content.titleHTML)</h1>\n"
        if !content.checkSummary.isEmpty {
            main += "<p class=\"check-summary\">✓ <a href=\"checks.html\">\(HTML.escape(content.checkSummary))</a></p>\n"
        }
        main += "</header>\n\(content.bodyHTML)\n</article>\n"
        if let pager = pagerHTML(previous: content.previous, next: content.next, position: "bottom") { main += pager + "\n" }
        main += "</main>"

        var classes = ["layout"]
        var columns = main
        if !chapters.isEmpty {
            classes.append("with-chapters")
            columns = "<nav class=\"chapters chapters-sidebar\" aria-label=\"Chapters\">\n<p class=\"chapters-title\">Chapters</p>\n\(list)\n</nav>\n" + columns
        }
        if !content.outline.isEmpty {
            classes.append("with-outline")
            columns += "\n<nav class=\"outline outline-sidebar\" aria-label=\"On this page\">\n<p class=\"outline-title\">On this page</p>\n\(outlineList(content.outline))\n</nav>"
        }
        let layout = "<div class=\"\(classes.joined(separator: " "))\">\n\(columns)\n</div>"
        return page(
            title: "\(content.title) – \(bookTitle)", bookTitle: bookTitle, current: .chapter, layout: layout, book: book)
    }

    /// The Checks page: one table row per claim and derivation, with a summary line above.
    /// - Parameters:
    ///   - bookTitle: The book's title, plain text.
    ///   - chapters: All chapters (reserved; rows link to their own chapters).
    ///   - rows: The checks, in book order.
    ///   - book: The language, authors, description and extra stylesheets (book.toml).
    /// - Returns: The whole page.
    public static func checks(bookTitle: String, chapters: [TOCEntry], rows: [CheckRow], unchecked: [UncheckedRow] = [], book: BookMetadata = BookMetadata()) -> String {
        let failed = rows.filter { !$0.passed }.count
        let claims = rows.filter { $0.kind == .claim }.count
        let derivations = rows.filter { $0.kind == .derivation }.count
        var main = "<main id=\"main\" class=\"wide\">\n<h1>Checks</h1>\n"
        main += "<p>Each claim in the text (a number written as “≈ literal”) is compared with the value its Swift expression computes, at the precision the literal is written to. Each step of a derivation is read from the TeX shown on the page and evaluated on random inputs (a worked example, once, on the chapter’s values); every step must agree with the first. A step whose TeX the reader cannot express is checked by its Swift twin, and counted as such.</p>\n"
        let counts = "\(claims) \(claims == 1 ? "claim" : "claims") and \(derivations) \(derivations == 1 ? "derivation" : "derivations")"
        if failed == 0 {
            main += "<p class=\"checks-summary pass\">✓ All \(counts) passed.</p>\n"
        } else {
            main += "<p class=\"checks-summary fail\">✗ \(failed) of \(counts) failed.</p>\n"
        }
        if !rows.isEmpty {
            main += "<div class=\"table-scroll\">\n<table class=\"checks\">\n<thead>\n<tr><th scope=\"col\">Result</th><th scope=\"col\">Where</th><th scope=\"col\">Kind</th><th scope=\"col\">Expression</th><th scope=\"col\">Computed</th><th scope=\"col\">Expected</th></tr>\n</thead>\n<tbody>\n"
            for row in rows { main += checkRowHTML(row) + "\n" }
            main += "</tbody>\n</table>\n</div>\n"
        }
        main += UncheckedRow.section(unchecked)
        main += "</main>"
        return page(title: "Checks – \(bookTitle)", bookTitle: bookTitle, current: .checks, layout: "<div class=\"layout\">\n\(main)\n</div>", book: book)
    }

    /// `print.html`: the whole book for paper, without the site's header,
    /// footer or search (see ``PrintBook``). Its stylesheet's print rules
    /// start each chapter on a new page and number the pages.
    package static func print(bookTitle: String, main: String, book: BookMetadata = BookMetadata()) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(book.language))">
        <head>
        <meta charset="utf-8">
        \(ContentSecurityPolicy.metaTag)
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light">
        <title>\(HTML.escape(bookTitle))</title>
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <link rel="stylesheet" href="assets/site.css">
        \(book.headHTML)</head>
        <body class="print-page">
        <div class="layout">
        \(main)
        </div>
        </body>
        </html>

        """
    }

    /// Which page of the site's header is the current one.
    private enum Current { case index, chapter, checks }

    /// The frame shared by all pages around `layout`.
    private static func page(title: String, bookTitle: String, current: Current, layout: String, book: BookMetadata) -> String {
        let home = current == .index ? " aria-current=\"page\"" : ""
        let checks = current == .checks ? " aria-current=\"page\"" : ""
        return """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(book.language))">
        <head>
        <meta charset="utf-8">
        \(ContentSecurityPolicy.metaTag)
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <link rel="stylesheet" href="assets/site.css">
        \(book.headHTML)<script src="assets/search.js" defer></script>
        <script src="assets/site.js" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
        <nav class="site-nav" aria-label="Site">
        <a class="book-title" href="index.html"\(home)>\(HTML.escape(bookTitle))</a>
        <a href="index.html">Contents</a>
        <a href="checks.html"\(checks)>Checks</a>
        </nav>
        </header>
        \(layout)
        <footer class="site-footer">
        <p>Every number in this book was computed by the Swift code shown with it and checked when the book was built.</p>
        </footer>
        </body>
        </html>

        """
    }

    /// The previous/next links at the `top` or `bottom` of a chapter, or `nil` when it has neither.
    private static func pagerHTML(previous: TOCEntry?, next: TOCEntry?, position: String) -> String? {
        guard previous != nil || next != nil else { return nil }
        var html = "<nav class=\"pager pager-\(position)\" aria-label=\"Chapters (\(position))\">"
        if let previous {
            html += "<a class=\"pager-previous\" href=\"\(HTML.escape(previous.href))\" rel=\"prev\"><span class=\"pager-label\">← Previous</span>\(HTML.escape(previous.title))</a>"
        }
        if let next {
            html += "<a class=\"pager-next\" href=\"\(HTML.escape(next.href))\" rel=\"next\"><span class=\"pager-label\">Next →</span>\(HTML.escape(next.title))</a>"
        }
        return html + "</nav>"
    }

    /// The book's chapters as a numbered list, the one at `current` marked as this page.
    private static func chapterList(_ chapters: [TOCEntry], current: Int) -> String {
        let items = chapters.enumerated().map { k, entry in
            let mark = k == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(HTML.escape(entry.href))\"\(mark)>\(HTML.escape(entry.title))</a></li>"
        }
        return "<ol>\n" + items.joined(separator: "\n") + "\n</ol>"
    }

    /// The outline as a flat list whose items are indented by heading level.
    private static func outlineList(_ entries: [OutlineEntry]) -> String {
        let items = entries.map { entry in
            "<li class=\"outline-level-\(entry.level)\"><a href=\"#\(HTML.escape(entry.id))\">\(entry.titleHTML)</a></li>"
        }
        return "<ul>\n" + items.joined(separator: "\n") + "\n</ul>"
    }

    /// A path that may wrap only after a `/`: each part is kept whole
    /// (`chapters/` `01-overview.md:50`), with a break opportunity between them.
    static func pathHTML(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for k in parts.indices.dropLast() { parts[k] += "/" }
        return parts.filter { !$0.isEmpty }.map { "<span class=\"path-part\">\(HTML.escape($0))</span>" }.joined(separator: "<wbr>")
    }

    /// The computed value as shown, with the full value on hover when it was shortened.
    static func computedHTML(_ row: CheckRow) -> String {
        guard let full = row.computedFull, full != row.computed else { return HTML.escape(row.computed) }
        return "<span title=\"\(HTML.escape(full))\">\(HTML.escape(row.computed))</span>"
    }

    /// One row of the Checks table.
    private static func checkRowHTML(_ row: CheckRow) -> String {
        let target = row.chapterHref + (row.anchor.map { "#" + $0 } ?? "")
        let result = row.passed ? "✓ pass" : "✗ fail"
        return "<tr class=\"\(row.passed ? "pass" : "fail")\">"
            + "<td class=\"result\">\(result)</td>"
            + "<td class=\"location\" data-label=\"Where\"><a href=\"\(HTML.escape(target))\" title=\"\(HTML.escape(row.chapterTitle))\">\(pathHTML(row.location))</a></td>"
            + "<td class=\"kind\" data-label=\"Kind\">\(HTML.escape(row.kind.rawValue))</td>"
            + "<td class=\"expression\" data-label=\"Expression\"><code>\(HTML.escape(row.expression))</code></td>"
            + "<td class=\"computed\" data-label=\"Computed\">\(computedHTML(row))</td>"
            + "<td class=\"expected\" data-label=\"\(row.kind == .derivation ? "Checked" : "Expected")\">\(HTML.escape(row.expected))</td></tr>"
    }
}
