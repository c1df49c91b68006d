import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Check: turns a chapter's compile or run outcome into diagnostics and
/// check records — compile errors, a run that stopped early, each claim and
/// each derivation.
package enum ChapterChecker {
    /// - Parameter strict: whether a derivation step that only its Swift twin
    ///   checks is an error (`--strict`).
    package static func check(_ document: ChapterDocument, program: ChapterProgram, outcome: ChapterExecutor.Outcome, strict: Bool = false) -> ChapterCheck {
        var diagnostics = document.diagnostics
        var run: ChapterRun?
        switch outcome {
        case .notNeeded: break
        case .compileErrors(let errors): diagnostics += chapterColumns(errors, in: document)
        case .failed(let message): diagnostics.append(Diagnostic(file: document.path, line: 1, message))
        case .ran(let raw, _, _):
            let file = (document.path as NSString).lastPathComponent
            let parsed = ChapterRun(raw, items: program.items, lines: ChunkLines(file: file, current: program.chunkLines))
            run = parsed
            if let forgery = parsed.forgery {
                diagnostics.append(forgeryDiagnostic(document, program: program, run: parsed, forgery: forgery))
            }
            if let failure = parsed.failure {
                diagnostics.append(stopDiagnostic(document, program: program, run: parsed, failure: failure))
            }
        }

        var records: [CheckRecord] = []
        var values = 0, claims = 0
        for (id, expression) in document.expressions.enumerated() {
            guard let claim = expression.claim else {
                values += 1
                continue
            }
            claims += 1
            let anchor = ChapterTypesetter.checkAnchor(expression)
            guard let value = run?.values[id] else {
                records.append(CheckRecord(chapter: document.path, line: expression.location.line, kind: .claim,
                    expression: expression.expression, computed: "not computed", expected: claim, passed: false, anchor: anchor))
                continue
            }
            let failure = ClaimChecker.failure(expression: expression.expression, literal: claim, value: value, exact: expression.exact)
            if let failure {
                diagnostics.append(Diagnostic(file: document.path, line: expression.location.line,
                                              column: expression.location.column, failure))
            }
            records.append(CheckRecord(chapter: document.path, line: expression.location.line, kind: .claim,
                expression: expression.expression, computed: ValueFormatter.format(value, .plain),
                expected: claim, passed: failure == nil, anchor: anchor))
        }

        for derivation in document.derivations {
            let outcome = run?.derivations[derivation.index]
            var problems = outcome.map { DerivationChecker.check(derivation, outcome: $0, file: document.path) } ?? []
            let draws = outcome?.draws ?? 0
            let complete = draws == derivation.evaluations
            if run?.failure == nil, run != nil, !complete {
                problems.append(Diagnostic(file: document.path, line: derivation.fenceLine,
                    "the derivation ran \(draws) of its \(derivation.evaluations) draws"))
            }
            if strict {
                for step in derivation.steps where step.isTwinOnly {
                    guard case .twin(_, let reason?) = step.source else { continue }
                    problems.append(Diagnostic(file: document.path, line: step.line, column: step.column,
                        "this step is checked only by its Swift twin, and --strict asks for every step to be checked from its TeX (the TeX could not be read: \(reason))"))
                }
            }
            diagnostics += problems
            var record = CheckRecord(chapter: document.path, line: derivation.fenceLine, kind: .derivation,
                expression: derivation.steps.enumerated().map { k, step in
                    guard k > 0 else { return step.reading }
                    if case .approximately = step.relation { return " ≈ " + step.reading }
                    return " = " + step.reading
                }.joined(),
                computed: Self.stepCounts(derivation) + (derivation.isWorkedExample ? ", on the chapter's values" : ", on \(draws) draws"),
                expected: derivation.isWorkedExample ? "every step equal to the first, once" : "every step equal to the first, \(derivation.draws) draws",
                passed: problems.isEmpty && complete,
                anchor: ChapterTypesetter.checkAnchor(line: derivation.fenceLine, column: 1))
            record.texSteps = derivation.texStepCount
            record.draws = derivation.isWorkedExample ? nil : draws
            record.twinSteps = derivation.twinOnlyStepCount
            record.twinOnly = derivation.steps.filter(\.isTwinOnly).map { step in
                if case .twin(_, let reason?) = step.source { return "line \(step.line): \(reason)" }
                return "line \(step.line)"
            }
            records.append(record)
        }
        return ChapterCheck(run: run, diagnostics: diagnostics, records: records,
                            valueCount: values, claimCount: claims, derivationCount: document.derivations.count)
    }

    /// "8 steps from their TeX" or "5 steps from their TeX, 2 by Swift twin".
    static func stepCounts(_ derivation: Derivation) -> String {
        let tex = derivation.texStepCount, twins = derivation.twinOnlyStepCount
        let fromTeX = "\(tex) step\(tex == 1 ? "" : "s") from \(tex == 1 ? "its" : "their") TeX"
        return twins == 0 ? fromTeX : fromTeX + ", \(twins) by Swift twin"
    }

    /// "The chapter program wrote to render's channel itself": at the item
    /// that was running when the record came, or at the chapter's first line.
    static func forgeryDiagnostic(_ document: ChapterDocument, program: ChapterProgram, run: ChapterRun, forgery: String) -> Diagnostic {
        let message = "the chapter program wrote to render's channel itself: \(forgery); only render's runtime may write records there, so the run's values and checks are not trusted (print with print(...), draw with figure(...), and leave the channel file alone)"
        guard let item = run.lastItem, program.items.indices.contains(item) else {
            return Diagnostic(file: document.path, line: 1, message)
        }
        switch program.items[item] {
        case .block(let index): return Diagnostic(file: document.path, line: document.swiftBlocks[index].fenceLine, message)
        case .derivation(let index): return Diagnostic(file: document.path, line: document.derivations[index].fenceLine, message)
        case .value(let id):
            let location = document.expressions[id].location
            return Diagnostic(file: document.path, line: location.line, column: location.column, message)
        }
    }

    /// "The program stopped here": at the block, expression or derivation
    /// that was running, with the trap's message.
    static func stopDiagnostic(_ document: ChapterDocument, program: ChapterProgram, run: ChapterRun, failure: String) -> Diagnostic {
        guard let item = run.lastItem, program.items.indices.contains(item) else {
            return Diagnostic(file: document.path, line: 1, "the chapter program \(failure) before running any chapter code")
        }
        switch program.items[item] {
        case .block(let index):
            let line = document.swiftBlocks[index].fenceLine
            if let statement = run.trapLine {
                return Diagnostic(file: document.path, line: statement, "this statement of the swift block at line \(line) \(Self.verb(failure))")
            }
            return Diagnostic(file: document.path, line: line, "the swift block starting here \(Self.verb(failure))")
        case .derivation(let index):
            let line = document.derivations[index].fenceLine
            return Diagnostic(file: document.path, line: line, "the derivation starting here \(Self.verb(failure))")
        case .value(let id):
            let expression = document.expressions[id]
            return Diagnostic(file: document.path, line: expression.location.line, column: expression.location.column,
                              "evaluating `\(expression.expression)` \(Self.verb(failure))")
        }
    }

    /// Compile errors at the chapter's columns: swiftc counts UTF-8 bytes,
    /// messages count Unicode scalars; and an error in an expression written
    /// past ``ProgramWriter/maxPadding`` is moved back to that expression
    /// (the first such one on its line, when there are several). The
    /// chapter's lines are read once for all errors.
    static func chapterColumns(_ errors: [Diagnostic], in document: ChapterDocument) -> [Diagnostic] {
        let lines = SourceLines(document.source.text)
        var farExpressions: [Int: SourceLocation] = [:]  // line → its first expression past the padding limit
        for expression in document.expressions {
            let at = expression.location
            if lines.byteColumn(line: at.line, column: at.column) > ProgramWriter.maxPadding + 1, farExpressions[at.line] == nil {
                farExpressions[at.line] = at
            }
        }
        return errors.map { diagnostic in
            guard diagnostic.file == document.path, diagnostic.line >= 1, diagnostic.line <= lines.count else { return diagnostic }
            var byteColumn = diagnostic.column
            if byteColumn > ProgramWriter.maxPadding, let far = farExpressions[diagnostic.line] {
                byteColumn = lines.byteColumn(line: far.line, column: far.column) + (byteColumn - ProgramWriter.maxPadding - 1)
            }
            var fixed = diagnostic
            fixed.column = lines.scalarIndex(line: diagnostic.line, byteColumn: byteColumn) + 1
            return fixed
        }
    }

    /// "trapped: Fatal error: …" or the ending as written.
    static func verb(_ failure: String) -> String {
        ["did ", "exited", "crashed", "was "].contains(where: failure.hasPrefix) ? failure : "trapped: \(failure)"
    }
}
