import TutorialBase

/// One entry of the delimiter stack that cmark-gfm's inline parser keeps:
/// a run of `*`, `_` or `~` (or, with smart punctuation, one `'` or `"`)
/// that may open or close something.
///
/// Its characters are used from the inside out: an opener gives up the ones
/// at its end, next to what it encloses, and a closer the ones at its start.
/// `start` is the run's first character in the paragraph's text.
struct DelimiterRun {
    var character: Unicode.Scalar
    var start: Int
    /// The length the run was scanned with: cmark-gfm's "multiple of 3" rule reads it.
    var length: Int
    var canOpen: Bool
    var canClose: Bool
    /// Characters used as a closer (from the start) and as an opener (from the end).
    var usedFromStart = 0
    var usedFromEnd = 0
    /// For a tilde run, the place of its first tilde among the tildes that reach text.
    var firstTilde = 0
    /// Still on the stack.
    var live = true
    /// Taken off the stack by a strikethrough closer that matched across it: that closer's place.
    var strandedBy: Int?
    /// A smart quote that a later one closed: it is shown as a left quote.
    var openedQuote = false

    var remaining: Int { length - usedFromStart - usedFromEnd }

    /// The characters not yet used, as positions in the paragraph's text.
    var unused: Range<Int> { (start + usedFromStart)..<(start + length - usedFromEnd) }

    /// Flanking as CommonMark defines it, from the characters on either side
    /// of the run (nil beyond either end of the paragraph, which counts as white space).
    static func flanking(before: Unicode.Scalar?, after: Unicode.Scalar?) -> (left: Bool, right: Bool) {
        let spaceBefore = before.map(isSpace) ?? true, spaceAfter = after.map(isSpace) ?? true
        let punctBefore = before.map(Strikethrough.isPunctuation) ?? false
        let punctAfter = after.map(Strikethrough.isPunctuation) ?? false
        let left = !spaceAfter && !(punctAfter && !spaceBefore && !punctBefore)
        let right = !spaceBefore && !(punctBefore && !spaceAfter && !punctAfter)
        return (left, right)
    }

    /// cmark's white space: tab, line feed, form feed, carriage return and the space separators.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        [9, 10, 12, 13].contains(c.value) || c.properties.generalCategory == .spaceSeparator
    }
}
