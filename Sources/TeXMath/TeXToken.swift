/// One token of a derivation step's TeX, with the column it starts at.
///
/// The reader sees TeX as a flat stream: a command such as `\frac` or
/// `\sum`, a letter (each letter of `xy` is its own token, as TeX reads it),
/// a number (`0.6285`), a symbol (`+`, `(`, `_`, `{`, `&`), or the end.
struct TeXToken: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        /// `\name` (letters), or a control symbol such as `\,` or `\{` (`name` is the symbol).
        case command(String)
        /// One letter, `a`–`z` or `A`–`Z`.
        case letter(Character)
        /// Digits with at most one decimal point, as written.
        case number(String)
        /// Any other character: `+ - * / = < > ( ) [ ] | , ; : ! ' ^ _ { } &`.
        case symbol(Character)
        case end
    }

    var kind: Kind
    /// 1-based column on the chapter line, in Unicode scalars.
    var column: Int

    /// The token as the author wrote it, for messages: `\frac`, `x`, `0.5`, `(`.
    var description: String {
        switch kind {
        case .command(let name): return name.first?.isLetter == true ? "\\" + name : "\\" + name
        case .letter(let c): return String(c)
        case .number(let text): return text
        case .symbol(let c): return String(c)
        case .end: return "the end of the step"
        }
    }

    func isSymbol(_ c: Character) -> Bool { kind == .symbol(c) }
    func isCommand(_ name: String) -> Bool { kind == .command(name) }
}
