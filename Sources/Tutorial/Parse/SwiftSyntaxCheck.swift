import SwiftParser
import SwiftSyntax

/// Checks that a swift block parses on its own before it is woven into the
/// chapter program.
///
/// Inside the program a stray `}` would close the engine's own function and
/// swiftc would report it far from the block; parsing the block alone finds
/// it where the author wrote it.
enum SwiftSyntaxCheck {
    struct Problem {
        /// 1-based line and column within the block.
        var line: Int
        var column: Int
        var message: String
    }

    static func firstProblem(in code: String) -> Problem? {
        let tree = Parser.parse(source: code)
        guard tree.hasError else { return nil }
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        let finder = ProblemFinder(viewMode: .all)
        finder.walk(tree)
        guard let (position, message) = finder.found else { return nil }
        let location = converter.location(for: position)
        return Problem(line: location.line, column: location.column, message: message)
    }

    private final class ProblemFinder: SyntaxVisitor {
        var found: (AbsolutePosition, String)?

        override func visit(_ node: UnexpectedNodesSyntax) -> SyntaxVisitorContinueKind {
            if found == nil {
                let text = node.trimmedDescription
                let shown = text.count > 20 ? String(text.prefix(20)) + "…" : text
                found = (node.positionAfterSkippingLeadingTrivia, "unexpected '\(shown)': this block is not valid Swift on its own (check its braces, brackets and quotes)")
            }
            return .skipChildren
        }

        override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
            if found == nil, token.presence == .missing {
                found = (token.position, "expected '\(token.text)' here: this block is not valid Swift on its own (check its braces, brackets and quotes)")
            }
            return .skipChildren
        }
    }
}
