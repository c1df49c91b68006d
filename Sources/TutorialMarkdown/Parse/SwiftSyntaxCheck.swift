import SwiftParser
import SwiftSyntax
import TutorialBase

/// Checks that a swift block parses on its own before it is woven into the
/// chapter program.
///
/// Inside the program a stray `}` would close the engine's own function and
/// swiftc would report it far from the block; parsing the block alone finds
/// it where the author wrote it.
package enum SwiftSyntaxCheck {
    package struct Problem: Sendable, Hashable {
        /// 1-based line and column within the block.
        package var line: Int
        package var column: Int
        package var message: String
    }

    /// How deep brackets may nest in a block, all kinds together and `[`
    /// alone. swift-syntax's parser takes time exponential in the depth of
    /// unclosed `[` (each one doubles it: 15 took seconds, 21 took 14 s, in a
    /// debug build), so a block past either depth is reported instead of parsed.
    static let nestingLimit = 16
    static let squareNestingLimit = 8

    /// The first problem of a parsed block, or nil when it has none.
    static func firstProblem(in tree: SourceFileSyntax) -> Problem? {
        guard tree.hasError else { return nil }
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        let finder = ProblemFinder(viewMode: .all)
        finder.walk(tree)
        guard let (position, message) = finder.found else { return nil }
        let location = converter.location(for: position)
        return Problem(line: location.line, column: location.column, message: message)
    }

    /// Where brackets first nest deeper than `nestingLimit` (or `[` deeper
    /// than `squareNestingLimit`), counting every `(`, `[` and `{` outside
    /// string literals and comments (closed by any closing bracket, so
    /// unclosed ones count).
    static func tooDeep(_ code: String) -> Problem? {
        var depth = 0, square = 0, line = 1, column = 0
        var inString = false, inLineComment = false, previous: Unicode.Scalar = " "
        for c in code.unicodeScalars {
            column += 1
            defer { previous = c }
            // A string literal on one line ends with it (a multi-line one's lines are counted as code).
            if c == "\n" { line += 1; column = 0; inLineComment = false; inString = false; continue }
            if inLineComment { continue }
            if inString {
                if c == "\"" && previous != "\\" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "/" where previous == "/": inLineComment = true
            case "(", "[", "{":
                depth += 1
                if c == "[" { square += 1 }
                if depth > nestingLimit || square > squareNestingLimit {
                    let what = depth > nestingLimit ? "brackets nest more than \(nestingLimit)" : "square brackets nest more than \(squareNestingLimit)"
                    return Problem(line: line, column: column,
                        message: "\(what) deep here (or are left open); split the expression")
                }
            case ")", "]", "}":
                depth = max(depth - 1, 0)
                if c == "]" { square = max(square - 1, 0) }
            default: break
            }
        }
        return nil
    }

    private final class ProblemFinder: SyntaxVisitor {
        package var found: (AbsolutePosition, String)?

        package override func visit(_ node: UnexpectedNodesSyntax) -> SyntaxVisitorContinueKind {
            if found == nil {
                let text = node.trimmedDescription
                let shown = text.count > 20 ? String(text.prefix(20)) + "…" : text
                found = (node.positionAfterSkippingLeadingTrivia, "unexpected '\(shown)': this block is not valid Swift on its own (check its braces, brackets and quotes)")
            }
            return .skipChildren
        }

        package override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
            if found == nil, token.presence == .missing {
                found = (token.position, "expected '\(token.text)' here: this block is not valid Swift on its own (check its braces, brackets and quotes)")
            }
            return .skipChildren
        }
    }
}
