import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Reads the LaTeX in a BibTeX value as plain text: accents (`{\"o}`,
/// `\'{e}`, `\c{c}`, `\v s`), special letters (`\ss`, `\o`, `\ae`, `\l`,
/// `\i`), escaped characters (`\&`, `\%`, `\_`), `--` and `---` as dashes,
/// `~` as a no-break space; braces, which only protect case, are dropped.
enum LaTeXText {
    /// The combining mark of each accent command.
    static let accents: [Character: Unicode.Scalar] = [
        "`": "\u{0300}", "'": "\u{0301}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}", "u": "\u{0306}",
        ".": "\u{0307}", "\"": "\u{0308}", "r": "\u{030A}", "H": "\u{030B}", "v": "\u{030C}", "c": "\u{0327}",
        "k": "\u{0328}", "d": "\u{0323}", "b": "\u{0331}",
    ]
    /// Letters with a command of their own.
    static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
    ]

    /// `text` as plain Unicode text.
    package static func plain(_ text: String) -> String {
        let c = Array(text)
        var out = ""
        var i = 0
        while i < c.count {
            switch c[i] {
            case "{", "}":
                i += 1
            case "~":
                out.append("\u{00A0}")
                i += 1
            case "-" where i + 1 < c.count && c[i + 1] == "-":
                let em = i + 2 < c.count && c[i + 2] == "-"
                out.append(em ? "—" : "–")
                i += em ? 3 : 2
            case "\\" where i + 1 < c.count:
                i = command(c, at: i, into: &out)
            default:
                out.append(c[i])
                i += 1
            }
        }
        return out.precomposedStringWithCanonicalMapping
    }

    /// Reads the command at `i` (a backslash) into `out`; returns the index after it.
    private static func command(_ c: [Character], at i: Int, into out: inout String) -> Int {
        let next = c[i + 1]
        if let mark = accents[next], !(next.isLetter && i + 2 < c.count && c[i + 2].isLetter) {
            // The accented letter: `\'e`, `\'{e}`, `\v s`, `\'{\i}`.
            var j = i + 2
            while j < c.count && c[j] == " " && next.isLetter { j += 1 }
            var braced = false
            if j < c.count && c[j] == "{" { braced = true; j += 1 }
            var base = ""
            if j + 1 < c.count && c[j] == "\\" && (c[j + 1] == "i" || c[j + 1] == "j") {
                base = String(c[j + 1])
                j += 2
            } else if j < c.count {
                base = String(c[j])
                j += 1
            }
            if braced && j < c.count && c[j] == "}" { j += 1 }
            out += base
            out.unicodeScalars.append(mark)
            return j
        }
        if next.isLetter {
            var j = i + 1
            while j < c.count && c[j].isLetter { j += 1 }
            let name = String(c[(i + 1)..<j])
            if j < c.count && c[j] == " " { j += 1 }
            out += letters[name] ?? ""
            return j
        }
        out.append(next)  // \& \% \$ \_ \# \{ \}
        return i + 2
    }
}
