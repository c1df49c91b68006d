import TutorialBase

/// GFM strikethrough in a run of sibling inlines: `~~text~~` or `~text~`.
///
/// A run of one or two tildes is a delimiter when it is flanking, by the
/// rules CommonMark gives `*`: it may open when the character after it is
/// not white space and (is not punctuation, or the one before it is white
/// space or punctuation), and close in the mirror case. A closer pairs with
/// the nearest opener of the same length; what lies between is struck out.
/// A run of three or more tildes, or one that pairs with nothing, is text.
/// A neighbour that is not text (code, emphasis, a span) counts as a letter.
package enum Strikethrough {
    private enum Piece {
        case inline(MarkdownInline)
        case tildes(Int, canOpen: Bool)
    }

    /// `inlines` with each matched pair of tildes and what is between them as `.strikethrough`.
    package static func apply(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        guard inlines.contains(where: { if case .text(let t) = $0 { t.contains("~") } else { false } }) else { return inlines }
        var out: [Piece] = []
        var openers: [Int] = []
        for piece in pieces(inlines) {
            guard case .tildes(let n, let canOpen) = piece.piece else { out.append(piece.piece); continue }
            if piece.canClose, let k = openers.lastIndex(where: { if case .tildes(n, _) = out[$0] { true } else { false } }) {
                let start = openers[k]
                let content = text(Array(out[(start + 1)...]))
                out.removeSubrange(start...)
                out.append(.inline(.strikethrough(GFMInlines.joinedText(content))))
                openers.removeSubrange(k...)
            } else {
                if canOpen { openers.append(out.count) }
                out.append(piece.piece)
            }
        }
        return GFMInlines.joinedText(text(out))
    }

    /// The pieces as inlines, unmatched tildes as text.
    private static func text(_ pieces: [Piece]) -> [MarkdownInline] {
        pieces.map { piece in
            switch piece {
            case .inline(let inline): inline
            case .tildes(let n, _): .text(String(repeating: "~", count: n))
            }
        }
    }

    /// The inlines cut into tilde runs that flank something, and the rest.
    private static func pieces(_ inlines: [MarkdownInline]) -> [(piece: Piece, canClose: Bool)] {
        var result: [(piece: Piece, canClose: Bool)] = []
        for (k, inline) in inlines.enumerated() {
            guard case .text(let text) = inline, text.contains("~") else { result.append((.inline(inline), false)); continue }
            let chars = Array(text.unicodeScalars)
            var plain = String.UnicodeScalarView()
            func flush() {
                if !plain.isEmpty { result.append((.inline(.text(String(plain))), false)) }
                plain = String.UnicodeScalarView()
            }
            var i = 0
            while i < chars.count {
                guard chars[i] == "~" else { plain.append(chars[i]); i += 1; continue }
                var j = i
                while j < chars.count && chars[j] == "~" { j += 1 }
                let before = i > 0 ? chars[i - 1] : neighbour(inlines, k - 1)
                let after = j < chars.count ? chars[j] : neighbour(inlines, k + 1)
                let canOpen = flanks(after, beside: before)
                let canClose = flanks(before, beside: after)
                if j - i <= 2 && (canOpen || canClose) {
                    flush()
                    result.append((.tildes(j - i, canOpen: canOpen), canClose))
                } else {
                    plain.append(contentsOf: chars[i..<j])
                }
                i = j
            }
            flush()
        }
        return result
    }

    /// The character next to a run from a neighbouring inline (text is
    /// joined, so the neighbour is never text): nil (white space) at either
    /// end and beside a line break, "a" beside anything else.
    private static func neighbour(_ inlines: [MarkdownInline], _ k: Int) -> Unicode.Scalar? {
        guard inlines.indices.contains(k) else { return nil }
        switch inlines[k] {
        case .softBreak, .lineBreak: return nil
        default: return "a"
        }
    }

    /// Whether a run with `inner` on the side it would open (or close)
    /// towards and `outer` on the other side flanks: CommonMark's rule.
    private static func flanks(_ inner: Unicode.Scalar?, beside outer: Unicode.Scalar?) -> Bool {
        guard let inner, !inner.properties.isWhitespace else { return false }
        guard isPunctuation(inner) else { return true }
        guard let outer else { return true }
        return outer.properties.isWhitespace || isPunctuation(outer)
    }

    package static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c.properties.isPatternSyntax || "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(c) }
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
