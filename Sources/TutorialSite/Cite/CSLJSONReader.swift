import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Reads CSL-JSON, the bibliography format of Zotero and Pandoc: an array of
/// items with `id`, `type`, `author` (`family`, `given` or `literal`),
/// `issued` (`date-parts`), `title`, `container-title`, `publisher`,
/// `volume`, `issue`, `page`, `URL`, `DOI`. Each item becomes a `BibEntry`
/// with BibTeX's field names, so citations read both the same way.
enum CSLJSONReader {
    /// The entries of `data`, or an error at the file's first line.
    package static func read(_ data: Data, file: String) -> Result<[BibEntry], BibTeXReader.Problem> {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error.localizedDescription)"
            return .failure(BibTeXReader.Problem(diagnostic: Diagnostic(file: file, line: 1, "the CSL-JSON does not parse: \(message)")))
        }
        guard let items = json as? [[String: Any]] else {
            return .failure(BibTeXReader.Problem(diagnostic: Diagnostic(file: file, line: 1, "CSL-JSON must be an array of items, each with an \"id\"")))
        }
        var entries: [BibEntry] = []
        for (k, item) in items.enumerated() {
            guard let id = item["id"].map({ "\($0)" }) else {
                return .failure(BibTeXReader.Problem(diagnostic: Diagnostic(file: file, line: 1, "item \(k + 1) of the CSL-JSON has no \"id\"")))
            }
            var fields: [String: String] = [:]
            let names: [(String, String)] = [
                ("title", "title"), ("container-title", "journal"), ("publisher", "publisher"), ("volume", "volume"),
                ("issue", "number"), ("page", "pages"), ("URL", "url"), ("DOI", "doi"), ("number", "number"),
            ]
            for (csl, bib) in names { if let value = item[csl] { fields[bib] = "\(value)" } }
            if let issued = item["issued"] as? [String: Any], let parts = issued["date-parts"] as? [[Any]],
               let year = parts.first?.first
            {
                fields["year"] = "\(year)"
            }
            let people = (item["author"] ?? item["editor"]) as? [[String: Any]] ?? []
            let authors = people.map { person in
                BibEntry.Name(family: (person["family"] ?? person["literal"]).map { "\($0)" } ?? "",
                              given: person["given"].map { "\($0)" } ?? "")
            }
            let type = (item["type"] as? String).map(Self.bibType) ?? "misc"
            entries.append(BibEntry(key: id, type: type, fields: fields, authors: authors, file: file, line: 1))
        }
        return .success(entries)
    }

    /// The BibTeX type nearest a CSL type.
    static func bibType(_ csl: String) -> String {
        switch csl {
        case "article-journal", "article", "article-magazine", "article-newspaper": "article"
        case "book": "book"
        case "paper-conference", "chapter": "inproceedings"
        case "report": "techreport"
        case "webpage", "post", "post-weblog": "online"
        default: "misc"
        }
    }
}
