import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Finds where a link's destination is written in the chapter, for messages:
/// cmark's tree keeps lines for blocks only. Destinations are looked for in
/// the block's lines in document order, each search starting where the last
/// one ended; one that is not written out (a reference link's, or one with
/// escapes) is reported at the block's first line.
struct LinkLocator {
    private let text: String
    /// The chapter's lines, split on the first look-up (most chapters have no local link).
    private lazy var lines: [[Unicode.Scalar]] = {
        var lines: [[Unicode.Scalar]] = [[]]
        for c in text.unicodeScalars {
            if c == "\n" { lines.append([]) } else { lines[lines.count - 1].append(c) }
        }
        return lines
    }()
    private var block: (start: Int, end: Int) = (0, 0)
    private var cursor = SourceLocation(line: 1, column: 1)

    package init(text: String) {
        self.text = text
    }

    /// The location of `destination` in `block`, after the previous one found there.
    package mutating func locate(_ destination: String, in block: MarkdownBlock) -> SourceLocation {
        if self.block != (block.startLine, block.endLine) {
            self.block = (block.startLine, block.endLine)
            cursor = SourceLocation(line: block.startLine, column: 1)
        }
        let needle = Array(destination.unicodeScalars)
        guard !needle.isEmpty else { return cursor }
        var line = cursor.line, from = cursor.column - 1
        while line <= block.endLine && line <= lines.count {
            let text = lines[line - 1]
            if needle.count <= text.count, from <= text.count - needle.count {
                for start in from...(text.count - needle.count) where text[start..<start + needle.count].elementsEqual(needle) {
                    cursor = SourceLocation(line: line, column: start + needle.count + 1)
                    return SourceLocation(line: line, column: start + 1)
                }
            }
            line += 1
            from = 0
        }
        return SourceLocation(line: block.startLine, column: 1)
    }
}
