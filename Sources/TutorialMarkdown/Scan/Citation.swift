import TutorialBase

/// A Pandoc citation: `[@bishop2006]`, `[@bishop2006, p. 12]`,
/// `[see @a; @b]`, `[-@bishop2006]` in brackets, or `@bishop2006` bare in
/// the text. Author–year: "(Bishop, 2006)" in brackets, "Bishop (2006)" bare.
public struct Citation: Sendable, Hashable {
    /// One cited work.
    public struct Item: Sendable, Hashable {
        /// The bibliography key.
        public var key: String
        /// Text before the key (`see`).
        package var prefix: String
        /// Text after it (`p. 12`), without the comma.
        package var locator: String
        /// `-@key`: the year only, when the author is named in the sentence.
        package var suppressAuthor: Bool
        /// Where the `@` stands.
        package var location: SourceLocation
    }

    /// The works, in the order written.
    package var items: [Item]
    /// In brackets (parenthetical) or bare (in the sentence).
    package var bracketed: Bool

    /// Whether `c` may be inside a key (letters, digits, `_`; `:.-/+` inside).
    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c == "_"
    }

    static func isInnerKeyPunctuation(_ c: Unicode.Scalar) -> Bool {
        c == ":" || c == "." || c == "-" || c == "/" || c == "+"
    }

    /// The end of a key starting at `i` in `s` (internal punctuation only before more key characters).
    static func keyEnd(_ s: [Unicode.Scalar], from i: Int, limit: Int) -> Int {
        var j = i
        while j < limit {
            if isKeyCharacter(s[j]) { j += 1 } else if isInnerKeyPunctuation(s[j]), j + 1 < limit, isKeyCharacter(s[j + 1]) { j += 1 } else { break }
        }
        return j
    }
}
