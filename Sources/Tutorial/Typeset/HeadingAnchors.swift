import Foundation

/// Gives every heading an id and collects the chapter's outline.
///
/// The cmark boundary puts a marker at the start of each heading's content;
/// this replaces `<hN>` + marker with `<hN id="slug">` (slugs are lower-case
/// words joined by `-`, made unique with `-2`, `-3`…).
enum HeadingAnchors {
    struct Heading {
        var level: Int
        var id: String
        var html: String
        var text: String
    }

    static func apply(_ html: String) -> (html: String, headings: [Heading]) {
        var output = ""
        var headings: [Heading] = []
        var used: [String: Int] = [:]
        var rest = Substring(html)
        while let marker = rest.range(of: CommonMark.headingMarker) {
            let before = rest[..<marker.lowerBound]
            guard before.count >= 4, before.hasSuffix(">"), let open = before.range(of: "<h", options: .backwards),
                  let level = Int(before[before.index(open.lowerBound, offsetBy: 2)..<before.index(before: before.endIndex)])
            else {
                output += rest[..<marker.upperBound]
                rest = rest[marker.upperBound...]
                continue
            }
            let closeTag = "</h\(level)>"
            let after = rest[marker.upperBound...]
            let inner = after.range(of: closeTag).map { after[..<$0.lowerBound] } ?? after[...]
            let text = plainText(String(inner))
            var slug = slugify(text)
            if slug.isEmpty { slug = "section" }
            if let n = used[slug] { used[slug] = n + 1; slug += "-\(n + 1)" } else { used[slug] = 1 }
            headings.append(Heading(level: level, id: slug, html: String(inner), text: text))
            output += before[..<open.lowerBound]
            output += "<h\(level) id=\"\(slug)\">"
            rest = after
        }
        output += rest
        return (output, headings)
    }

    /// Text content of inline HTML: tags dropped (KaTeX's MathML copy too),
    /// the common entities decoded.
    static func plainText(_ html: String) -> String {
        var text = html
        while let start = text.range(of: "<span class=\"katex-mathml\">"),
              let end = text.range(of: "</math></span>", range: start.upperBound..<text.endIndex)
        {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        var out = ""
        var inTag = false
        for c in text {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func slugify(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for c in text.lowercased() {
            if c.isLetter || c.isNumber {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(c)
            } else if c == " " || c == "-" || c == "_" {
                pendingDash = true
            }
        }
        return slug
    }
}
