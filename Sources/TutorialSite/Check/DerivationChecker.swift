import ChapterChannel
import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Check: reports the derivation steps that disagreed with the step they are
/// compared with (their chain's settled value, or the step before an
/// inequality), and warns where a step agreed only within rounding.
///
/// The comparison itself runs in the chapter program, next to the values
/// (see ChapterRuntime's `__tutorialDerivation` for the rule); this turns its
/// verdict into diagnostics at the failing step's own line and column, with
/// the draw, both values and how the reader understood the step's TeX.
enum DerivationChecker {
    package static func check(_ derivation: Derivation, outcome: ChapterRun.DerivationOutcome, file: String) -> [Diagnostic] {
        let steps = derivation.steps
        guard !steps.isEmpty else { return [] }
        return outcome.failures.compactMap { failure -> Diagnostic? in
            guard var diagnostic = Self.diagnostic(failure, derivation: derivation, outcome: outcome, file: file) else { return nil }
            diagnostic.reading = steps[failure.step].reading
            return diagnostic
        }
    }

    package static func diagnostic(_ failure: DerivationFailure, derivation: Derivation, outcome: ChapterRun.DerivationOutcome, file: String) -> Diagnostic? {
        let steps = derivation.steps
        guard steps.indices.contains(failure.step) else { return nil }
        let step = steps[failure.step]
        let against = failure.reference.flatMap { steps.indices.contains($0) ? steps[$0] : nil } ?? steps[0]
        let compared = failure.reference == 0 || failure.reference == nil ? "the first step" : "the step at column \(against.column)"
        let inputs = failure.inputs.map { "\($0.name) = \(ValueFormatter.brief($0.value))" }.joined(separator: ", ")
        let draw = derivation.isWorkedExample
            ? "on the chapter's values"
            : "on draw \(failure.draw + 1) of \(outcome.draws) (\(inputs))"
        let reading = "read as: \(step.reading)"
        let problem: String
        switch failure.disagreement {
        case .unevaluated(let message):
            let what = failure.step == 0 ? "the first step" : "this step"
            return Diagnostic(file: file, line: step.line, column: step.column,
                "\(what) could not be evaluated \(draw): \(message); \(reading)")
        case .constantInput(let name):
            return Diagnostic(file: file, line: derivation.forLine > 0 ? derivation.forLine : derivation.fenceLine, column: 1,
                "the input `\(name)` took the same value, \(ValueFormatter.brief(failure.first)), on all \(outcome.draws) draws, so the steps were checked at that value only while the page says they hold for random draws of it: draw it from a range with more than one value, or make it a constant with `% let \(name) = …`")
        case .neverEvaluated:
            return Diagnostic(file: file, line: step.line, column: step.column,
                "this step's side condition held on none of the \(outcome.draws) draws, so it was never checked: draw inputs for which it holds (or drop the condition); \(reading)")
        case .inequality(let i):
            let (x, y, place) = Self.elements(failure, at: i)
            return Diagnostic(file: file, line: step.line, column: step.column,
                "inequality `\(step.relation.tex)` does not hold \(draw): the step before (\(against.lines)) = \(x), this step = \(y)\(place); \(reading)")
        case .losesDigits(let i, let relative, let spread):
            let (x, y, place) = Self.elements(failure, at: i)
            return Diagnostic(file: file, line: step.line, column: step.column, severity: .warning,
                "this step agrees with \(compared) (\(against.lines)) only within rounding \(draw): \(x) against \(y)\(place), a relative difference of \(String(format: "%.2g", relative)), while rounding its inputs by a few ulps moves the values by up to \(String(format: "%.2g", spread)); the formula loses digits there (cancellation), so this draw checks nothing; \(reading)")
        case .steadyOffset(let i, let difference, let relative, let count):
            let (x, y, place) = Self.elements(failure, at: i)
            // An inequality is broken by a size; an equality differs by a signed amount.
            var isInequality = false
            if case .inequality = step.relation { isInequality = true }
            let what = (relative ? "a relative difference of " : "a difference of ") + String(format: "%.3g", isInequality ? abs(difference) : difference)
            if isInequality {
                return Diagnostic(file: file, line: step.line, column: step.column,
                    "inequality `\(step.relation.tex)` holds only by the tolerance, and is broken by the same amount every time: \(what) on all \(count) elements where it is broken, over \(outcome.draws) draw\(outcome.draws == 1 ? "" : "s") (\(derivation.isWorkedExample ? "on the chapter's values" : "first on draw \(failure.draw + 1), \(inputs)"): the step before = \(x), this step = \(y)\(place)). Rounding breaks no inequality by a steady amount, so it does not hold as written; \(reading)")
            }
            return Diagnostic(file: file, line: step.line, column: step.column,
                "this step agrees with \(compared) (\(against.lines)) only by the tolerance, and differs from it by the same amount every time: \(what) on all \(count) elements that differ, over \(outcome.draws) draw\(outcome.draws == 1 ? "" : "s") (\(derivation.isWorkedExample ? "on the chapter's values" : "first on draw \(failure.draw + 1), \(inputs)"): \(x) against \(y)\(place)). Rounding makes no steady difference, so the two are not equal as written: correct the step, or write `\\approx` with the decimals you mean; \(reading)")
        case .notNumeric:
            problem = "a step's value is not a number, an array of numbers or a Bool (first step = \(ValueFormatter.brief(failure.first)), this step = \(ValueFormatter.brief(failure.this)))"
        case .sizes:
            let a = failure.first.numbers?.count ?? 0, b = failure.this.numbers?.count ?? 0
            problem = "the first step has \(a) value\(a == 1 ? "" : "s"), this step \(b)"
        case .outsideRange(let i, let low, let high):
            let (x, y, place) = Self.elements(failure, at: i)
            problem = "first step = \(x), this step = \(y)\(place); this step ranges over [\(low), \(high)] as the numbers written in it vary by half a unit in their last digit, which does not hold the first step's value"
        case .element(let i, let relative):
            let (x, y, place) = Self.elements(failure, at: i)
            if case .approximately(let decimals?) = step.relation {
                problem = "first step = \(x), this step = \(y)\(place): `\\approx` checks the \(decimals) decimal\(decimals == 1 ? "" : "s") written in the step, and they differ by \(String(format: "%.2g", abs(x - y))), more than ±\(String(format: "%g", 0.5 * pow(10, Double(-decimals))))"
            } else if let relative {
                problem = "first step = \(x), this step = \(y)\(place) (relative difference \(String(format: "%.2g", relative)) > tolerance \(derivation.tolerance), absolute difference \(String(format: "%.2g", abs(x - y))) > atol \(String(format: "%g", derivation.absolute)))"
            } else {
                problem = "first step = \(x), this step = \(y)\(place) (NaN never agrees, and infinity only with the same infinity)"
            }
        }
        return Diagnostic(file: file, line: step.line, column: step.column,
            "derivation step\(step.lastLine.map { " (written over lines \(step.line)–\($0))" } ?? "") disagrees with \(compared) (\(against.lines)) \(draw): \(problem); \(reading)")
    }

    /// Element `i` of both steps' numbers, and where it is when the first
    /// step has more than one: " at element i", or for a matrix (an array of
    /// equal-length arrays, row after row) " at row r, column c".
    static func elements(_ failure: DerivationFailure, at i: Int) -> (first: Double, this: Double, place: String) {
        let a = failure.first.numbers ?? [], b = failure.this.numbers ?? []
        var place = a.count == 1 ? "" : " at element \(i)"
        if case .array(let rows) = failure.first, let columns = Self.columns(rows) {
            place = " at row \(i / columns), column \(i % columns) (counting from 0)"
        }
        return (i < a.count ? a[i] : .nan, i < b.count ? b[i] : .nan, place)
    }

    /// The number of columns of a matrix's rows, or nil when they are not one.
    private static func columns(_ rows: [Value]) -> Int? {
        let counts = rows.map { row -> Int? in
            if case .array(let items) = row, items.allSatisfy({ if case .array = $0 { false } else { true } }) { return items.count }
            return nil
        }
        guard let first = counts.first, let n = first, n > 0, counts.allSatisfy({ $0 == n }) else { return nil }
        return n
    }
}
