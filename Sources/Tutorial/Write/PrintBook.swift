import Foundation

/// `print.html`: the whole book on one page, for printing and for `render pdf`.
///
/// A title page (the book's title and the front page's introduction), the
/// table of contents, then every chapter in order, each starting on a new
/// page. There is no header, pager, outline or footer. Chapter pages reuse
/// ids (`#the-gradient`, `#check-12-5`), so on this page every id of a
/// chapter is prefixed with the chapter's own (`ch-06-derivative-…`), and
/// links between chapters become links within the page.
struct PrintBook {
    struct Chapter {
        var number: Int
        var title: String
        var titleHTML: String
        var bodyHTML: String
        /// The chapter's page, as linked from the contents (`06-derivative.html`).
        var href: String
    }

    var bookTitle: String
    var introHTML: String
    var chapters: [Chapter]

    /// The id of a chapter's section: `ch-` and its page name.
    static func sectionID(_ href: String) -> String {
        let name = (href.removingPercentEncoding ?? href).replacingOccurrences(of: ".html", with: "")
        let safe = name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? String($0) : "-" }.joined()
        return "ch-" + safe
    }

    func page() -> String {
        let ids = Dictionary(chapters.map { ($0.href, Self.sectionID($0.href)) }, uniquingKeysWith: { a, _ in a })
        var main = "<main id=\"main\" class=\"print-book\">\n"
        main += "<section class=\"title-page\" id=\"title-page\">\n<h1 class=\"print-title\">\(HTML.escape(bookTitle))</h1>\n"
        main += "<p class=\"print-subtitle\">Every number in this book was computed by the Swift code shown with it and checked when the book was built.</p>\n"
        main += "</section>\n"
        if !introHTML.isEmpty {
            main += "<section class=\"print-intro\">\n\(Self.rewrite(introHTML, prefix: "intro", chapterIDs: ids))\n</section>\n"
        }
        main += "<nav class=\"print-toc\" aria-labelledby=\"print-contents\">\n<h2 id=\"print-contents\">Contents</h2>\n<ol>\n"
        for chapter in chapters {
            main += "<li><a href=\"#\(Self.sectionID(chapter.href))\"><span class=\"print-toc-number\">\(chapter.number)</span> \(HTML.escape(chapter.title))</a></li>\n"
        }
        main += "</ol>\n</nav>\n"
        for chapter in chapters {
            let id = Self.sectionID(chapter.href)
            main += "<section class=\"print-chapter chapter\" id=\"\(id)\">\n<header class=\"chapter-header\">\n"
            main += "<p class=\"chapter-number\">Chapter \(chapter.number)</p>\n<h1>\(chapter.titleHTML)</h1>\n</header>\n"
            main += Self.rewrite(chapter.bodyHTML, prefix: id, chapterIDs: ids) + "\n</section>\n"
        }
        main += "</main>"
        return PageTemplate.print(bookTitle: bookTitle, main: main)
    }

    /// The patterns ``rewrite(_:prefix:chapterIDs:)`` uses (compiled once).
    nonisolated(unsafe) static let idPattern = try! NSRegularExpression(pattern: #"(\s)id="([^"]*)""#)
    nonisolated(unsafe) static let localLinkPattern = try! NSRegularExpression(pattern: ##"href="#([^"]*)""##)
    nonisolated(unsafe) static let urlPattern = try! NSRegularExpression(pattern: #"url\(#([^)]*)\)"#)
    nonisolated(unsafe) static let pageLinkPattern = try! NSRegularExpression(pattern: ##"href="([^"#:/]+\.html)(?:#([^"]*))?""##)

    /// Prefixes every id in `html` (and every `#` link and SVG `url(#…)` to
    /// one) with `prefix-`, and turns links to other chapters' pages into
    /// links to their sections on this page.
    static func rewrite(_ html: String, prefix: String, chapterIDs: [String: String]) -> String {
        var out = replace(idPattern, in: html) { "\($0[1])id=\"\(prefix)-\($0[2])\"" }
        out = replace(localLinkPattern, in: out) { "href=\"#\(prefix)-\($0[1])\"" }
        out = replace(urlPattern, in: out) { "url(#\(prefix)-\($0[1]))" }
        out = replace(pageLinkPattern, in: out) { groups in
            guard let section = chapterIDs[groups[1]] else { return groups[0] }
            return groups[2].isEmpty ? "href=\"#\(section)\"" : "href=\"#\(section)-\(groups[2])\""
        }
        return out
    }

    /// Every match of `pattern` replaced by `transform` of its groups (an absent group is "").
    static func replace(_ pattern: NSRegularExpression, in text: String, _ transform: ([String]) -> String) -> String {
        let ns = text as NSString
        var result = ""
        var last = 0
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { k -> String in
                let range = match.range(at: k)
                return range.location == NSNotFound ? "" : ns.substring(with: range)
            }
            result += transform(groups)
            last = match.range.location + match.range.length
        }
        return result + ns.substring(from: last)
    }
}
