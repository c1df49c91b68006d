import TutorialBase

/// Finds a GFM pipe table in a paragraph's text (cmark 0.30 has no table
/// extension, so it reads a table as a paragraph).
///
/// GFM's rules, as cmark-gfm applies them: a header row, then a delimiter
/// row of cells `---`, `:--`, `--:` or `:-:` with as many cells as the
/// header, indented at most three spaces; then body rows up to the end of
/// the paragraph. A table may interrupt a paragraph: the lines before the
/// header stay a paragraph. Cells are split at each `|` that is not
/// backslash-escaped, even inside code spans, and `\|` becomes `|` before the
/// cell's inlines are read. Inside a block quote, a lazy line (one without
/// the quote's `>`) does not continue the table.
struct TableReader {
    /// One cell's text, with the chapter location of each character.
    typealias Cell = LeafText

    /// A table found in a paragraph.
    package struct Found {
        /// The paragraph's text before the header row, if any.
        package var before: LeafText?
        package var alignments: [MarkdownTable.Alignment?]
        package var header: [Cell]
        package var rows: [[Cell]]
        /// Lazy lines after the last row, which stay a paragraph.
        package var after: LeafText?
    }

    /// The table in `leaf`, or nil when it holds none.
    ///
    /// - Parameters:
    ///   - indent: the spaces before line `n`'s content (after container markers).
    ///   - isLazy: whether line `n` is a lazy continuation line.
    package static func find(in leaf: LeafText, indent: (Int) -> Int, isLazy: (Int) -> Bool) -> Found? {
        let lines = leaf.lines()
        guard lines.count >= 2 else { return nil }
        for h in 0..<(lines.count - 1) {
            let headerLine = leaf.slice(lines[h]), delimiterLine = leaf.slice(lines[h + 1])
            guard let delimiterNumber = delimiterLine.locations.first?.line,
                  !isLazy(delimiterNumber), indent(delimiterNumber) < 4,
                  let alignments = alignments(delimiterLine) else { continue }
            let header = cells(headerLine)
            guard header.count == alignments.count,
                  headerLine.scalars.contains("|") || delimiterLine.scalars.contains("|") else { continue }
            var rows: [[Cell]] = []
            var end = h + 2
            while end < lines.count, let number = leaf.slice(lines[end]).locations.first?.line, !isLazy(number) {
                var row = cells(leaf.slice(lines[end]))
                if row.count > header.count { row.removeLast(row.count - header.count) }
                while row.count < header.count { row.append(LeafText(scalars: [], locations: [leaf.slice(lines[end]).end])) }
                rows.append(row)
                end += 1
            }
            let before = h > 0 ? leaf.slice(lines[0].lowerBound..<(lines[h - 1].upperBound)) : nil
            let after = end < lines.count ? leaf.slice(lines[end].lowerBound..<lines[lines.count - 1].upperBound) : nil
            return Found(before: before, alignments: alignments, header: header, rows: rows, after: after)
        }
        return nil
    }

    /// The alignments of a delimiter row, or nil when the line is not one.
    package static func alignments(_ line: LeafText) -> [MarkdownTable.Alignment?]? {
        let parts = cells(line)
        guard !parts.isEmpty else { return nil }
        var result: [MarkdownTable.Alignment?] = []
        for part in parts {
            let s = part.scalars
            let left = s.first == ":", right = s.count > 1 && s.last == ":"
            let dashes = s.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : nil)
        }
        return result
    }

    /// A row's cells: split at unescaped `|`, the outer pipes dropped, each
    /// cell trimmed, `\|` turned into `|`.
    package static func cells(_ line: LeafText) -> [Cell] {
        var s = line.trimmed()
        if s.scalars.first == "|" { s = s.slice(1..<s.scalars.count) }
        if let last = s.scalars.indices.last, s.scalars[last] == "|", !s.isEscaped(last) { s = s.slice(0..<last) }
        var result: [Cell] = []
        var current = LeafText(scalars: [], locations: [])
        var i = 0
        while i < s.scalars.count {
            let c = s.scalars[i]
            if c == "\\" && i + 1 < s.scalars.count {
                // `\|` is a pipe in the cell; any other escape stays for the inline parser.
                if s.scalars[i + 1] != "|" { current.append(c, at: s.locations[i]) }
                current.append(s.scalars[i + 1], at: s.locations[i + 1])
                i += 2
                continue
            }
            if c == "|" {
                current.locations.append(s.locations[i])
                result.append(current.trimmed())
                current = LeafText(scalars: [], locations: [])
            } else {
                current.append(c, at: s.locations[i])
            }
            i += 1
        }
        current.locations.append(s.end)
        result.append(current.trimmed())
        return result
    }
}
