import ChapterChannel
import TutorialBase
import TutorialMarkdown
import TutorialProgram
/// The TeX of every formula in a chapter, with computed values put in: one
/// per math span and one per derivation.
package struct ChapterFormulas: Sendable {
    var spans: [Int: Formula] = [:]
    package var derivations: [Int: Formula] = [:]

    /// Assembles the formulas; `values` are the chapter's computed values,
    /// printed in `plain` when they have no format of their own.
    package init(_ document: ChapterDocument, values: [Int: Value], plain: PlainNumberFormat = .shortest) {
        for (index, span) in document.spans.enumerated() {
            guard case .math(let math) = span.kind else { continue }
            var id = document.firstExpressionOfSpan[index]
            var tex = ""
            for piece in math.pieces {
                switch piece {
                case .tex(let text): tex += text
                case .value(let expression):
                    if let claim = expression.claim {
                        tex += ValueFormatter.mathNotation(claim)
                    } else if let value = values[id] {
                        tex += ValueFormatter.format(value, expression.format, inMath: true, plain: plain)
                    } else {
                        tex += "?"
                    }
                    id += 1
                }
            }
            spans[index] = Formula(tex: tex, display: math.display)
        }
        for derivation in document.derivations {
            derivations[derivation.index] = Formula(tex: derivation.displayTeX, display: true)
        }
    }

    package var all: [Formula] { Array(spans.values) + Array(derivations.values) }
}
