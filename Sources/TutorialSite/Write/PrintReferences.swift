import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// In `print.html`, the chapters' reference lists (see `Citations`) become
/// one list at the end of the book, as a printed book has its bibliography:
/// each chapter's list is taken out, its entries gathered once each, and
/// every citation (`href="#cite:KEY"`, which the print rewrite prefixed with
/// the chapter's id) points at the book's list instead.
enum PrintReferences {
    /// `body` (already rewritten for print, ids prefixed with `chapterID-`)
    /// without its reference list; the list's entries go into `entries`, by key.
    package static func take(_ body: String, chapterID: String, into entries: inout [String: String]) -> String {
        var body = ByteSearch.replacing("href=\"#\(chapterID)-cite:", with: "href=\"#cite:", in: body)
        let bytes = Array(body.utf8), closing = Array("</section>\n".utf8)
        guard let first = ByteSearch.offset(of: Array("<section class=\"references\"".utf8), in: bytes),
              let last = ByteSearch.offset(of: closing, in: bytes, from: first)
        else { return body }
        let lower = body.utf8.index(body.utf8.startIndex, offsetBy: first)
        let upper = body.utf8.index(lower, offsetBy: last + closing.count - first)
        let list = body[lower..<upper]
        let opening = "<li id=\"\(chapterID)-cite:"
        for line in list.split(separator: "\n") where line.hasPrefix(opening) {
            let rest = line.dropFirst(opening.count)
            guard let quote = rest.firstIndex(of: "\"") else { continue }
            let key = String(rest[..<quote])
            entries[key] = entries[key] ?? "<li id=\"cite:" + rest
        }
        body.removeSubrange(lower..<upper)
        return body
    }

    /// The book's reference list, entries in the order of their text
    /// (authors, then year); "" when nothing is cited.
    static func section(_ entries: [String: String]) -> String {
        guard !entries.isEmpty else { return "" }
        func text(_ entry: String) -> String { HeadingAnchors.plainText(entry).lowercased() }
        let sorted = entries.values.sorted { text($0) < text($1) }
        return "<section class=\"print-references references\" role=\"doc-bibliography\" aria-labelledby=\"print-references\">\n"
            + "<h1 id=\"print-references\">References</h1>\n<ul class=\"reference-list\">\n"
            + sorted.joined(separator: "\n") + "\n</ul>\n</section>\n"
    }
}
