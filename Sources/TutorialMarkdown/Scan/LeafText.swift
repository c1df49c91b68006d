import TutorialBase

/// The text of one leaf block — a paragraph or a heading — as cmark reads
/// it, with the chapter location of every character.
///
/// Container markers are not part of it: on each line after the first, the
/// `>` of every enclosing block quote and the indentation of every enclosing
/// list item are stripped, as cmark strips them, so nothing the scanner
/// finds can reach across a block boundary. An ATX heading's `#` markers
/// (opening and closing) and a setext heading's underline are left out too.
struct LeafText {
    /// A block that holds other blocks.
    enum Container: Sendable, Hashable { case quote, item }

    /// The leaf's text.
    var scalars: [Unicode.Scalar] = []
    /// Where each scalar stands in the chapter, plus one entry for the end.
    var locations: [SourceLocation] = []

    /// A leaf of these characters; `locations` has one more entry than
    /// `scalars` (the end) or, while it is being built, as many.
    package init(scalars: [Unicode.Scalar], locations: [SourceLocation]) {
        self.scalars = scalars
        self.locations = locations
    }

    /// The index after the container markers of a continuation line; a lazy
    /// line (one without a quote's `>`) stops at its first character.
    static func contentStart(_ line: [Unicode.Scalar], containers: [Container]) -> Int {
        var i = 0
        for container in containers {
            while i < line.count && isSpace(line[i]) { i += 1 }
            guard container == .quote else { continue }
            guard i < line.count, line[i] == ">" else { break }
            i += 1
            if i < line.count && isSpace(line[i]) { i += 1 }
        }
        return i
    }

    /// Whether a continuation line is lazy: it lacks the `>` of an enclosing quote.
    static func isLazy(_ line: [Unicode.Scalar], containers: [Container]) -> Bool {
        var i = 0
        for container in containers {
            while i < line.count && isSpace(line[i]) { i += 1 }
            guard container == .quote else { continue }
            guard i < line.count, line[i] == ">" else { return true }
            i += 1
            if i < line.count && isSpace(line[i]) { i += 1 }
        }
        return false
    }

    /// The spaces before a continuation line's content, after its container markers.
    package static func indent(_ line: [Unicode.Scalar], containers: [Container]) -> Int {
        var i = contentStart(line, containers: containers)
        let start = i
        while i < line.count && isSpace(line[i]) { i += 1 }
        return i - start
    }

    /// An ATX heading's text without its optional closing `#`s (which must
    /// follow a space, or be all there is).
    static func withoutClosingSequence(_ line: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Int) {
        var e = end
        while e > start && isSpace(line[e - 1]) { e -= 1 }
        var k = e
        while k > start && line[k - 1] == "#" { k -= 1 }
        if k < e && (k == start || isSpace(line[k - 1])) { e = k }
        return (start, e)
    }

    package static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
}

extension LeafText {
    /// The location just past the last character.
    package var end: SourceLocation { locations.last ?? SourceLocation(line: 1, column: 1) }

    /// The scalar ranges of the leaf's lines, without their `\n`.
    package func lines() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (k, c) in scalars.enumerated() where c == "\n" {
            result.append(start..<k)
            start = k + 1
        }
        result.append(start..<scalars.count)
        return result
    }

    /// The characters in `range`, with their locations and the end.
    package func slice(_ range: Range<Int>) -> LeafText {
        let endLocation = range.upperBound < locations.count ? locations[range.upperBound] : end
        return LeafText(scalars: Array(scalars[range]), locations: Array(locations[range]) + [endLocation])
    }

    /// Without spaces and tabs at either end.
    package func trimmed() -> LeafText {
        var start = 0, stop = scalars.count
        while start < stop && Self.isSpace(scalars[start]) { start += 1 }
        while stop > start && Self.isSpace(scalars[stop - 1]) { stop -= 1 }
        return slice(start..<stop)
    }

    /// Whether the character at `index` follows an odd run of backslashes.
    func isEscaped(_ index: Int) -> Bool {
        var k = index - 1, count = 0
        while k >= 0 && scalars[k] == "\\" { count += 1; k -= 1 }
        return count % 2 == 1
    }

    /// The leaf's text.
    package var text: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    package mutating func append(_ c: Unicode.Scalar, at location: SourceLocation) {
        scalars.append(c)
        locations.append(location)
    }
}
