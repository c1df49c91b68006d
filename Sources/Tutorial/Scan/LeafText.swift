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

    /// The text of `block` (a paragraph or heading) inside `containers`
    /// (outermost first); nil for other blocks.
    init?(_ block: MarkdownBlock, containers: [Container], lines: SourceLines) {
        let last: Int
        var atx = false
        switch block.kind {
        case .paragraph: last = block.endLine
        case .heading where block.endLine > block.startLine: last = block.endLine - 1  // setext: not the underline
        case .heading: last = block.startLine; atx = true
        default: return nil
        }
        guard block.startLine >= 1, last <= lines.count else { return nil }
        for number in block.startLine...max(block.startLine, last) {
            let line = lines[number]
            var start = number == block.startLine
                ? lines.scalarIndex(line: number, byteColumn: block.startColumn)
                : Self.contentStart(line, containers: containers)
            var end = line.count
            if atx {
                while start < end && line[start] == "#" { start += 1 }
                (start, end) = Self.withoutClosingSequence(line, start, end)
            }
            while start < end && Self.isSpace(line[start]) { start += 1 }
            if number == last || atx {
                while end > start && Self.isSpace(line[end - 1]) { end -= 1 }
            }
            if number > block.startLine {
                scalars.append("\n")
                locations.append(SourceLocation(line: number - 1, column: lines[number - 1].count + 1))
            }
            for k in start..<max(start, end) {
                scalars.append(line[k])
                locations.append(SourceLocation(line: number, column: k + 1))
            }
        }
        locations.append(SourceLocation(line: last, column: (locations.last?.column ?? 0) + 1))
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
    static func indent(_ line: [Unicode.Scalar], containers: [Container]) -> Int {
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

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
}

/// A chapter's lines, split where cmark splits them (`\n`, `\r\n` or `\r`).
struct SourceLines {
    private var lines: [[Unicode.Scalar]] = []
    /// For each line that is not all ASCII, the UTF-8 offset of each of its
    /// scalars and of its end (empty for an ASCII line, whose offsets are the
    /// indices): column conversions cost O(1), not O(column), so a line
    /// with 20,000 values is not quadratic.
    private var byteOffsets: [[Int]] = []

    init(_ text: String) {
        var current: [Unicode.Scalar] = []
        var afterCR = false
        for c in text.unicodeScalars {
            if afterCR && c == "\n" { afterCR = false; continue }
            afterCR = c == "\r"
            if c == "\n" || c == "\r" {
                lines.append(current)
                current = []
            } else {
                current.append(c)
            }
        }
        lines.append(current)
        byteOffsets = lines.map { line in
            guard !line.allSatisfy(\.isASCII) else { return [] }
            var offsets = [0]
            offsets.reserveCapacity(line.count + 1)
            for c in line { offsets.append(offsets[offsets.count - 1] + UTF8.width(c)) }
            return offsets
        }
    }

    /// How many lines there are.
    var count: Int { lines.count }

    /// Line `number` (1-based); empty past the end.
    subscript(number: Int) -> [Unicode.Scalar] {
        lines.indices.contains(number - 1) ? lines[number - 1] : []
    }

    /// The scalar index of cmark's byte column `byteColumn` (1-based) on line `line`.
    func scalarIndex(line: Int, byteColumn: Int) -> Int {
        let count = self[line].count
        let target = max(byteColumn - 1, 0)
        guard lines.indices.contains(line - 1), !byteOffsets[line - 1].isEmpty else { return min(target, count) }
        // The first scalar whose offset reaches the target (binary search over the sorted offsets).
        let offsets = byteOffsets[line - 1]
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if offsets[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The UTF-8 column of scalar column `column` on line `line` (what swiftc counts).
    func byteColumn(line: Int, column: Int) -> Int {
        let k = min(max(column - 1, 0), self[line].count)
        guard lines.indices.contains(line - 1), !byteOffsets[line - 1].isEmpty else { return k + 1 }
        return byteOffsets[line - 1][k] + 1
    }
}

extension LeafText {
    /// A leaf of these characters; `locations` has one more entry than
    /// `scalars` (the end) or, while it is being built, as many.
    init(scalars: [Unicode.Scalar], locations: [SourceLocation]) {
        self.scalars = scalars
        self.locations = locations
    }

    /// The location just past the last character.
    var end: SourceLocation { locations.last ?? SourceLocation(line: 1, column: 1) }

    /// The scalar ranges of the leaf's lines, without their `\n`.
    func lines() -> [Range<Int>] {
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
    func slice(_ range: Range<Int>) -> LeafText {
        let endLocation = range.upperBound < locations.count ? locations[range.upperBound] : end
        return LeafText(scalars: Array(scalars[range]), locations: Array(locations[range]) + [endLocation])
    }

    /// Without spaces and tabs at either end.
    func trimmed() -> LeafText {
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
    var text: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    mutating func append(_ c: Unicode.Scalar, at location: SourceLocation) {
        scalars.append(c)
        locations.append(location)
    }
}
