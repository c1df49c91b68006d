import TutorialBase

/// Pandoc's attributes at the end of a heading: `## Softmax {#sec:softmax}`.
///
/// `{#id}` gives the heading that id; an id that starts with `sec:` can be
/// referred to as `@sec:id` ("Section 2.3"). Anything else in the braces —
/// a class `.unnumbered`, a `key=value` — is not understood: it is reported,
/// and never shown as text.
enum HeadingAttributes {
    /// What a heading's trailing braces said.
    struct Read {
        /// The heading's inlines without the braces.
        package var inlines: [MarkdownInline]
        /// The id, if the braces gave one the engine understands.
        package var id: String?
        /// What is wrong with the braces, if anything.
        package var problem: String?
    }

    /// The trailing `{…}` of a heading's inlines; nil when there is none.
    package static func read(_ inlines: [MarkdownInline]) -> Read? {
        guard case .text(let text)? = inlines.last else { return nil }
        let trimmed = text.reversed().drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.first == "}", let open = text.lastIndex(of: "{") else { return nil }
        let close = text.index(text.startIndex, offsetBy: text.count - text.reversed().prefix(while: { $0 == " " || $0 == "\t" }).count - 1)
        let inside = text[text.index(after: open)..<close]
        guard inside.first == "#" || inside.first == "." || inside.contains("=") else { return nil }
        var rest = inlines
        let before = String(text[..<open]).replacingOccurrences(of: #"[ \t]+$"#, with: "", options: .regularExpression)
        if before.isEmpty { rest.removeLast() } else { rest[rest.count - 1] = .text(before) }
        let words = inside.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var id: String?
        var problems: [String] = []
        for word in words {
            if word.hasPrefix("#"), id == nil, word.count > 1, isID(word.dropFirst()) {
                id = String(word.dropFirst())
            } else {
                problems.append(String(word))
            }
        }
        let problem = problems.isEmpty ? nil
            : "the heading attribute \(problems.map { "'\($0)'" }.joined(separator: ", ")) is not understood: a heading takes only an id, {#sec:NAME}, which @sec:NAME refers to"
        return Read(inlines: rest, id: id, problem: problem)
    }

    /// Letters, digits, `-`, `_`, and `:` after a word (`sec:name`).
    static func isID(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" }
    }
}
