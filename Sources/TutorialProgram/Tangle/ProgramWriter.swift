import TeXMath
import TutorialBase
import TutorialMarkdown
/// Accumulates a chapter program's text, with `#sourceLocation` directives
/// that map chapter code back to the chapter file.
package struct ProgramWriter {
    package let file: String
    private(set) var text = ""
    /// The same program without `#sourceLocation` lines and column padding:
    /// what the cache keys on, so that moving code within the chapter (an
    /// edit to the prose around it) does not invalidate the compiled program.
    private(set) var keyText = ""
    /// The chapter line of each `#sourceLocation` directive, in order.
    private(set) var chunkLines: [Int] = []

    package init(file: String) {
        self.file = file
    }

    /// Scaffolding of the engine's own, not from the chapter.
    package mutating func raw(_ line: String) {
        text += line + "\n"
        keyText += line + "\n"
    }

    /// Chapter code whose first line is chapter line `line`; `indent` spaces
    /// before each line restore the columns of code inside a list item or
    /// block quote.
    package mutating func located(line: Int, _ code: String, indent: Int = 0) {
        chunkLines.append(max(line, 1))
        text += "#sourceLocation(file: \(ValueQuote.swift(file)), line: \(max(line, 1)))\n"
        if indent > 0 {
            let pad = String(repeating: " ", count: indent)
            text += code.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n") + "\n"
        } else {
            text += code + "\n"
        }
        text += "#sourceLocation()\n"
        keyText += code + "\n"
    }

    /// Spaces at most before an expression. Padding every expression of a
    /// line to its own column made the program quadratic in the line's
    /// length (20,000 values in one paragraph: gigabytes of spaces); an
    /// expression further right starts at column `maxPadding + 1`, and
    /// `ChapterChecker.chapterColumns` moves a compile error in it back.
    package static let maxPadding = 1024

    /// `prefix` + EXPR + `suffix`, with EXPR on its own line at its chapter
    /// line and column (up to ``maxPadding``), so compiler messages about it
    /// point at the chapter.
    package mutating func expression(prefix: String, _ expression: String, suffix: String, at location: SourceLocation) {
        chunkLines.append(max(location.line - 1, 1))
        text += "#sourceLocation(file: \(ValueQuote.swift(file)), line: \(max(location.line - 1, 1)))\n"
        text += prefix + "\n"
        text += String(repeating: " ", count: min(max(location.column - 1, 0), Self.maxPadding)) + expression + suffix + "\n"
        text += "#sourceLocation()\n"
        keyText += prefix + "\n" + expression + suffix + "\n"
    }

    /// One line of engine-written code that stands for chapter line `line`:
    /// placed at `column`, so that a compile error in it points there.
    package mutating func line(_ code: String, at line: Int, column: Int) {
        chunkLines.append(max(line, 1))
        text += "#sourceLocation(file: \(ValueQuote.swift(file)), line: \(max(line, 1)))\n"
        text += String(repeating: " ", count: max(column - 1, 0)) + code + "\n"
        text += "#sourceLocation()\n"
        keyText += code + "\n"
    }

    /// Appends what another writer for the same file wrote.
    package mutating func append(_ other: ProgramWriter) {
        text += other.text
        keyText += other.keyText
    }
}
