import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Gives every heading an id and collects the chapter's outline.
///
/// The ids are set on the tree, before it is written: slugs are lower-case
/// words joined by `-`, made unique with `-2`, `-3`…, taken from the text a
/// reader sees in the heading (values as printed, formulas as KaTeX set them).
enum HeadingAnchors {
    /// One heading of the chapter.
    struct Heading {
        var level: Int
        package var id: String
        /// The heading's content as HTML, and as plain text.
        package var html: String
        package var text: String
    }

    /// The headings of `blocks` in document order, with their ids;
    /// `render` writes a heading's content as HTML. A heading whose line is
    /// in `explicit` (its `{#id}`) takes that id instead of a slug.
    static func headings(in blocks: [MarkdownBlock], explicit: [Int: String] = [:],
                         render: (([MarkdownInline]) -> String)) -> [Heading] {
        // Ids the page template and the check anchors use are not free for headings.
        var used: [String: Int] = ["main": 1, "contents-title": 1]
        var headings: [Heading] = []
        func visit(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block.kind {
                case .heading(let level, let inlines):
                    let html = render(inlines)
                    let text = plainText(html)
                    var slug = slugify(text)
                    if slug.isEmpty { slug = "section" }
                    if slug.hasPrefix("check-") { slug = "s-" + slug }
                    if let id = explicit[block.startLine] { slug = id } else { slug = unique(slug, among: &used) }
                    headings.append(Heading(level: level, id: slug, html: html, text: text))
                case .blockQuote(let children): visit(children)
                case .callout(let callout): visit(callout.blocks)
                case .list(_, _, let items): items.forEach(visit)
                default: break
                }
            }
        }
        visit(blocks)
        return headings
    }

    /// `slug`, or the first of `slug-2`, `slug-3`… that no heading (nor the
    /// page) uses yet: "Step", "Step", "Step 2" are `step`, `step-2`, `step-2-2`.
    static func unique(_ slug: String, among used: inout [String: Int]) -> String {
        var candidate = slug
        var n = used[slug] ?? 1
        while used[candidate] != nil {
            n += 1
            candidate = "\(slug)-\(n)"
        }
        used[slug] = n
        used[candidate] = 1
        return candidate
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
