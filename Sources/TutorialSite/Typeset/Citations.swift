import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// A chapter's citations as links into its reference list, and the list:
/// "(Bishop, 2006)" for `[@bishop2006]`, "Bishop (2006)" for a bare
/// `@bishop2006`, and at the end of the chapter a "References" section
/// with every work it cites, each with the id `cite:KEY` (heading slugs
/// have no colon, so ids cannot clash).
package struct Citations {
    package let bibliography: Bibliography

    /// The HTML of a citation span; a bare `@word` that names no work is text.
    package func html(_ citation: Citation) -> String {
        if !citation.bracketed, let item = citation.items.first {
            guard let entry = bibliography.entries[item.key] else { return HTML.escape("@" + item.key) }
            let text = "\(CitationStyle.authors(entry)) (\(entry.year)\(item.locator.isEmpty ? "" : ", " + item.locator))"
            return link(item.key, text)
        }
        let parts = citation.items.map { item -> String in
            var text = item.prefix.isEmpty ? "" : HTML.escape(item.prefix) + " "
            guard let entry = bibliography.entries[item.key] else {
                return text + "<span class=\"cite-missing\">@\(HTML.escape(item.key))?</span>"
            }
            let shown = item.suppressAuthor ? entry.year : "\(CitationStyle.authors(entry)), \(entry.year)"
            text += link(item.key, shown)
            if !item.locator.isEmpty { text += ", " + HTML.escape(item.locator) }
            return text
        }
        return "(" + parts.joined(separator: "; ") + ")"
    }

    /// The plain text of a citation (for the search index and image descriptions).
    package func text(_ citation: Citation) -> String {
        HeadingAnchors.plainText(html(citation))
    }

    private func link(_ key: String, _ text: String) -> String {
        "<a class=\"cite\" href=\"#cite:\(HTML.escape(key))\">\(HTML.escape(text))</a>"
    }

    /// The keys `document` cites that the bibliography has.
    func cited(in document: ChapterDocument) -> [BibEntry] {
        var seen: Set<String> = []
        var entries: [BibEntry] = []
        for span in document.spans {
            guard case .citation(let citation) = span.kind else { continue }
            for item in citation.items where !seen.contains(item.key) {
                seen.insert(item.key)
                if let entry = bibliography.entries[item.key] { entries.append(entry) }
            }
        }
        return entries.sorted { CitationStyle.sortKey($0) < CitationStyle.sortKey($1) }
    }

    /// The chapter's reference list, or "" when it cites nothing.
    func section(_ document: ChapterDocument) -> String {
        let entries = cited(in: document)
        guard !entries.isEmpty else { return "" }
        var html = "<section class=\"references\" role=\"doc-bibliography\" aria-label=\"References\">\n<h2 class=\"references-title\">References</h2>\n<ul class=\"reference-list\">\n"
        for entry in entries {
            html += "<li id=\"cite:\(HTML.escape(entry.key))\">\(CitationStyle.referenceHTML(entry))</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    /// An unknown key in brackets is an error at its `@`; a bare `@word`
    /// that names no work is text, not a citation.
    package static func problems(_ documents: [ChapterDocument], bibliography: Bibliography) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for document in documents {
            for span in document.spans {
                guard case .citation(let citation) = span.kind, citation.bracketed else { continue }
                for item in citation.items where bibliography.entries[item.key] == nil {
                    let why = bibliography.isEmpty
                        ? "the book has no bibliography: add bibliography = \"references.bib\" to [book] in book.toml, or pass --bibliography"
                        : "no entry of the bibliography has this key"
                    problems.append(Diagnostic(file: document.path, line: item.location.line, column: item.location.column,
                                               "unknown citation key '@\(item.key)': \(why)"))
                }
            }
        }
        return problems
    }
}
