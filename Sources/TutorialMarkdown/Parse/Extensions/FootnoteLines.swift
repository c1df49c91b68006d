import TutorialBase

/// Finds the lines of footnote definitions (`[^label]: text`) before cmark
/// reads the chapter, and hides them from it.
///
/// cmark would read `[^1]: Note.` as a link reference definition, and
/// `[^1]: A longer note` as a paragraph of the text around it. So a chapter
/// that has `[^` is read twice: once whole, to see which lines are prose at
/// the top level (not code, lists or quotes); then with each definition's
/// lines blank, and each definition alone with its marker `[^label]:`
/// masked by as many U+E002 as it has characters — so every column, and so
/// every diagnostic, stays where it is in the chapter. A note's later
/// paragraphs are indented four spaces; their indent is taken off for
/// cmark, and put back on the columns of what is found in them.
struct FootnoteLines {
    /// One definition's place.
    package struct Found: Sendable, Hashable {
        package var label: String
        /// The line and column of the `[`.
        package var location: SourceLocation
        /// The definition's lines, marker line first.
        package var lines: ClosedRange<Int>
        /// The lines of its later paragraphs, each indented four spaces
        /// (Pandoc's rule), with the indent the note's reading leaves out.
        var indents: [Int: Int] = [:]
    }

    /// The character that masks a definition's marker.
    package static let mask: Unicode.Scalar = "\u{E002}"

    /// The definitions in `lines`, given cmark's reading `blocks` of them.
    package static func find(_ lines: SourceLines, blocks: [MarkdownBlock]) -> [Found] {
        // What starts or covers each line at the top level.
        var starts: Set<Int> = []
        var covered: [Int: Bool] = [:]  // line → covered by a paragraph
        for block in blocks {
            starts.insert(block.startLine)
            let isParagraph = if case .paragraph = block.kind { true } else { false }
            for line in block.startLine...max(block.startLine, block.endLine) { covered[line] = isParagraph }
        }
        var marked: [(line: Int, label: String, column: Int)] = []
        for number in 1...max(lines.count, 1) where covered[number] ?? true {
            if let (label, column) = marker(lines[number]) { marked.append((number, label, column)) }
        }
        let markedLines = Set(marked.map(\.line))
        return marked.map { entry in
            var last = entry.line
            // Up to a blank line, the next definition, or a line where cmark saw another block start.
            while last + 1 <= lines.count, !lines[last + 1].allSatisfy({ $0 == " " || $0 == "\t" }),
                  !markedLines.contains(last + 1), !starts.contains(last + 1)
            {
                last += 1
            }
            // Later paragraphs: after blank lines, lines indented four spaces or more.
            var indents: [Int: Int] = [:]
            while true {
                var next = last + 1
                while next <= lines.count && isBlank(lines[next]) { next += 1 }
                guard next <= lines.count, indent(lines[next]) >= 4, !markedLines.contains(next) else { break }
                while next <= lines.count && !isBlank(lines[next]) && indent(lines[next]) >= 4 {
                    indents[next] = 4
                    last = next
                    next += 1
                }
            }
            return Found(label: entry.label, location: SourceLocation(line: entry.line, column: entry.column),
                         lines: entry.line...last, indents: indents)
        }
    }

    static func isBlank(_ line: [Unicode.Scalar]) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Leading spaces, a tab counting as four.
    package static func indent(_ line: [Unicode.Scalar]) -> Int {
        var width = 0
        for c in line {
            if c == " " { width += 1 } else if c == "\t" { width += 4 - width % 4 } else { break }
        }
        return width
    }

    /// The label and the 1-based column of a line that starts a definition:
    /// at most three spaces, `[^`, a label without spaces or brackets, `]:`.
    package static func marker(_ line: [Unicode.Scalar]) -> (label: String, column: Int)? {
        var i = 0
        while i < line.count && line[i] == " " && i < 3 { i += 1 }
        guard i + 1 < line.count, line[i] == "[", line[i + 1] == "^" else { return nil }
        var j = i + 2
        while j < line.count && line[j] != "]" && line[j] != "[" && !line[j].properties.isWhitespace { j += 1 }
        guard j > i + 2, j + 1 < line.count, line[j] == "]", line[j + 1] == ":" else { return nil }
        return (String(String.UnicodeScalarView(line[(i + 2)..<j])), i + 1)
    }

    /// The chapter's lines with every definition's marker masked.
    static func masked(_ lines: SourceLines, _ found: [Found]) -> [[Unicode.Scalar]] {
        var result = (1...max(lines.count, 1)).map { lines[$0] }
        for entry in found {
            let k = entry.location.line - 1
            let start = entry.location.column - 1
            let length = entry.label.unicodeScalars.count + 4  // [^ label ]:
            for c in start..<(start + length) { result[k][c] = mask }
            for (line, width) in entry.indents {
                // Four columns of indent, read as spaces or a tab.
                var taken = 0
                var i = 0
                while taken < width && i < result[line - 1].count {
                    taken += result[line - 1][i] == "\t" ? 4 - taken % 4 : 1
                    i += 1
                }
                result[line - 1].removeFirst(i)
            }
        }
        return result
    }

    /// The text cmark reads for the chapter: the definitions' lines blank.
    static func mainText(_ masked: [[Unicode.Scalar]], _ found: [Found]) -> String {
        let hidden = Set(found.flatMap { Array($0.lines) })
        return join(masked) { !hidden.contains($0) }
    }

    /// The text cmark reads for one definition: every other line blank.
    static func noteText(_ masked: [[Unicode.Scalar]], _ entry: Found) -> String {
        join(masked) { entry.lines.contains($0) }
    }

    /// Every line, the markers masked: what the leaves' columns are read from.
    static func allText(_ masked: [[Unicode.Scalar]]) -> String {
        join(masked) { _ in true }
    }

    private static func join(_ lines: [[Unicode.Scalar]], keeping keep: (Int) -> Bool) -> String {
        var text = String.UnicodeScalarView()
        for (k, line) in lines.enumerated() {
            if k > 0 { text.append("\n") }
            if keep(k + 1) { text.append(contentsOf: line) }
        }
        return String(text)
    }

    /// A note's blocks without the mask (and the space after it) at the start of its first paragraph.
    static func unmasked(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        guard case .paragraph(var inlines)? = blocks.first?.kind, case .text(let text)? = inlines.first else { return blocks }
        let rest = String(String.UnicodeScalarView(text.unicodeScalars.drop(while: { $0 == mask || $0 == " " || $0 == "\t" })))
        if rest.isEmpty { inlines.removeFirst() } else { inlines[0] = .text(rest) }
        if case .softBreak? = inlines.first { inlines.removeFirst() }
        var blocks = blocks
        blocks[0].kind = .paragraph(inlines)
        return blocks
    }
}
