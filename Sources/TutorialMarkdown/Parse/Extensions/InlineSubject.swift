import Foundation
import TutorialBase

/// A paragraph's text walked the way cmark-gfm's inline parser walks it,
/// to build its delimiter stack (`DelimiterStack`) with strikethrough on.
///
/// What can hold no delimiter is stepped over whole, as cmark does: a
/// backslash escape, a code span, an autolink, raw HTML, an entity, and a
/// link's destination, title or reference label. Brackets bound delimiter
/// processing: when `]` closes a link or image, the delimiters of its text
/// are paired then and there, and a link makes every `[` before it inert.
/// Flanking is read from the characters beside each run in this text, as
/// cmark reads it. Tildes that reach text (raw, escaped `\~` or written as
/// a numeric entity) are counted in order, so that cmark's reading can be
/// matched to them later.
struct InlineSubject {
    private let s: [Unicode.Scalar]
    /// The text again, for the tag patterns, and each scalar's UTF-16 offset in it (one past the end too).
    private let whole: String
    private let utf16Offsets: [Int]
    /// The last `>`: no autolink or tag starts after it.
    private let lastGreater: Int
    private let smart: Bool
    private let isDefined: (String) -> Bool
    private var pos = 0
    private(set) var stack = DelimiterStack()
    /// Tildes met so far that cmark leaves in text nodes.
    private(set) var tildes = 0

    private struct Bracket {
        var start: Int  // just after the `[`
        var bottom: Int  // the delimiter stack's count when it was pushed
        var image: Bool
        var active = true
        var bracketAfter = false
    }
    private var brackets: [Bracket] = []

    /// - Parameter isDefined: whether a link label (raw, as written) names a reference definition.
    init(_ text: String, smart: Bool, isDefined: @escaping (String) -> Bool) {
        s = Array(text.unicodeScalars)
        whole = text
        var offsets = [0]
        offsets.reserveCapacity(s.count + 1)
        for c in s { offsets.append(offsets[offsets.count - 1] + (c.value > 0xFFFF ? 2 : 1)) }
        utf16Offsets = offsets
        lastGreater = s.lastIndex(of: ">") ?? -1
        self.smart = smart
        self.isDefined = isDefined
    }

    /// Walks the whole text and pairs what is left at the end.
    mutating func walk() {
        while pos < s.count {
            let c = s[pos]
            switch c {
            case "\\":
                if pos + 1 < s.count, s[pos + 1].isASCII, Strikethrough.isPunctuation(s[pos + 1]) {
                    if s[pos + 1] == "~" { tildes += 1 }
                    pos += 2
                } else {
                    pos += 1
                }
            case "`": backticks()
            case "&": entity()
            case "<": angle()
            case "[":
                pushBracket(image: false)
                pos += 1
            case "!" where pos + 1 < s.count && s[pos + 1] == "[":
                pos += 1
                pushBracket(image: true)
                pos += 1
            case "]": closeBracket()
            case "*", "_", "~": delimiters(c)
            case "'" where smart: delimiters(c)
            case "\"" where smart: delimiters(c)
            default: pos += 1
            }
        }
        stack.process(from: 0)
    }

    // MARK: - Delimiters

    private mutating func delimiters(_ c: Unicode.Scalar) {
        var end = pos
        if c == "'" || c == "\"" { end += 1 } else { while end < s.count && s[end] == c { end += 1 } }
        var before: Unicode.Scalar? = pos > 0 ? s[pos - 1] : nil
        var after: Unicode.Scalar? = end < s.count ? s[end] : nil
        if c != "~" {
            // cmark-gfm looks past tildes for the neighbours of any other run.
            var b = pos - 1
            while b > 0 && s[b] == "~" { b -= 1 }
            var a = end
            while a < s.count && s[a] == "~" { a += 1 }
            let (gfmBefore, gfmAfter) = (b >= 0 && s[b] != "~" ? s[b] : nil, a < s.count ? s[a] : nil)
            if before == "~" { neighbours.append((pos, Self.lookalike(gfmBefore))) }
            if after == "~" { neighbours.append((end, Self.lookalike(gfmAfter))) }
            (before, after) = (gfmBefore, gfmAfter)
        }
        let (left, right) = DelimiterRun.flanking(before: before, after: after)
        let length = end - pos
        var run = DelimiterRun(character: c, start: pos, length: length, canOpen: left, canClose: right)
        switch c {
        case "_":
            run.canOpen = left && (!right || before.map(Strikethrough.isPunctuation) ?? false)
            run.canClose = right && (!left || after.map(Strikethrough.isPunctuation) ?? false)
        case "'", "\"":
            run.canOpen = left && !right && before != "]" && before != ")"
        case "~":
            run.firstTilde = tildes
            tildes += length
            if length > 2 { run.canOpen = false; run.canClose = false }
        default: break
        }
        if c == "'" || c == "\"" { quotes.append((pos, c == "'" ? "\u{2019}" : run.canClose ? "\u{201D}" : "\u{201C}")) }
        if run.canOpen || run.canClose { stack.push(run) }
        pos = end
    }

    /// Every smart quote, with the curly quote cmark-gfm shows for it unless a later one closes it.
    private(set) var quotes: [(at: Int, curly: Unicode.Scalar)] = []

    /// Where cmark would see a tilde beside a `*`, `_` or quote run that
    /// cmark-gfm looks past: the place, and a character cmark classes as
    /// cmark-gfm classes what lies beyond the tildes (nil: punctuation, as `~` is).
    private(set) var neighbours: [(at: Int, lookalike: Unicode.Scalar?)] = []

    /// An invisible stand-in for `c` in flanking: a hair space (white space)
    /// for white space or nothing, a word joiner (neither space nor
    /// punctuation) for a letter, nil for punctuation.
    static func lookalike(_ c: Unicode.Scalar?) -> Unicode.Scalar? {
        guard let c else { return "\u{200A}" }
        if DelimiterRun.isSpace(c) { return "\u{200A}" }
        return Strikethrough.isPunctuation(c) ? nil : "\u{2060}"
    }

    // MARK: - Code spans and entities

    /// A run of backticks opens a code span when a run of the same length
    /// follows; the span is stepped over, or else the run is text.
    private mutating func backticks() {
        let length = runLength(at: pos, of: "`")
        var k = pos + length
        while k < s.count {
            if s[k] == "`" {
                let n = runLength(at: k, of: "`")
                if n == length { pos = k + n; return }
                k += n
            } else {
                k += 1
            }
        }
        pos += length
    }

    private func runLength(at k: Int, of c: Unicode.Scalar) -> Int {
        var e = k
        while e < s.count && s[e] == c { e += 1 }
        return e - k
    }

    /// An entity is stepped over; a numeric one for `~` puts a tilde in text.
    private mutating func entity() {
        guard let length = match(Self.entityPattern, at: pos) else { pos += 1; return }
        let body = String(String.UnicodeScalarView(s[(pos + 2)..<(pos + length - 1)]))
        if s[pos + 1] == "#" {
            let value = body.first == "x" || body.first == "X" ? Int(body.dropFirst(), radix: 16) : Int(body)
            if value == 0x7E { tildes += 1 }
        }
        pos += length
    }

    // MARK: - Links

    private mutating func pushBracket(image: Bool) {
        if !brackets.isEmpty { brackets[brackets.count - 1].bracketAfter = true }
        brackets.append(Bracket(start: pos + 1, bottom: stack.count, image: image))
    }

    /// cmark's `handle_close_bracket`: an inline link, then a full,
    /// collapsed or shortcut reference; a link pairs its text's delimiters.
    private mutating func closeBracket() {
        pos += 1
        guard let opener = brackets.last else { return }
        guard opener.active else { brackets.removeLast(); return }
        let afterText = pos
        var end: Int?
        if pos < s.count, s[pos] == "(" { end = inlineLinkEnd(from: pos + 1) }
        if end == nil {
            // A full or collapsed reference; then the link text itself as a shortcut,
            // unless a `[` was pushed after this opener (cmark's `bracket_after`).
            var label: String?
            var labelEnd = afterText
            if let (raw, e) = linkLabel(at: afterText) { (label, labelEnd) = (raw, e) }
            if label?.isEmpty ?? true, !opener.bracketAfter {
                label = String(String.UnicodeScalarView(s[opener.start..<(afterText - 1)]))
            }
            if let l = label, !l.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, isDefined(l) { end = labelEnd }
        }
        guard let linkEnd = end else {
            brackets.removeLast()
            pos = afterText
            return
        }
        stack.process(from: opener.bottom)
        brackets.removeLast()
        if !opener.image {
            for k in brackets.indices where !brackets[k].image { brackets[k].active = false }
        }
        pos = linkEnd
    }

    /// The end of `(destination "title")` whose `(` is just before `k`, or nil.
    private func inlineLinkEnd(from k: Int) -> Int? {
        var i = skipSpace(k)
        guard let destination = linkDestination(i) else { return nil }
        let afterDestination = i + destination
        i = skipSpace(afterDestination)
        if i > afterDestination, let title = linkTitle(i) { i = skipSpace(i + title) }
        guard i < s.count, s[i] == ")" else { return nil }
        return i + 1
    }

    private func skipSpace(_ k: Int) -> Int {
        var i = k
        while i < s.count, [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(s[i]) { i += 1 }
        return i
    }

    /// The length of a link destination at `k` (`<…>`, or balanced parentheses without spaces).
    private func linkDestination(_ k: Int) -> Int? {
        var i = k
        if i < s.count, s[i] == "<" {
            i += 1
            while i < s.count {
                if s[i] == ">" { return i + 1 - k }
                if s[i] == "\\" { i += 2; continue }
                if s[i] == "\n" || s[i] == "<" { return nil }
                i += 1
            }
            return nil
        }
        var depth = 0
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count, s[i + 1].isASCII, Strikethrough.isPunctuation(s[i + 1]) { i += 2; continue }
            if c == "(" { depth += 1; if depth > 32 { return nil } }
            else if c == ")" { if depth == 0 { break }; depth -= 1 }
            else if [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(c) { if i == k { return nil }; break }
            i += 1
        }
        return i < s.count ? i - k : nil
    }

    /// The length of a link title at `k`: `"…"`, `'…'` or `(…)`.
    private func linkTitle(_ k: Int) -> Int? {
        guard k < s.count else { return nil }
        let close: Unicode.Scalar
        switch s[k] {
        case "\"": close = "\""
        case "'": close = "'"
        case "(": close = ")"
        default: return nil
        }
        var i = k + 1
        while i < s.count {
            if s[i] == "\\" && i + 1 < s.count { i += 2; continue }
            if s[i] == close { return i + 1 - k }
            if close == ")" && s[i] == "(" { return nil }
            i += 1
        }
        return nil
    }

    /// A `[label]` at `k`: its text, trimmed, and the position after it.
    private func linkLabel(at k: Int) -> (String, Int)? {
        guard k < s.count, s[k] == "[" else { return nil }
        var i = k + 1
        var length = 0
        while i < s.count && s[i] != "[" && s[i] != "]" {
            if s[i] == "\\" {
                i += 1; length += 1
                if i < s.count, s[i].isASCII, Strikethrough.isPunctuation(s[i]) { i += 1; length += 1 }
            } else {
                i += 1; length += 1
            }
            if length > 999 { return nil }
        }
        guard i < s.count, s[i] == "]" else { return nil }
        let raw = String(String.UnicodeScalarView(s[(k + 1)..<i])).trimmingCharacters(in: .whitespacesAndNewlines)
        return (raw, i + 1)
    }

    // MARK: - Autolinks and raw HTML

    private static let entityPattern = try! NSRegularExpression(pattern: "&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
    private static let space = "[ \\t\\n\\x0B\\x0C\\r]"
    /// Autolinks (a URI, an e-mail address), then the raw HTML forms: open and
    /// closing tags, comment, processing instruction, declaration, CDATA.
    private static let tagPatterns: [NSRegularExpression] = [
        "<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\\x00-\\x20<>]*>",
        "<[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>",
        "<[A-Za-z][A-Za-z0-9-]*(?:\(space)+[a-zA-Z_:][a-zA-Z0-9_.:-]*(?:\(space)*=\(space)*(?:[^ \\t\\n\\x0B\\x0C\\r\"'=<>`\\x00]+|'[^'\\x00]*'|\"[^\"\\x00]*\"))?)*\(space)*/?>",
        "</[A-Za-z][A-Za-z0-9-]*\(space)*>",
        "<!---->|<!--(?:-?[^>\\-])(?:-?[^\\-])*-->",
        "<\\?.*?\\?>",
        "<![A-Za-z]+[^>\\x00]*>",
        "<!\\[CDATA\\[.*?\\]\\]>",
    ].map { try! NSRegularExpression(pattern: $0, options: [.dotMatchesLineSeparators]) }

    /// An autolink or raw HTML is stepped over, or else `<` is text. An
    /// autolink's text is its address, so its tildes reach text.
    private mutating func angle() {
        // Every form ends with `>` and has a visible ASCII character after `<`.
        guard pos + 1 < s.count, pos < lastGreater, s[pos + 1].value > 0x20, s[pos + 1].value < 0x7F else { pos += 1; return }
        for (k, pattern) in Self.tagPatterns.enumerated() {
            guard let n = match(pattern, at: pos) else { continue }
            if k < 2 { tildes += s[pos..<(pos + n)].filter { $0 == "~" }.count }
            pos += n
            return
        }
        pos += 1
    }

    /// The length in scalars of `pattern` matched at `k`, or nil. The
    /// match runs on the whole text, from `k`'s UTF-16 offset: no copy of
    /// the rest per `<`.
    private func match(_ pattern: NSRegularExpression, at k: Int) -> Int? {
        let start = utf16Offsets[k]
        guard let m = pattern.firstMatch(in: whole, options: [.anchored], range: NSRange(location: start, length: utf16Offsets[s.count] - start))
        else { return nil }
        var end = k
        while utf16Offsets[end] < m.range.location + m.range.length { end += 1 }
        return end - k
    }
}
