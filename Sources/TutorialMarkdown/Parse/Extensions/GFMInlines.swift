import TutorialBase

/// GFM's inline extensions over cmark's reading of a run of inlines:
/// strikethrough (`Strikethrough`) and bare-URL autolinks (`BareLinks`).
///
/// cmark 0.30 has neither, so it leaves `~~` and `https://…` as text. This
/// pass runs after the chapter is parsed: it joins the text pieces cmark
/// split (which writes the same HTML), pairs the tildes of each run of
/// siblings, then links the URLs in text outside links. Code spans, raw
/// HTML and the tutorial's spans are never text here, so they stay as they are.
package enum GFMInlines {
    /// `inlines` with strikethrough and bare links read, nested runs included.
    package static func apply(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        apply(inlines, insideLink: false)
    }

    private static func apply(_ inlines: [MarkdownInline], insideLink: Bool) -> [MarkdownInline] {
        let children = joinedText(inlines).map { inline -> MarkdownInline in
            switch inline {
            case .emphasis(let c): .emphasis(apply(c, insideLink: insideLink))
            case .strong(let c): .strong(apply(c, insideLink: insideLink))
            case .link(let d, let t, let c): .link(destination: d, title: t, apply(c, insideLink: true))
            case .image(let s, let t, let c): .image(source: s, title: t, apply(c, insideLink: true))
            default: inline
            }
        }
        let struck = Strikethrough.apply(children)
        return insideLink ? struck : BareLinks.apply(struck)
    }

    /// Adjacent text pieces as one.
    package static func joinedText(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        result.reserveCapacity(inlines.count)
        for inline in inlines {
            if case .text(let b) = inline, case .text(let a)? = result.last {
                result[result.count - 1] = .text(a + b)
            } else {
                result.append(inline)
            }
        }
        return result
    }
}
