import SwiftParser
import SwiftSyntax
import TutorialBase

/// Everything the engine reads from a swift block's syntax tree, read from
/// one parse of the block.
///
/// Parsing is the costly part of handling a block (swift-syntax builds the
/// whole tree), and four stages want the tree: the syntax check, the names a
/// derivation may use, the tangler's hoisting and the highlighter. They used
/// to parse the block once each; now the parser reads it once and hands the
/// later stages plain values.
package struct SwiftBlockReading: Sendable, Hashable {
    /// The block's first syntax problem, if any.
    package var problem: SwiftSyntaxCheck.Problem?
    /// Names the block declares at its top level, each at the block's fence line.
    package var declarations: [ChapterSymbols.Symbol]
    /// The block cut into what is hoisted to file scope and what runs in order.
    package var pieces: [DeclarationHoister.Piece]
    /// The highlighting: byte ranges of the code and their CSS classes.
    package var highlights: [SwiftHighlighter.Run]

    /// A block that is not parsed (its brackets nest too deep for the
    /// parser's time): one piece, plain text.
    static func unparsed(_ code: String) -> SwiftBlockReading {
        SwiftBlockReading(problem: nil, declarations: [], pieces: [DeclarationHoister.Piece(code: code, lineOffset: 0, hoisted: false)], highlights: [])
    }

    /// Parses `code` (the block whose fence is at chapter line `fenceLine`) once and reads it.
    package static func read(_ code: String, fenceLine: Int) -> SwiftBlockReading {
        let tree = Parser.parse(source: code)
        return SwiftBlockReading(
            problem: SwiftSyntaxCheck.firstProblem(in: tree),
            declarations: ChapterSymbols.declarations(in: tree, line: fenceLine),
            pieces: DeclarationHoister.split(code, tree: tree),
            highlights: SwiftHighlighter.runs(tree, byteCount: code.utf8.count))
    }
}
