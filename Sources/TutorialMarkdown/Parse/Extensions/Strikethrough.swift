import TutorialBase

/// GFM strikethrough (`~~text~~` or `~text~`) put into cmark's reading of a
/// paragraph, as its `StrikethroughPlan` says.
///
/// The plan was made from the paragraph's source by cmark-gfm's rules, and
/// cmark read the plan's text, where the delimiters a strikethrough strands
/// are escaped; so each pair's two runs are siblings in cmark's tree, and
/// what lies between them is struck out. The tildes of cmark's text nodes
/// are matched to the plan's one by one, in document order: if there are
/// not as many as the plan counted, the two readings disagree and the
/// tildes stay text rather than strike the wrong words.
enum Strikethrough {
    private enum Piece {
        case inline(MarkdownInline)
        case tildes(StrikethroughPlan.Role, count: Int)
    }

    /// cmark's reading of `text` as one paragraph (see `CommonMark.inlines`),
    /// with GFM strikethrough: the plan is made, cmark reads its text, and
    /// the planned pairs are struck.
    package static func read(_ text: String, definitions: String = "", smart: Bool) -> [MarkdownInline]? {
        var known: [String: Bool] = [:]  // cmark is asked once a label
        let isDefined = { (label: String) -> Bool in
            guard !definitions.isEmpty, !label.contains("]"), !label.contains("[") else { return false }
            if let answer = known[label] { return answer }
            var answer = false
            if case .link? = CommonMark.inlines("[x][\(label)]", definitions: definitions, smart: false)?.first { answer = true }
            known[label] = answer
            return answer
        }
        guard let plan = StrikethroughPlan.make(text, smart: smart, isDefined: isDefined) else {
            return CommonMark.inlines(text, definitions: definitions, smart: smart)
        }
        let planted = plan.text.unicodeScalars.contains(where: StrikethroughPlan.lookalikes.contains)
            && !text.unicodeScalars.contains(where: StrikethroughPlan.lookalikes.contains)
        return CommonMark.inlines(plan.text, definitions: definitions, smart: smart).map { inlines in
            apply(plan, to: planted ? withoutLookalikes(inlines) : inlines)
        }
    }

    /// `inlines`, cmark's reading of `plan.text`, with each planned pair of tilde runs and what is between them as `.strikethrough`.
    package static func apply(_ plan: StrikethroughPlan, to inlines: [MarkdownInline]) -> [MarkdownInline] {
        guard tildes(in: inlines) == plan.tildes.count else { return inlines }
        var next = 0
        return apply(inlines, plan.tildes, &next)
    }

    private static func apply(_ inlines: [MarkdownInline], _ roles: [StrikethroughPlan.Role], _ next: inout Int) -> [MarkdownInline] {
        var pieces: [Piece] = []
        for inline in inlines {
            switch inline {
            case .text(let text) where text.unicodeScalars.contains("~"):
                var plain = String.UnicodeScalarView()
                for c in text.unicodeScalars {
                    guard c == "~", roles[next] != .text else {
                        if c == "~" { next += 1 }
                        plain.append(c)
                        continue
                    }
                    let role = roles[next]
                    next += 1
                    if !plain.isEmpty { pieces.append(.inline(.text(String(plain)))) }
                    plain = String.UnicodeScalarView()
                    if case .tildes(role, let n)? = pieces.last {
                        pieces[pieces.count - 1] = .tildes(role, count: n + 1)
                    } else {
                        pieces.append(.tildes(role, count: 1))
                    }
                }
                if !plain.isEmpty { pieces.append(.inline(.text(String(plain)))) }
            case .emphasis(let c): pieces.append(.inline(.emphasis(apply(c, roles, &next))))
            case .strong(let c): pieces.append(.inline(.strong(apply(c, roles, &next))))
            case .strikethrough(let c): pieces.append(.inline(.strikethrough(apply(c, roles, &next))))
            case .link(let d, let t, let c): pieces.append(.inline(.link(destination: d, title: t, apply(c, roles, &next))))
            case .image(let s, let t, let c): pieces.append(.inline(.image(source: s, title: t, apply(c, roles, &next))))
            default: pieces.append(.inline(inline))
            }
        }
        var out: [Piece] = []
        for piece in pieces {
            if case .tildes(.closes(let pair), _) = piece,
               let start = out.lastIndex(where: { if case .tildes(.opens(pair), _) = $0 { true } else { false } }) {
                let content = text(Array(out[(start + 1)...]))
                out.removeSubrange(start...)
                out.append(.inline(.strikethrough(GFMInlines.joinedText(content))))
            } else {
                out.append(piece)
            }
        }
        return GFMInlines.joinedText(text(out))
    }

    /// The pieces as inlines, tildes that struck nothing as text.
    private static func text(_ pieces: [Piece]) -> [MarkdownInline] {
        pieces.map { piece in
            switch piece {
            case .inline(let inline): inline
            case .tildes(_, let n): .text(String(repeating: "~", count: n))
            }
        }
    }

    /// `inlines` without the stand-ins the plan put beside emphasis runs.
    private static func withoutLookalikes(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        inlines.compactMap { inline -> MarkdownInline? in
            switch inline {
            case .text(let t):
                let kept = String(String.UnicodeScalarView(t.unicodeScalars.filter { !StrikethroughPlan.lookalikes.contains($0) }))
                return kept.isEmpty ? nil : .text(kept)
            case .emphasis(let c): return .emphasis(withoutLookalikes(c))
            case .strong(let c): return .strong(withoutLookalikes(c))
            case .link(let d, let t, let c): return .link(destination: d, title: t, withoutLookalikes(c))
            case .image(let s, let t, let c): return .image(source: s, title: t, withoutLookalikes(c))
            default: return inline
            }
        }
    }

    /// How many tildes the text of `inlines` holds, nested inlines included.
    private static func tildes(in inlines: [MarkdownInline]) -> Int {
        inlines.reduce(0) { sum, inline in
            switch inline {
            case .text(let t): sum + t.unicodeScalars.filter { $0 == "~" }.count
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): sum + tildes(in: c)
            default: sum
            }
        }
    }

    /// Unicode punctuation as CommonMark means it: ASCII punctuation, or a
    /// character of a `P` general category.
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(c) }
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
