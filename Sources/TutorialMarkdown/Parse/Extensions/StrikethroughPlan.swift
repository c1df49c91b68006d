import TutorialBase

/// What GFM's delimiter algorithm makes of a paragraph's tildes, found
/// before cmark reads the paragraph, and the text cmark should read instead.
///
/// cmark pairs `*` and `_` without knowing tildes, but in GFM a `~~` closer
/// that matches its opener takes every delimiter between them off the stack
/// (`~~a *b~~ c*` is `<del>a *b</del> c*`). So the paragraph is first walked
/// as cmark-gfm walks it (`InlineSubject`), and each `*` or `_` that a
/// strikethrough strands is escaped (`\*`), and each smart quote is
/// written as the curly quote cmark-gfm shows, so that cmark pairs the rest
/// as cmark-gfm does. An escape is punctuation like what it escapes, so no
/// other run's flanking changes; and cmark gives inlines no positions, so
/// the extra backslashes move nothing that is reported.
///
/// The tildes that reach text are listed in order with the pair they open
/// or close, if any: `Strikethrough` finds them again in cmark's reading.
struct StrikethroughPlan: Equatable {
    /// What a tilde in text does.
    enum Role: Equatable {
        case text
        case opens(Int)
        case closes(Int)
    }

    /// The paragraph as cmark should read it.
    package var text: String
    /// One role per tilde that cmark leaves in text, in document order.
    var tildes: [Role]

    /// The invisible characters put beside a `*` or `_` run that touches
    /// tildes. cmark-gfm reads such a run's flanking from the characters
    /// beyond the tildes (`foo~~*bar~~*baz` has emphasis), cmark from the
    /// tilde itself; so cmark is shown a hair space (white space) or a word
    /// joiner (a letter) in between, and `Strikethrough` takes them out of
    /// its reading again. A paragraph that holds either character gets none.
    static let lookalikes: Set<Unicode.Scalar> = ["\u{200A}", "\u{2060}"]

    /// The plan for `text`; nil when it has no tilde (nothing to do).
    ///
    /// - Parameters:
    ///   - smart: whether `'` and `"` are smart quotes (delimiters too).
    ///   - isDefined: whether a link label, as written, names a reference definition.
    package static func make(_ text: String, smart: Bool, isDefined: @escaping (String) -> Bool) -> StrikethroughPlan? {
        guard text.unicodeScalars.contains("~") else { return nil }
        var subject = InlineSubject(text, smart: smart, isDefined: isDefined)
        subject.walk()
        let runs = subject.stack.runs
        var tildes = Array(repeating: Role.text, count: subject.tildes)
        for (pair, (opener, closer)) in subject.stack.struck.enumerated() {
            for k in 0..<runs[opener].length { tildes[runs[opener].firstTilde + k] = .opens(pair) }
            for k in 0..<runs[closer].length { tildes[runs[closer].firstTilde + k] = .closes(pair) }
        }
        var scalars = Array(text.unicodeScalars)
        // What to put before which character: stand-ins beside runs, escapes in them.
        var insertions: [(at: Int, scalar: Unicode.Scalar)] = []
        if !scalars.contains(where: lookalikes.contains) {
            for (at, lookalike) in subject.neighbours.reversed() { if let l = lookalike { insertions.append((at, l)) } }
        }
        for run in runs where run.remaining > 0 && (run.character == "*" || run.character == "_") {
            guard let closer = run.strandedBy else { continue }
            // A run that gave some characters to emphasis loses its length in cmark's
            // "multiple of 3" rule when the rest is escaped, so it is escaped only when
            // a later run could close it.
            if run.remaining < run.length,
               !runs[(closer + 1)...].contains(where: { $0.character == run.character && $0.canClose }) { continue }
            for k in run.unused { insertions.append((k, "\\")) }
        }
        // Smart quotes are written as the curly quotes cmark-gfm shows, so cmark pairs none.
        for (at, curly) in subject.quotes { scalars[at] = curly }
        for run in runs where run.openedQuote { scalars[run.start] = run.character == "'" ? "\u{2018}" : "\u{201C}" }
        // In one pass; at one place the stand-in goes before the escape.
        insertions.sort { ($0.at, $0.scalar == "\\" ? 1 : 0) < ($1.at, $1.scalar == "\\" ? 1 : 0) }
        var out = String.UnicodeScalarView()
        var next = 0
        for (k, c) in scalars.enumerated() {
            while next < insertions.count && insertions[next].at == k { out.append(insertions[next].scalar); next += 1 }
            out.append(c)
        }
        for insertion in insertions[next...] { out.append(insertion.scalar) }
        return StrikethroughPlan(text: String(out), tildes: tildes)
    }
}
