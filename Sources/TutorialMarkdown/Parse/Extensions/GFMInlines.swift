import TutorialBase

/// GFM's bare-URL autolinks (`BareLinks`) over cmark's reading of a run of inlines.
///
/// cmark 0.30 leaves `https://…` as text. This pass runs after the chapter
/// is parsed: it joins the text pieces cmark split (which writes the same
/// HTML), then links the URLs in text outside links. Code spans, raw HTML
/// and the tutorial's spans are never text here, so they stay as they are.
/// (Strikethrough is not read here but with the paragraph, `Strikethrough`:
/// its tildes can strand emphasis delimiters, which only the source shows.)
enum GFMInlines {
    /// `inlines` with bare links read, nested runs included.
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
            case .strikethrough(let c): .strikethrough(apply(c, insideLink: insideLink))
            default: inline
            }
        }
        return insideLink ? children : BareLinks.apply(children)
    }

    /// Adjacent text pieces as one.
    static func joinedText(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
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
