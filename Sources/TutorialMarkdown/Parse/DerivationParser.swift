import Foundation
import TeXMath
import TutorialBase

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
    package static func parse(
        _ literal: String, index: Int, codeBlockIndex: Int, fenceLine: Int, firstLine: Int, indent: Int = 0,
        file: String, symbols: [ChapterSymbols.Symbol] = [], indexBase: Int = 0
    ) -> (Derivation, [Diagnostic]) {
        var derivation = Derivation(
            index: index, codeBlockIndex: codeBlockIndex, fenceLine: fenceLine, forLine: fenceLine,
            variables: [], steps: [], tolerance: Derivation.defaultTolerance, draws: Derivation.defaultDraws, label: nil)
        derivation.indexBase = indexBase
        var header = DerivationHeader(file: file)
        var lines = literal.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var stepLines: [RowText] = []
        /// Whether the last row has a matrix or `cases` open, which the next line continues.
        /// (A line that starts with a binary operator continues the row above as well.)
        var continuing = false
        for (offset, raw) in lines.enumerated() {
            let line = firstLine + offset
            let (tex, comment, commentColumn) = splitComment(raw)
            let texIsBlank = tex.trimmingCharacters(in: .whitespaces).isEmpty
            let trimmed = comment?.trimmingCharacters(in: .whitespaces) ?? ""
            let leading = comment?.prefix(while: { $0 == " " }).count ?? 0
            if texIsBlank, comment != nil, !continuing {
                header.read(trimmed, line: line, column: indent + commentColumn + leading, into: &derivation)
                continue
            }
            if texIsBlank && !continuing { continue }
            let twin = trimmed.isEmpty ? nil : trimmed
            if continuing {
                stepLines[stepLines.count - 1].append(tex, line: line, twin: twin, twinColumn: indent + commentColumn + leading)
            } else if !stepLines.isEmpty, DerivationLine.continuesRow(tex) {
                // The rest of the row above: its leading `&` would open a column of its own in the display.
                let lead = tex.prefix { $0 == "&" || $0 == " " || $0 == "\t" }
                let unaligned = String(repeating: " ", count: lead.count) + tex.dropFirst(lead.count)
                stepLines[stepLines.count - 1].append(unaligned, line: line, twin: twin, twinColumn: indent + commentColumn + leading)
            } else {
                stepLines.append(RowText(line: line, tex: tex, twin: twin, twinColumn: indent + commentColumn + leading))
            }
            continuing = DerivationLine.openEnvironments(stepLines[stepLines.count - 1].tex) > 0
        }
        var diagnostics = header.diagnostics
        derivation.declarations = LetExpansion.expanding(Self.renamingTeX(in: derivation.declarations))
        derivation.displayLines = stepLines.map { ($0.line, DerivationLine.displayText($0.tex)) }
            .filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }
        let scope = Self.scope(for: derivation, symbols: symbols)
        derivation.chapterValueNames = symbols.filter { !$0.isFunction }.map(\.name)

        for stepLine in stepLines {
            let row = DerivationLine.row(stepLine.tex, column: indent + 1)
            /// A diagnostic at a column of the row, on the physical line that holds it.
            func diagnostic(_ column: Int, severity: Diagnostic.Severity = .error, _ message: String) -> Diagnostic {
                let (line, at) = stepLine.locate(column, indent: indent)
                return Diagnostic(file: file, line: line, column: at, severity: severity, message)
            }
            var condition: MathCondition?
            do throws(TeXReadFailure) {
                condition = try TeXMathParser.readCondition(of: row, scope: scope)
            } catch {
                diagnostics += error.problems.map { diagnostic($0.column, $0.message) }
            }
            var lineSteps: [Derivation.Step] = []
            func relation(_ written: StepRelation) -> StepRelation {
                derivation.steps.isEmpty && lineSteps.isEmpty ? .first : written
            }
            for (k, term) in row.terms.enumerated() {
                if let problem = term.problem {
                    diagnostics.append(diagnostic(problem.column, problem.message))
                }
                let (termLine, termColumn) = stepLine.locate(term.column, indent: indent)
                switch Result(catching: { () throws(TeXReadFailure) in try TeXMathParser.read(term, scope: scope) }) {
                case .success(let expression):
                    var step = Derivation.Step(line: termLine, column: termColumn, tex: term.tex, relation: relation(term.relation),
                                               source: .tex(expression), condition: condition)
                    let endLine = stepLine.locate(term.column + max(term.tex.unicodeScalars.count - 1, 0), indent: indent).line
                    if endLine > termLine { step.lastLine = endLine }
                    lineSteps.append(step)
                    if term.isRoundedAfterEqual {
                        diagnostics.append(diagnostic(term.column, severity: .warning,
                            "`= \(term.tex)` is a rounded number: it is checked to the \(term.tex.split(separator: ".").last?.count ?? 0) decimals written, as a claim; write `\\approx \(term.tex)` to say so"))
                    }
                case .failure(let failure):
                    if k == row.terms.count - 1, let twin = stepLine.twin {
                        // A twin stands for its line's last term only.
                        lineSteps.append(.init(line: stepLine.twinLine, column: stepLine.twinColumn, tex: term.tex, relation: relation(term.relation),
                                               source: .twin(twin, reason: failure.first.message), condition: condition))
                    } else {
                        diagnostics += failure.problems.map { diagnostic($0.column, $0.message) }
                    }
                }
            }
            if let twin = stepLine.twin, lineSteps.last.map({ !$0.isTwinOnly }) ?? true {
                let written = row.terms.last?.relation ?? .equal
                lineSteps.append(.init(line: stepLine.twinLine, column: stepLine.twinColumn, tex: row.terms.last?.tex ?? "",
                    relation: row.terms.isEmpty ? relation(.equal) : (written == .first ? .equal : written),
                    source: .twin(twin, reason: nil), condition: condition))
            }
            derivation.steps += lineSteps
        }
        derivation.knownValues = Self.knownValues(derivation, scope: scope)
        diagnostics += Self.loneChains(derivation, file: file)
        if derivation.steps.count < 2, diagnostics.allSatisfy({ $0.severity != .error }) {
            diagnostics.append(Diagnostic(file: file, line: fenceLine,
                "a derivation needs at least two steps to compare, such as `a &= b`; found \(derivation.steps.count)"))
        }
        return (derivation, diagnostics)
    }

    /// The Swift of each `% let` with the TeX names declared before it
    /// written as their identifiers: `% let MSE = (1 - \\hat{y})^2`'s Swift
    /// says `hat_y`.
    static func renamingTeX(in declarations: [Derivation.Declaration]) -> [Derivation.Declaration] {
        var out = declarations
        for (k, declaration) in declarations.enumerated() {
            guard let tex = declaration.tex else { continue }
            for later in out.indices where later > k {
                out[later].swift = out[later].swift.replacingOccurrences(of: tex, with: declaration.name)
            }
        }
        return out
    }

    /// A chain of one step compares nothing: an error at that step, unless
    /// the block has only one step (reported as a whole).
    static func loneChains(_ derivation: Derivation, file: String) -> [Diagnostic] {
        let steps = derivation.steps
        guard steps.count >= 2 else { return [] }
        return steps.indices.compactMap { k in
            guard steps[k].relation == .first, k + 1 == steps.count || steps[k + 1].relation == .first else { return nil }
            return Diagnostic(file: file, line: steps[k].line, column: steps[k].column,
                "this line starts an equation of its own (it has a left side, or follows `\\iff`), but nothing is compared with it: write `&= …` to continue the equation above, or give it a right side")
        }
    }

    /// The names the block's TeX may use: the chapter's names above it, then
    /// the block's inputs and declarations, which take precedence.
    package static func scope(for derivation: Derivation, symbols: [ChapterSymbols.Symbol]) -> MathScope {
        var scope = MathScope()
        scope.indexBase = derivation.indexBase
        for symbol in symbols {
            scope.declare(symbol.name, symbol.isFunction ? .swiftFunction : .value, variable: !symbol.isFunction,
                          dependsOn: symbol.isFunction ? .none : .some(symbol.uses))
        }
        for variable in derivation.variables { scope.declare(variable.name, .value, variable: true, inBlock: true) }
        scope.vectorInputs = derivation.variables.filter { v in
            ["logits(", "probabilities(", "ChapterRuntime.logits(", "ChapterRuntime.probabilities("].contains { v.generator.hasPrefix($0) }
        }.map(\.name)
        scope.indexInputs = Set(derivation.variables.filter { Derivation.drawsIndex($0.generator) }.map(\.name))
        for declaration in derivation.declarations {
            if let parameters = declaration.parameters {
                scope.declare(declaration.name, .declaredFunction(arity: parameters.count), inBlock: true)
            } else {
                // A `% let` value may be varied too: a chain-rule factor `\\frac{\\partial \\ell}{\\partial p}`.
                scope.declare(declaration.name, .value, variable: true, inBlock: true)
                scope.recordUses(of: declaration.name, SwiftIdentifiers.in(declaration.swift))
            }
            if let tex = declaration.tex {
                scope.declareTeX(tex, as: declaration.name)
            } else if declaration.name.count > 1, declaration.name.allSatisfy(\.isLetter) {
                // `% let MSE = …` is read where `MSE` is written, not as M·S·E.
                scope.declareTeX(declaration.name, as: declaration.name)
            }
        }
        return scope
    }

    /// The block's inputs and values, and the chapter's values its steps
    /// use: what the numbers of an `\\approx` step may be rounded from.
    package static func knownValues(_ derivation: Derivation, scope: MathScope) -> [String] {
        var names = derivation.variables.map(\.name) + derivation.declarations.filter { $0.parameters == nil }.map(\.name)
        for step in derivation.steps {
            guard case .tex(let expression) = step.source else { continue }
            for name in expression.names.sorted() where !names.contains(name) && derivation.chapterValueNames.contains(name) {
                if case .value? = scope.kind(of: name) { names.append(name) }
            }
        }
        return names
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
}
