import Foundation

/// Reads the text of a `derivation` block.
///
/// ```
/// % for z in logits(count: 2...8), y in label(below: z.count)
/// % tolerance 1e-9        (optional; relative, default 1e-9)
/// % draws 200             (optional)
/// % label eq:gradient     (optional; numbers the equation)
/// L &= -\log q_y                  % crossEntropy(logits: z, label: y)
///   &= -z_y + \log\sum_j e^{z_j}  % -z[y] + logSumExp(z)
/// ```
/// A step's Swift expression is the TeX comment: everything after the first
/// `%` that is not escaped as `\%`.
enum DerivationParser {
    static func parse(
        _ literal: String, index: Int, codeBlockIndex: Int, fenceLine: Int, firstLine: Int, file: String
    ) -> (Derivation, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var derivation = Derivation(
            index: index, codeBlockIndex: codeBlockIndex, fenceLine: fenceLine, forLine: fenceLine,
            variables: [], steps: [], tolerance: Derivation.defaultTolerance, draws: Derivation.defaultDraws, label: nil)
        var lines = literal.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        for (offset, raw) in lines.enumerated() {
            let line = firstLine + offset
            let (tex, comment, commentColumn) = splitComment(raw)
            let texIsBlank = tex.trimmingCharacters(in: .whitespaces).isEmpty
            guard let comment else {
                if !texIsBlank { derivation.steps.append(.init(tex: tex, expression: nil, line: line, expressionColumn: 1)) }
                continue
            }
            let trimmed = comment.trimmingCharacters(in: .whitespaces)
            if texIsBlank {
                let words = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
                switch words.first {
                case "for":
                    derivation.forLine = line
                    derivation.variables = parseVariables(words.count > 1 ? words[1] : "", line: line, file: file, into: &diagnostics)
                case "tolerance":
                    if words.count > 1, let t = Double(words[1]), t.isFinite, t >= 0 { derivation.tolerance = t } else {
                        diagnostics.append(Diagnostic(file: file, line: line, column: commentColumn, "'% tolerance' needs a finite, non-negative number such as 1e-6"))
                    }
                case "draws":
                    if words.count > 1, let n = Int(words[1]), n > 0, n <= 100_000 { derivation.draws = n } else {
                        diagnostics.append(Diagnostic(file: file, line: line, column: commentColumn, "'% draws' needs a whole number from 1 to 100000"))
                    }
                case "label":
                    if words.count > 1, words[1].hasPrefix("eq:") { derivation.label = words[1] } else {
                        diagnostics.append(Diagnostic(file: file, line: line, column: commentColumn, "'% label' needs a label of the form eq:NAME"))
                    }
                case nil:
                    continue
                default:
                    diagnostics.append(Diagnostic(file: file, line: line, column: commentColumn,
                        "a derivation comment line is '% for …', '% tolerance …', '% draws …' or '% label …'; a step needs its TeX before the '%'"))
                }
                continue
            }
            let leading = comment.prefix(while: { $0 == " " }).count
            derivation.steps.append(.init(
                tex: tex, expression: trimmed.isEmpty ? nil : trimmed, line: line,
                expressionColumn: commentColumn + leading))
        }
        if derivation.checkedSteps.count < 2 {
            diagnostics.append(Diagnostic(file: file, line: fenceLine,
                "a derivation needs at least two steps with a '% EXPR' comment to compare; found \(derivation.checkedSteps.count)"))
        }
        return (derivation, diagnostics)
    }

    /// Splits a line at its first unescaped `%`: (TeX, comment, column of the comment text).
    static func splitComment(_ line: String) -> (String, String?, Int) {
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\\" { i += 2; continue }
            if scalars[i] == "%" {
                let tex = String(String.UnicodeScalarView(scalars[..<i]))
                let comment = String(String.UnicodeScalarView(scalars[(i + 1)...]))
                return (tex, comment, i + 2)
            }
            i += 1
        }
        return (line, nil, 1)
    }

    static func parseVariables(_ text: String, line: Int, file: String, into diagnostics: inout [Diagnostic]) -> [Derivation.Variable] {
        let scalars = Array(text.unicodeScalars)
        var cuts = SwiftTextWalker.topLevelIndices(of: ",", in: scalars)
        cuts.append(scalars.count)
        var variables: [Derivation.Variable] = []
        var start = 0
        for cut in cuts {
            let part = String(String.UnicodeScalarView(scalars[start..<cut])).trimmingCharacters(in: .whitespaces)
            start = cut + 1
            let pieces = part.components(separatedBy: " in ")
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            guard pieces.count >= 2, !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                diagnostics.append(Diagnostic(file: file, line: line,
                    "'% for' expects 'NAME in GENERATOR, …', e.g. '% for z in logits(count: 2...8)'; cannot read '\(part)'"))
                continue
            }
            let generator = pieces.dropFirst().joined(separator: " in ").trimmingCharacters(in: .whitespaces)
            variables.append(.init(name: name, generator: generator))
        }
        return variables
    }
}
