import Foundation

/// Gives every heading an id and collects the chapter's outline.
///
/// The cmark boundary puts a marker at the start of each heading's content;
/// this replaces `<hN>` + marker with `<hN id="slug">` (slugs are lower-case
/// words joined by `-`, made unique with `-2`, `-3`…). It works on UTF-8
/// bytes: chapter pages with KaTeX output are large, and Foundation's string
/// search is slow on them.
enum HeadingAnchors {
    struct Heading {
        var level: Int
        var id: String
        var html: String
        var text: String
    }

    static func apply(_ html: String) -> (html: String, headings: [Heading]) {
        let bytes = Array(html.utf8)
        let marker = Array(CommonMark.headingMarker.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 256)
        var headings: [Heading] = []
        // Ids the page template and the check anchors use are not free for headings.
        var used: [String: Int] = ["main": 1, "contents-title": 1]
        var cursor = 0
        var i = 0
        while let at = find(marker, in: bytes, from: i) {
            // The marker follows "<hN>" directly.
            guard at >= 4, bytes[at - 4] == UInt8(ascii: "<"), bytes[at - 3] == UInt8(ascii: "h"),
                  bytes[at - 1] == UInt8(ascii: ">"), let level = Int(String(UnicodeScalar(bytes[at - 2])))
            else {
                i = at + marker.count
                continue
            }
            let start = at + marker.count
            let close = find(Array("</h\(level)>".utf8), in: bytes, from: start) ?? bytes.count
            let inner = String(decoding: bytes[start..<close], as: UTF8.self)
            let text = plainText(inner)
            var slug = slugify(text)
            if slug.isEmpty { slug = "section" }
            if slug.hasPrefix("check-") { slug = "s-" + slug }
            if let n = used[slug] { used[slug] = n + 1; slug += "-\(n + 1)" } else { used[slug] = 1 }
            headings.append(Heading(level: level, id: slug, html: inner, text: text))
            output += bytes[cursor..<(at - 1)]
            output += Array(" id=\"\(slug)\">".utf8)
            cursor = start
            i = start
        }
        output += bytes[cursor...]
        return (String(decoding: output, as: UTF8.self), headings)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
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
