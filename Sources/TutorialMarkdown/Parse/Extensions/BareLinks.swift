import TutorialBase

/// GFM's extended autolinks: a bare `https://…`, `http://…`, `ftp://…` or `www.…` in
/// text is a link, as cmark-gfm's autolink extension reads it.
///
/// GFM's rules, as cmark-gfm applies them: the link starts at the start of
/// the text, after white space, or after `*`, `_`, `~` or `(`; then comes a
/// domain (segments of letters, digits, `_` and `-` separated by `.`, with
/// no `_` in its last two segments) and a path up to white space or `<`.
/// Then, from the end: `?`, `!`, `.`, `,`, `:`, `*`, `_`, `~`, `'`, `"` and
/// `;` are not part of it (a `;` that ends an entity-like `&name;` takes the
/// entity with it); nor is a `)` while the link has more `)` than `(`. A `www.` link gets
/// `http://` in front. An e-mail address (letters, digits and `.+-_`, an
/// `@`, then a domain with a `.` that does not end in `-` or `_`) becomes a
/// `mailto:` link.
enum BareLinks {
    /// `inlines` with the URLs in their text as links (the inlines must not
    /// be inside a link already).
    package static func apply(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for inline in inlines {
            guard case .text(let text) = inline, text.contains("www.") || text.contains("://") || text.contains("@") else {
                result.append(inline)
                continue
            }
            result += split(text)
        }
        return result
    }

    /// One text as text and links.
    package static func split(_ text: String) -> [MarkdownInline] {
        let chars = Array(text.unicodeScalars)
        var result: [MarkdownInline] = []
        var plainStart = 0
        var i = 0
        while i < chars.count {
            if i == 0 || "\t\n *_~(".unicodeScalars.contains(chars[i - 1]) || chars[i - 1].properties.isWhitespace,
               let (end, prefix) = link(chars, at: i)
            {
                if plainStart < i { result.append(.text(string(chars[plainStart..<i]))) }
                let shown = string(chars[i..<end])
                result.append(.link(destination: prefix + shown, title: "", [.text(shown)]))
                i = end
                plainStart = end
            } else if isLocal(chars[i]), i == 0 || !isLocal(chars[i - 1]), let end = email(chars, at: i) {
                if plainStart < i { result.append(.text(string(chars[plainStart..<i]))) }
                let shown = string(chars[i..<end])
                result.append(.link(destination: "mailto:" + shown, title: "", [.text(shown)]))
                i = end
                plainStart = end
            } else {
                i += 1
            }
        }
        if plainStart < chars.count { result.append(.text(string(chars[plainStart...]))) }
        return result
    }

    /// The end of a link starting at `i`, and what its address needs in front; nil if none starts there.
    private static func link(_ chars: [Unicode.Scalar], at i: Int) -> (end: Int, prefix: String)? {
        var start = i
        var prefix = ""
        if hasPrefix(chars, at: i, "www.") {
            prefix = "http://"
        } else if hasPrefix(chars, at: i, "https://") {
            start = i + 8
        } else if hasPrefix(chars, at: i, "http://") {
            start = i + 7
        } else if hasPrefix(chars, at: i, "ftp://") {
            start = i + 6
        } else {
            return nil
        }
        guard let domainEnd = domain(chars, from: start) else { return nil }
        var end = domainEnd
        while end < chars.count && !chars[end].properties.isWhitespace && chars[end] != "<" { end += 1 }
        end = trimmed(chars, start: i, end: end)
        return end > start ? (end, prefix) : nil
    }

    private static func isLocal(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "." || c == "+" || c == "-" || c == "_")
    }

    /// The end of an e-mail address starting at `i`; nil if none does.
    private static func email(_ chars: [Unicode.Scalar], at i: Int) -> Int? {
        var j = i
        while j < chars.count && isLocal(chars[j]) { j += 1 }
        guard j > i, j < chars.count, chars[j] == "@" else { return nil }
        var end = j + 1
        var periods = 0
        while end < chars.count {
            let c = chars[end]
            if c == "." && end + 1 < chars.count && chars[end + 1].isASCII
                && (chars[end + 1].properties.isAlphabetic || chars[end + 1].properties.numericType != nil || chars[end + 1] == "-" || chars[end + 1] == "_") {
                periods += 1
            } else if !(c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "-" || c == "_")) {
                break
            }
            end += 1
        }
        guard periods > 0, end > j + 1, chars[end - 1] != "-", chars[end - 1] != "_" else { return nil }
        return end
    }

    /// The end of a valid domain starting at `i`.
    private static func domain(_ chars: [Unicode.Scalar], from i: Int) -> Int? {
        var segments: [(start: Int, underscore: Bool)] = [(i, false)]
        var j = i
        while j < chars.count {
            let c = chars[j]
            if c == "." {
                segments.append((j + 1, false))
            } else if c == "_" {
                segments[segments.count - 1].underscore = true
            } else if !(c == "-" || c.properties.isAlphabetic || c.properties.numericType != nil) {
                break
            }
            j += 1
        }
        // A trailing '.' ends the sentence, not the domain.
        while j > i && chars[j - 1] == "." {
            j -= 1
            segments.removeLast()
        }
        guard j > i, segments.count >= 2, !segments.suffix(2).contains(where: \.underscore)
        else { return nil }
        return j
    }

    /// The end of the link once trailing punctuation, unbalanced `)` and
    /// an entity-like `&name;` are cut off.
    private static func trimmed(_ chars: [Unicode.Scalar], start: Int, end: Int) -> Int {
        var end = end
        while end > start {
            let c = chars[end - 1]
            if "?!.,:*_~'\"".unicodeScalars.contains(c) {
                end -= 1
            } else if c == ")" {
                let opens = chars[start..<end].filter { $0 == "(" }.count
                let closes = chars[start..<end].filter { $0 == ")" }.count
                guard closes > opens else { break }
                end -= 1
            } else if c == ";" {
                var k = end - 2
                while k > start && (chars[k].isASCII && (chars[k].properties.isAlphabetic || chars[k].properties.numericType != nil)) { k -= 1 }
                // An entity-like `&name;` goes with its `;`; a lone `;` goes alone (as cmark-gfm trims).
                end = k < end - 2 && chars[k] == "&" ? k : end - 1
            } else {
                break
            }
        }
        return end
    }

    private static func hasPrefix(_ chars: [Unicode.Scalar], at i: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard i + p.count <= chars.count else { return false }
        return zip(chars[i..<(i + p.count)], p).allSatisfy { $0.properties.lowercaseMapping == String($1) || $0 == $1 }
    }

    private static func string(_ chars: ArraySlice<Unicode.Scalar>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars)
        return String(s)
    }
}
