import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// `print.html`: the whole book on one page, for printing and for `render pdf`.
///
/// A title page (the book's title, authors and description, and whether
/// the solutions are in), the front page's introduction, the table of
/// contents, then every chapter in order, each starting on a new page, then
/// the works the chapters cite in one list (`PrintReferences`).
/// Solutions are left out unless `solutions` is set (`render pdf
/// --solutions`), which prints them open. There is no header, pager, outline or footer. Chapter pages reuse
/// ids (`#the-gradient`, `#check-12-5`), so on this page every id of a
/// chapter is prefixed with the chapter's own (`ch-06-derivative-…`), and
/// links between chapters become links within the page.
struct PrintBook {
    struct Chapter {
        package var number: Int
        package var title: String
        var titleHTML: String
        var bodyHTML: String
        /// The chapter's page, as linked from the contents (`06-derivative.html`).
        package var href: String
    }

    var bookTitle: String
    var introHTML: String
    package var chapters: [Chapter]
    /// The language, authors, description and extra stylesheets (book.toml).
    package var book = BookMetadata()
    /// Print the solutions, open; without, they are left out.
    package var solutions = false

    /// The id of a chapter's section: `ch-` and its page name.
    static func sectionID(_ href: String) -> String {
        let name = (href.removingPercentEncoding ?? href).replacingOccurrences(of: ".html", with: "")
        let safe = name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? String($0) : "-" }.joined()
        return "ch-" + safe
    }

    package func page() -> String {
        let ids = Dictionary(chapters.map { ($0.href, Self.sectionID($0.href)) }, uniquingKeysWith: { a, _ in a })
        var main = "<main id=\"main\" class=\"print-book\">\n"
        main += "<section class=\"title-page\" id=\"title-page\">\n<h1 class=\"print-title\">\(HTML.escape(bookTitle))</h1>\n"
        if !book.authors.isEmpty {
            main += "<p class=\"print-authors\">\(HTML.escape(book.authors.joined(separator: ", ")))</p>\n"
        }
        if let description = book.description {
            main += "<p class=\"print-description\">\(HTML.escape(description))</p>\n"
        }
        main += "<p class=\"print-subtitle\">Every number in this book was computed by the Swift code shown with it and checked when the book was built.</p>\n"
        if chapters.contains(where: { SolutionBlocks.count(in: $0.bodyHTML) > 0 }) {
            main += solutions
                ? "<p class=\"print-solutions\">This edition prints the solutions to the exercises.</p>\n"
                : "<p class=\"print-solutions\">This edition leaves out the solutions to the exercises.</p>\n"
        }
        main += "</section>\n"
        if !introHTML.isEmpty {
            main += "<section class=\"print-intro\">\n\(Self.rewrite(introHTML, prefix: "intro", chapterIDs: ids))\n</section>\n"
        }
        main += "<nav class=\"print-toc\" aria-labelledby=\"print-contents\">\n<h2 id=\"print-contents\">Contents</h2>\n<ol>\n"
        for chapter in chapters {
            main += "<li><a href=\"#\(Self.sectionID(chapter.href))\"><span class=\"print-toc-number\">\(chapter.number)</span> \(HTML.escape(chapter.title))</a></li>\n"
        }
        main += "</ol>\n</nav>\n"
        var references: [String: String] = [:]
        for chapter in chapters {
            let id = Self.sectionID(chapter.href)
            main += "<section class=\"print-chapter chapter\" id=\"\(id)\">\n<header class=\"chapter-header\">\n"
            main += "<p class=\"chapter-number\">Chapter \(chapter.number)</p>\n<h1>\(chapter.titleHTML)</h1>\n</header>\n"
            let shown = solutions ? SolutionBlocks.opened(in: chapter.bodyHTML) : SolutionBlocks.removed(from: chapter.bodyHTML)
            let body = Self.rewrite(shown, prefix: id, chapterIDs: ids)
            main += PrintReferences.take(body, chapterID: id, into: &references) + "\n</section>\n"
        }
        main += PrintReferences.section(references)
        main += "</main>"
        return PageTemplate.print(bookTitle: bookTitle, main: main, book: book)
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
        // One pass over the bytes: the regular expressions below say what is
        // rewritten, but four NSRegularExpression passes over every chapter's
        // KaTeX markup cost a third of a warm render.
        let bytes = Array(html.utf8)
        let prefixBytes = Array((prefix + "-").utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        func starts(_ literal: StaticString, at i: Int) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            let p = literal.utf8Start
            for k in 0..<n where bytes[i + k] != p[k] { return false }
            return true
        }
        /// The index of `byte` at or after `i`, stopping at any of `stops`.
        func find(_ byte: UInt8, from i: Int, stops: [UInt8] = []) -> Int? {
            var j = i
            while j < bytes.count {
                if bytes[j] == byte { return j }
                if stops.contains(bytes[j]) { return nil }
                j += 1
            }
            return nil
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            // (\s)id="X" → \1id="PREFIX-X"
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C, starts("id=\"", at: i + 1),
               let close = find(quote, from: i + 5) {
                out.append(b)
                out += Array("id=\"".utf8) + prefixBytes
                out += bytes[(i + 5)...close]
                i = close + 1
                continue
            }
            if b == UInt8(ascii: "h"), starts("href=\"", at: i) {
                // href="#X" → href="#PREFIX-X"
                if i + 6 < bytes.count, bytes[i + 6] == hash, let close = find(quote, from: i + 7) {
                    out += Array("href=\"#".utf8) + prefixBytes
                    out += bytes[(i + 7)...close]
                    i = close + 1
                    continue
                }
                // href="PAGE.html" or href="PAGE.html#X" → the chapter's section on this page
                let stops: [UInt8] = [quote, hash, UInt8(ascii: ":"), UInt8(ascii: "/")]
                var j = i + 6
                while j < bytes.count, !stops.contains(bytes[j]) { j += 1 }
                let name = bytes[(i + 6)..<min(j, bytes.count)]
                if j < bytes.count, j > i + 6, name.count > 5, name.suffix(5).elementsEqual(".html".utf8),
                   bytes[j] == quote || (bytes[j] == hash && find(quote, from: j + 1) != nil) {
                    let page = String(decoding: name, as: UTF8.self)
                    var fragment = ""
                    var end = j
                    if bytes[j] == hash, let close = find(quote, from: j + 1) {
                        fragment = String(decoding: bytes[(j + 1)..<close], as: UTF8.self)
                        end = close
                    }
                    if let section = chapterIDs[page] {
                        out += Array((fragment.isEmpty ? "href=\"#\(section)\"" : "href=\"#\(section)-\(fragment)\"").utf8)
                    } else {
                        out += bytes[i...end]
                    }
                    i = end + 1
                    continue
                }
            }
            // url(#X) → url(#PREFIX-X)
            if b == UInt8(ascii: "u"), starts("url(#", at: i), let close = find(UInt8(ascii: ")"), from: i + 5) {
                out += Array("url(#".utf8) + prefixBytes
                out += bytes[(i + 5)...close]
                i = close + 1
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same rewrite with the four regular expressions it stands for;
    /// the tests check that both agree.
    static func rewriteWithPatterns(_ html: String, prefix: String, chapterIDs: [String: String]) -> String {
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
    package static func replace(_ pattern: NSRegularExpression, in text: String, _ transform: ([String]) -> String) -> String {
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
