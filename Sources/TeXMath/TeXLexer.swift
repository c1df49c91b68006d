/// Splits one line of TeX math into tokens, the way TeX itself reads it.
///
/// White space and comments are not tokens. Unicode operators that authors
/// paste (`−`, `·`, `×`, `≤`, `≥`, `≠`, `≈`) become their TeX commands, so
/// `a − b` reads as `a - b`.
enum TeXLexer {
    /// - Parameters:
    ///   - text: the TeX of one line, without its `%` comment.
    ///   - column: the chapter column of the text's first character.
    static func tokens(_ text: String, column: Int) -> [TeXToken] {
        let scalars = Array(text.unicodeScalars)
        var out: [TeXToken] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let at = column + i
            if c.properties.isWhitespace || c == "~" { i += 1; continue }
            if c == "\\" {
                var j = i + 1
                while j < scalars.count, isASCIILetter(scalars[j]) { j += 1 }
                if j == i + 1 {
                    // A control symbol: `\,`, `\{`, `\|`, `\!` — or a lone backslash at the end.
                    let symbol = j < scalars.count ? String(scalars[j]) : ""
                    out.append(TeXToken(kind: .command(symbol), column: at))
                    i = min(j + 1, scalars.count)
                } else {
                    out.append(TeXToken(kind: .command(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))), column: at))
                    i = j
                }
                continue
            }
            if isASCIILetter(c) {
                out.append(TeXToken(kind: .letter(Character(c)), column: at))
                i += 1
                continue
            }
            if isDigit(c) || (c == "." && i + 1 < scalars.count && isDigit(scalars[i + 1])) {
                var j = i
                var seenPoint = false
                while j < scalars.count, isDigit(scalars[j]) || (scalars[j] == "." && !seenPoint && j + 1 < scalars.count && isDigit(scalars[j + 1])) {
                    if scalars[j] == "." { seenPoint = true }
                    j += 1
                }
                out.append(TeXToken(kind: .number(String(String.UnicodeScalarView(scalars[i..<j]))), column: at))
                i = j
                continue
            }
            if let command = unicodeCommands[c] {
                out.append(TeXToken(kind: .command(command), column: at))
            } else if c == "\u{2212}" {
                out.append(TeXToken(kind: .symbol("-"), column: at))
            } else {
                out.append(TeXToken(kind: .symbol(Character(c)), column: at))
            }
            i += 1
        }
        out.append(TeXToken(kind: .end, column: column + scalars.count))
        return out
    }

    static let unicodeCommands: [Unicode.Scalar: String] = [
        "\u{00B7}": "cdot", "\u{22C5}": "cdot", "\u{00D7}": "times", "\u{2264}": "le", "\u{2265}": "ge",
        "\u{2260}": "ne", "\u{2248}": "approx", "\u{2211}": "sum", "\u{220F}": "prod", "\u{2207}": "nabla",
        "\u{2202}": "partial", "\u{03B5}": "epsilon",
    ]

    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
