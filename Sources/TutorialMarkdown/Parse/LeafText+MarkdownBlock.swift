import TutorialBase

extension LeafText {
    /// The text of `block` (a paragraph or heading) inside `containers`
    /// (outermost first); nil for other blocks.
    package init?(_ block: MarkdownBlock, containers: [Container], lines: SourceLines) {
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
}
