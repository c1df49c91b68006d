import Foundation

/// Cuts a chapter's body HTML into ``SearchDocument``s, one per heading.
///
/// The HTML is the one ``ChapterTypesetter`` writes, headings already given
/// their ids by ``HeadingAnchors``. Text before the first `<h2>` belongs to
/// the chapter's title and links to the page itself. `<pre>` listings,
/// `<svg>` figures, `<script>`/`<style>` and math (`<span class="katex…">`
/// or, in the text-only pass, nothing at all) are left out.
enum SearchSections {
    static func documents(html: String, page: String, chapterTitle: String) -> [SearchDocument] {
        var documents: [SearchDocument] = []
        var title = chapterTitle
        var url = page
        var text = ""
        func flush() {
            let words = Self.collapse(text)
            if !words.isEmpty || url != page || documents.isEmpty {
                documents.append(SearchDocument(url: url, title: title, chapter: chapterTitle, text: words))
            }
            text = ""
        }
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            text += Self.decode(rest[..<open])
            rest = rest[open...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            let name = tag.prefix { $0.isLetter || $0.isNumber }.lowercased()
            rest = rest[rest.index(after: close)...]
            if ["pre", "svg", "script", "style", "math"].contains(name) {
                // Skip to the matching close tag (these do not nest in the engine's output).
                if let end = rest.range(of: "</\(name)>") { rest = rest[end.upperBound...] }
                continue
            }
            if name.count == 2, name.first == "h", let level = Int(name.dropFirst()), (1...6).contains(level) {
                guard let end = rest.range(of: "</\(name)>") else { continue }
                let heading = Self.collapse(Self.plain(rest[..<end.lowerBound]))
                rest = rest[end.upperBound...]
                if level == 1 { continue }
                flush()
                title = heading
                url = Self.id(in: tag).map { page + "#" + $0 } ?? page
                continue
            }
            // Block ends separate words.
            if ["p", "/p", "li", "/li", "br", "div", "/div", "td", "th", "tr", "figcaption", "blockquote"].contains(name) || tag.hasPrefix("/") {
                text += " "
            }
        }
        text += Self.decode(rest)
        flush()
        return documents
    }

    /// The text of an HTML fragment, tags removed.
    static func plain(_ html: Substring) -> String {
        var out = ""
        var rest = html
        while let open = rest.firstIndex(of: "<") {
            out += decode(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else { return out }
            rest = rest[rest.index(after: close)...]
        }
        return out + decode(rest)
    }

    static func id(in tag: Substring) -> String? {
        guard let start = tag.range(of: "id=\"") else { return nil }
        let value = tag[start.upperBound...].prefix { $0 != "\"" }
        return value.isEmpty ? nil : String(value)
    }

    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
