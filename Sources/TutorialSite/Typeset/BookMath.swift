import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Typesets every formula of the book in one KaTeX batch and turns KaTeX's
/// rejections into diagnostics at the formula's place in its chapter.
///
/// One batch, because node's start-up costs more than typesetting a
/// chapter's formulas; formulas already cached never reach node.
package struct BookMath: Sendable {
    /// Each chapter's formulas, in `documents` order.
    package var formulas: [ChapterFormulas]
    /// The batch: every distinct formula of the book, sorted.
    package var batch: [Formula]
    /// The HTML of every formula KaTeX accepted.
    package var html: [Formula: String]
    /// A `TeX error` per math span or derivation that KaTeX rejected.
    package var diagnostics: [Diagnostic]

    /// Assembles each chapter's formulas with its computed values and typesets them.
    /// - Throws: ``MathTypesetterError`` when node or KaTeX cannot run at all.
    package static func typeset(
        _ documents: [ChapterDocument], runs: [ChapterRun?], typesetter: MathTypesetter, plain: PlainNumberFormat = .shortest
    ) async throws -> BookMath {
        let formulas = zip(documents, runs).map { ChapterFormulas($0, values: $1?.values ?? [:], plain: plain) }
        let unique = Array(Set(formulas.flatMap(\.all)))
            .sorted { ($0.tex, $0.display ? 1 : 0) < ($1.tex, $1.display ? 1 : 0) }
        let results = unique.isEmpty ? [] : try await typesetter.typeset(unique)
        var html: [Formula: String] = [:]
        var failures: [Formula: String] = [:]
        for (formula, result) in zip(unique, results) {
            switch result {
            case .html(let markup): html[formula] = markup
            case .failure(let message): failures[formula] = message
            }
        }
        var diagnostics: [Diagnostic] = []
        for (document, chapter) in zip(documents, formulas) where !failures.isEmpty {
            for (index, formula) in chapter.spans.sorted(by: { $0.key < $1.key }) {
                guard let message = failures[formula] else { continue }
                let at = document.spans[index].location
                diagnostics.append(Diagnostic(file: document.path, line: at.line, column: at.column, "TeX error: \(message)"))
            }
            for derivation in document.derivations {
                if let formula = chapter.derivations[derivation.index], let message = failures[formula] {
                    let at = derivation.location(ofTeXError: message)
                    diagnostics.append(Diagnostic(file: document.path, line: at.line, column: at.column, "TeX error in the derivation: \(message)"))
                }
            }
        }
        return BookMath(formulas: formulas, batch: unique, html: html, diagnostics: diagnostics)
    }
}
