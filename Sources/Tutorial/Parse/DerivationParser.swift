import Foundation
import TeXMath

/// Reads the text of a `derivation` block.
///
/// ```
/// % for z in logits(count: 2...8), y in label(below: z.count)
/// % let q = softmax(z)
/// % let Loss(z, y) = crossEntropy(logits: z, label: y)
/// % tolerance 1e-9        (optional; relative, default 1e-9)
/// % draws 200             (optional)
/// % label eq:gradient     (optional; numbers the equation)
/// \text{Loss}(z, y) &= -\log q_y
///   &= -z_y + \log\sum_j e^{z_j}
///   &= \text{automatic differentiation}  % twin(z, y)
/// ```
/// A line holding only a `%` comment is a declaration. Each other line is
/// one or more steps of TeX joined by `=` or `\approx`; its comment, if
/// any, is the Swift twin of the line's value. Each step is read by
/// ``TeXMathParser``; a step that cannot be read uses its twin, and a step
/// with neither is an error at the token the reader stopped at.
enum DerivationParser {
    static func parse(
        _ literal: String, index: Int, codeBlockIndex: Int, fenceLine: Int, firstLine: Int, indent: Int = 0,
        file: String, symbols: [ChapterSymbols.Symbol] = []
    ) -> (Derivation, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var derivation = Derivation(
            index: index, codeBlockIndex: codeBlockIndex, fenceLine: fenceLine, forLine: fenceLine,
            variables: [], steps: [], tolerance: Derivation.defaultTolerance, draws: Derivation.defaultDraws, label: nil)
        var lines = literal.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var stepLines: [(line: Int, tex: String, twin: String?, twinColumn: Int)] = []
        for (offset, raw) in lines.enumerated() {
            let line = firstLine + offset
            let (tex, comment, commentColumn) = splitComment(raw)
            let texIsBlank = tex.trimmingCharacters(in: .whitespaces).isEmpty
            guard let comment else {
                if !texIsBlank { stepLines.append((line, tex, nil, 1)) }
                continue
            }
            let trimmed = comment.trimmingCharacters(in: .whitespaces)
            let leading = comment.prefix(while: { $0 == " " }).count
            if texIsBlank {
                let words = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
                let column = indent + commentColumn + leading
                switch words.first {
                case "for":
                    derivation.forLine = line
                    derivation.variables = parseVariables(words.count > 1 ? words[1] : "", line: line, file: file, into: &diagnostics)
                case "let":
                    if let declaration = parseDeclaration(words.count > 1 ? words[1] : "", line: line, column: column + 4, file: file, into: &diagnostics) {
                        derivation.declarations.append(declaration)
                    }
                case "tolerance":
                    if words.count > 1, let t = Double(words[1]), t.isFinite, t >= 0 { derivation.tolerance = t } else {
                        diagnostics.append(Diagnostic(file: file, line: line, column: column, "'% tolerance' needs a finite, non-negative number such as 1e-6"))
                    }
                case "draws":
                    if words.count > 1, let n = Int(words[1]), n > 0, n <= 100_000 { derivation.draws = n } else {
                        diagnostics.append(Diagnostic(file: file, line: line, column: column, "'% draws' needs a whole number from 1 to 100000"))
                    }
                case "label":
                    if words.count > 1, words[1].hasPrefix("eq:") { derivation.label = words[1] } else {
                        diagnostics.append(Diagnostic(file: file, line: line, column: column, "'% label' needs a label of the form eq:NAME"))
                    }
                case nil:
                    continue
                default:
                    diagnostics.append(Diagnostic(file: file, line: line, column: column,
                        "a derivation comment line is '% for …', '% let …', '% tolerance …', '% draws …' or '% label …'; a step needs its TeX before the '%'"))
                }
                continue
            }
            stepLines.append((line, tex, trimmed.isEmpty ? nil : trimmed, indent + commentColumn + leading))
        }
        derivation.displayLines = stepLines.map { ($0.line, $0.tex) }

        let scope = Self.scope(for: derivation, symbols: symbols)
        for stepLine in stepLines {
            let terms = DerivationLine.terms(stepLine.tex, column: indent + 1)
            var lineSteps: [Derivation.Step] = []
            var failure: TeXReadError?
            for term in terms {
                let relation: Derivation.Relation = derivation.steps.isEmpty && lineSteps.isEmpty ? .first : term.relation
                switch Result(catching: { () throws(TeXReadError) in try TeXMathParser.read(term, scope: scope) }) {
                case .success(let expression):
                    lineSteps.append(.init(line: stepLine.line, column: term.column, tex: term.tex, relation: relation, source: .tex(expression)))
                case .failure(let error):
                    failure = failure ?? error
                }
                if let problem = term.problem { failure = failure ?? problem }
            }
            if let twin = stepLine.twin {
                let relation: Derivation.Relation = derivation.steps.isEmpty && lineSteps.isEmpty ? .first : (terms.last?.relation ?? .equal)
                lineSteps.append(.init(line: stepLine.line, column: stepLine.twinColumn, tex: terms.last?.tex ?? "",
                    relation: relation, source: .twin(twin, reason: failure.map(\.message))))
            } else if let failure {
                diagnostics.append(Diagnostic(file: file, line: stepLine.line, column: failure.column, failure.message))
            }
            derivation.steps += lineSteps
        }
        if derivation.steps.count < 2, diagnostics.isEmpty {
            diagnostics.append(Diagnostic(file: file, line: fenceLine,
                "a derivation needs at least two steps to compare, such as `a &= b`; found \(derivation.steps.count)"))
        }
        return (derivation, diagnostics)
    }

    /// The names the block's TeX may use: the chapter's names above it, then
    /// the block's inputs and declarations, which take precedence.
    static func scope(for derivation: Derivation, symbols: [ChapterSymbols.Symbol]) -> MathScope {
        var scope = MathScope()
        for symbol in symbols {
            scope.declare(symbol.name, symbol.isFunction ? .swiftFunction : .value, variable: !symbol.isFunction)
        }
        for variable in derivation.variables { scope.declare(variable.name, .value, variable: true, inBlock: true) }
        for declaration in derivation.declarations {
            if let parameters = declaration.parameters {
                scope.declare(declaration.name, .declaredFunction(arity: parameters.count), inBlock: true)
            } else {
                scope.declare(declaration.name, .value, inBlock: true)
            }
        }
        return scope
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
            guard pieces.count >= 2, isIdentifier(name) else {
                diagnostics.append(Diagnostic(file: file, line: line,
                    "'% for' expects 'NAME in GENERATOR, …', e.g. '% for z in logits(count: 2...8)'; cannot read '\(part)'"))
                continue
            }
            let generator = pieces.dropFirst().joined(separator: " in ").trimmingCharacters(in: .whitespaces)
            variables.append(.init(name: name, generator: generator))
        }
        return variables
    }

    /// `NAME = SWIFT` or `NAME(a, b: Type) = SWIFT`.
    static func parseDeclaration(_ text: String, line: Int, column: Int, file: String, into diagnostics: inout [Diagnostic]) -> Derivation.Declaration? {
        let scalars = Array(text.unicodeScalars)
        let usage = "'% let' expects 'NAME = SWIFT' or 'NAME(a, b) = SWIFT', e.g. '% let q = softmax(z)'"
        var i = 0
        while i < scalars.count, scalars[i] == "_" || scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) { i += 1 }
        let name = String(String.UnicodeScalarView(scalars[..<i]))
        guard isIdentifier(name) else {
            diagnostics.append(Diagnostic(file: file, line: line, column: column, usage + "; cannot read '\(text)'"))
            return nil
        }
        var parameters: [Derivation.Declaration.Parameter]?
        if i < scalars.count, scalars[i] == "(" {
            guard let close = SwiftTextWalker.matchingParen(scalars, from: i) else {
                diagnostics.append(Diagnostic(file: file, line: line, column: column + i, "the '(' of '% let \(name)(' is not closed"))
                return nil
            }
            let inside = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
            parameters = []
            for part in inside.split(separator: ",") {
                let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard isIdentifier(pieces[0]) else {
                    diagnostics.append(Diagnostic(file: file, line: line, column: column + i, "'\(part.trimmingCharacters(in: .whitespaces))' is not a parameter name; write '% let \(name)(a, b: Int) = …'"))
                    return nil
                }
                parameters?.append(.init(name: pieces[0], type: pieces.count > 1 ? pieces[1] : nil))
            }
            i = close + 1
        }
        while i < scalars.count, scalars[i] == " " { i += 1 }
        guard i < scalars.count, scalars[i] == "=", i + 1 >= scalars.count || scalars[i + 1] != "=" else {
            diagnostics.append(Diagnostic(file: file, line: line, column: column + i, usage))
            return nil
        }
        i += 1
        while i < scalars.count, scalars[i] == " " { i += 1 }
        let swift = String(String.UnicodeScalarView(scalars[i...])).trimmingCharacters(in: .whitespaces)
        guard !swift.isEmpty else {
            diagnostics.append(Diagnostic(file: file, line: line, column: column + i, usage + "; the Swift after '=' is missing"))
            return nil
        }
        return .init(name: name, parameters: parameters, swift: swift, line: line, column: column + i)
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
