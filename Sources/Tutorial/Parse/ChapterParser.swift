/// Scan and parse: turns a chapter's text into a `ChapterDocument`.
///
/// cmark locates the code and HTML blocks first; the scanner then finds the
/// tutorial's spans in everything else; swift and derivation blocks are read
/// from the code blocks.
public enum ChapterParser {
    /// Parses one chapter; problems found on the way (an unbalanced `\(`, an
    /// unknown block option, a malformed derivation) are in `diagnostics`.
    public static func parse(_ source: ChapterSource) -> ChapterDocument {
        let blocks = CommonMark.blocks(in: source.text)
        var skipped = Set<Int>()
        for block in blocks { skipped.formUnion(block.startLine...max(block.startLine, block.endLine)) }
        let scanned = Scanner.scan(source.text, file: source.path, skippedLines: skipped)

        var diagnostics = scanned.diagnostics
        var swiftBlocks: [SwiftBlock] = []
        var derivations: [Derivation] = []
        var codeIndex = 0
        var syntaxErrors = false
        var symbols = ChapterSymbols()
        for block in blocks {
            guard case .code(let info, let literal) = block.kind else { continue }
            defer { codeIndex += 1 }
            let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            switch words.first {
            case "swift":
                var options = Set(words.dropFirst())
                let known: Set<String> = ["hide", "norun", "output"]
                for unknown in options.subtracting(known).sorted() {
                    diagnostics.append(Diagnostic(file: source.path, line: block.startLine,
                        "unknown option '\(unknown)' for a swift block; the options are hide, norun and output"))
                    options.remove(unknown)
                }
                if !options.contains("norun"), let problem = SwiftSyntaxCheck.firstProblem(in: literal) {
                    let indent = max(block.startColumn - 1, 0)
                    diagnostics.append(Diagnostic(file: source.path, line: block.contentLine + problem.line - 1,
                                                  column: problem.column + indent, problem.message))
                    syntaxErrors = true
                }
                let swiftBlock = SwiftBlock(
                    index: swiftBlocks.count, codeBlockIndex: codeIndex, code: literal,
                    fenceLine: block.startLine, firstCodeLine: block.contentLine, indent: max(block.startColumn - 1, 0),
                    hidden: options.contains("hide"), runs: !options.contains("norun"),
                    showsOutput: options.contains("output"))
                swiftBlocks.append(swiftBlock)
                if swiftBlock.runs && !syntaxErrors { symbols.symbols += ChapterSymbols.collect(from: [swiftBlock]).symbols }
            case "derivation":
                let (derivation, problems) = DerivationParser.parse(
                    literal, index: derivations.count, codeBlockIndex: codeIndex,
                    fenceLine: block.startLine, firstLine: block.contentLine, indent: max(block.startColumn - 1, 0),
                    file: source.path, symbols: symbols.symbols)
                derivations.append(derivation)
                diagnostics += problems
            default:
                break
            }
        }

        var expressions: [InlineExpression] = []
        var firstOfSpan: [Int] = []
        for span in scanned.spans {
            firstOfSpan.append(expressions.count)
            switch span.kind {
            case .value(let e): expressions.append(e)
            case .math(let m):
                for case .value(let e) in m.pieces { expressions.append(e) }
            case .reference: break
            }
        }
        return ChapterDocument(
            source: source, spans: scanned.spans, maskedText: scanned.maskedText,
            swiftBlocks: swiftBlocks, derivations: derivations, expressions: expressions,
            firstExpressionOfSpan: firstOfSpan, diagnostics: diagnostics, hasSyntaxErrors: syntaxErrors)
    }
}
