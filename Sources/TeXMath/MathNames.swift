/// Names written in TeX: `D_{KL}`, `\hat{y}`, `net_{h1}`, `MSE`.
///
/// A `% let` may declare any such name. The reader then matches its tokens
/// where it is written (`D_{KL}(p \| q)`), and the program binds it to a
/// Swift identifier made from the same letters (`D_KL`, `hat_y`).
package enum MathNames {
    /// The Swift identifier for a TeX name, or nil when the TeX holds
    /// something other than letters, digits, subscripts, groups and commands.
    package static func identifier(forTeX tex: String) -> String? {
        var out = ""
        for token in TeXLexer.tokens(tex, column: 1) {
            switch token.kind {
            case .letter(let c): out.append(c)
            case .number(let digits) where !digits.contains("."): out += digits
            case .command(let name) where name.first?.isLetter == true:
                if !out.isEmpty, out.last != "_" { out += "_" }
                out += name
                out += "_"
            case .symbol("_"): out += "_"
            case .symbol("{"), .symbol("}"), .symbol("'"), .end: continue
            default: return nil
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        while out.contains("__") { out = out.replacing("__", with: "_") }
        guard let first = out.first, first.isLetter else { return nil }
        return out
    }

    /// The tokens a TeX name is written with, without layout.
    static func pattern(_ tex: String) -> [TeXToken.Kind] {
        TeXLexer.tokens(tex, column: 1).filter { !TeXMathParser.isLayoutOnly($0) && $0.kind != .end }.map(\.kind)
    }
}
