import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Author–year citations and reference entries, as APA and Pandoc's default
/// style write them: "(Bishop, 2006)", "Bishop (2006)", two authors joined
/// by "and", three or more as "Bishop et al.".
enum CitationStyle {
    /// "Bishop", "Bishop and Nasrabadi", "Goodfellow et al."; the title without authors.
    package static func authors(_ entry: BibEntry) -> String {
        let families = entry.authors.map(\.family)
        if families.count >= 3 || (entry.andOthers && !families.isEmpty) { return families[0] + " et al." }
        if families.count == 2 { return families[0] + " and " + families[1] }
        if let only = families.first { return only }
        return entry.fields["title"] ?? entry.key
    }

    /// A reference list entry as HTML:
    /// "Bishop, C. M. (2006). *Pattern recognition and machine learning*. Springer."
    static func referenceHTML(_ entry: BibEntry) -> String {
        let f = entry.fields
        let e: (String) -> String = { HTML.escape($0) }
        var names = entry.authors.map { name in name.initials.isEmpty ? name.family : "\(name.family), \(name.initials)" }
        if entry.andOthers { names.append("et al.") }
        var html = names.isEmpty ? "" : e(list(names)) + " "
        html += "(\(e(entry.year))). "
        let title = f["title"].map { $0.hasSuffix(".") || $0.hasSuffix("?") ? $0 : $0 + "." } ?? ""
        switch entry.type {
        case "book":
            html += "<em>\(e(title))</em>"
            if let publisher = f["publisher"] { html += " \(e(publisher))." }
        case "article":
            html += e(title)
            if let journal = f["journal"] ?? f["journaltitle"] {
                html += " <em>\(e(journal))</em>"
                if let volume = f["volume"] { html += ", <em>\(e(volume))</em>" + (f["number"].map { "(\(e($0)))" } ?? "") }
                if let pages = f["pages"] { html += ", \(e(pages))" }
                html += "."
            }
        case "inproceedings", "incollection":
            html += e(title)
            if let booktitle = f["booktitle"] { html += " In <em>\(e(booktitle))</em>" + (f["pages"].map { " (pp. \(e($0)))" } ?? "") + "." }
            if let publisher = f["publisher"] { html += " \(e(publisher))." }
        case "techreport":
            html += "<em>\(e(title))</em>"
            let number = f["number"].map { " No. \($0)" } ?? ""
            html += " (Technical report\(e(number)))."
            if let institution = f["institution"] { html += " \(e(institution))." }
        default:
            html += "<em>\(e(title))</em>"
            if let note = f["howpublished"] ?? f["note"] ?? f["publisher"] { html += " \(e(note))." }
        }
        if let doi = f["doi"] {
            let url = doi.hasPrefix("http") ? doi : "https://doi.org/" + doi
            html += " <a href=\"\(e(url))\">\(e(url))</a>"
        } else if let url = f["url"] {
            html += " <a href=\"\(e(url))\">\(e(url))</a>"
        }
        return html
    }

    /// "A", "A and B", "A, B, and C".
    package static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: ""
        case 1: names[0]
        case 2: names[0] + ", & " + names[1]
        default: names.dropLast().joined(separator: ", ") + ", & " + names[names.count - 1]
        }
    }

    /// The order of a reference list: by authors, then year, then title.
    static func sortKey(_ entry: BibEntry) -> String {
        authors(entry).lowercased() + "\u{1}" + entry.year + "\u{1}" + (entry.fields["title"] ?? "").lowercased()
    }
}
