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

    /// The formulas of `document` that no computed value changes: math with
    /// no value in it (a claim's literal is written text), and derivations.
    /// A cold build typesets them while the chapters compile.
    package static func valueFree(_ document: ChapterDocument) -> [Formula] {
        let formulas = ChapterFormulas(document, values: [:])
        let spans = formulas.spans.filter { index, _ in
            guard case .math(let math) = document.spans[index].kind else { return false }
            return math.pieces.allSatisfy { piece in
                if case .value(let expression) = piece { return expression.claim != nil }
                return true
            }
        }
        return Array(spans.values) + Array(formulas.derivations.values)
    }
}
