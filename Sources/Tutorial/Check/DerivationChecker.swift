import Foundation

/// Check: every step of a derivation must equal the first step on every draw.
///
/// Two values agree when, element by element, |a − b| ≤ tol · max(|a|, |b|, m),
/// where m is the largest magnitude in the first step's value: relative to
/// the size of the quantity, so that a gradient entry of 1e-17 next to
/// entries of order 1 counts as the 0 it is.
enum DerivationChecker {
    static func check(_ derivation: Derivation, draws: [ChapterRun.Draw], file: String) -> [Diagnostic] {
        let steps = derivation.checkedSteps
        guard let first = steps.first else { return [] }
        var diagnostics: [Diagnostic] = []
        var reported = Set<Int>()
        for (n, draw) in draws.enumerated() {
            guard let reference = draw.steps.first?.numbers else {
                if reported.insert(0).inserted {
                    diagnostics.append(Diagnostic(file: file, line: first.line, column: first.expressionColumn,
                        "the first step's value is not a number or an array of numbers"))
                }
                continue
            }
            let scale = reference.map(abs).max() ?? 0
            for k in 1..<min(steps.count, draw.steps.count) where !reported.contains(k) {
                let step = steps[k]
                guard let values = draw.steps[k].numbers else {
                    reported.insert(k)
                    diagnostics.append(Diagnostic(file: file, line: step.line, column: step.expressionColumn,
                        "this step's value is not a number or an array of numbers"))
                    continue
                }
                if let problem = disagreement(reference, values, tolerance: derivation.tolerance, scale: scale) {
                    reported.insert(k)
                    let inputs = draw.inputs.map { "\($0.name) = \(ValueFormatter.brief($0.value))" }
                        .joined(separator: ", ")
                    diagnostics.append(Diagnostic(file: file, line: step.line, column: step.expressionColumn,
                        "derivation step disagrees with the first step (line \(first.line)) on draw \(n + 1) of \(draws.count) (\(inputs)): \(problem)"))
                }
            }
        }
        return diagnostics
    }

    static func disagreement(_ a: [Double], _ b: [Double], tolerance: Double, scale: Double) -> String? {
        guard a.count == b.count else {
            return "the first step has \(a.count) value\(a.count == 1 ? "" : "s"), this step \(b.count)"
        }
        for i in a.indices {
            let x = a[i], y = b[i]
            if x == y || (x.isNaN && y.isNaN) { continue }
            let bound = tolerance * max(abs(x), abs(y), scale)
            if !(abs(x - y) <= bound) {
                let place = a.count == 1 ? "" : " at element \(i)"
                let relative = abs(x - y) / max(abs(x), abs(y), scale)
                return "first step = \(x), this step = \(y)\(place) (relative difference \(String(format: "%.2g", relative)) > tolerance \(tolerance))"
            }
        }
        return nil
    }
}
