/// Check: turns a chapter's compile or run outcome into diagnostics and
/// check records — compile errors, a run that stopped early, each claim and
/// each derivation.
enum ChapterChecker {
    static func check(_ document: ChapterDocument, program: ChapterProgram, outcome: ChapterExecutor.Outcome) -> ChapterCheck {
        var diagnostics = document.diagnostics
        var run: ChapterRun?
        switch outcome {
        case .notNeeded: break
        case .compileErrors(let errors): diagnostics += errors
        case .ran(let raw, _):
            let parsed = ChapterRun(raw)
            run = parsed
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
            let anchor = ChapterTypesetter.checkAnchor(line: expression.location.line, column: expression.location.column)
            guard let value = run?.values[id] else {
                records.append(CheckRecord(chapter: document.path, line: expression.location.line, kind: .claim,
                    expression: expression.expression, computed: "not computed", expected: claim, passed: false, anchor: anchor))
                continue
            }
            let failure = ClaimChecker.failure(expression: expression.expression, literal: claim, value: value)
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
            let complete = draws == derivation.draws
            if run?.failure == nil, run != nil, !complete {
                problems.append(Diagnostic(file: document.path, line: derivation.fenceLine,
                    "the derivation ran \(draws) of its \(derivation.draws) draws"))
            }
            diagnostics += problems
            records.append(CheckRecord(chapter: document.path, line: derivation.fenceLine, kind: .derivation,
                expression: derivation.checkedSteps.compactMap(\.expression).joined(separator: " = "),
                computed: "\(draws) draws", expected: "\(derivation.draws) draws",
                passed: problems.isEmpty && complete,
                anchor: ChapterTypesetter.checkAnchor(line: derivation.fenceLine, column: 1)))
        }
        return ChapterCheck(run: run, diagnostics: diagnostics, records: records,
                            valueCount: values, claimCount: claims, derivationCount: document.derivations.count)
    }

    /// "The program stopped here": at the block, expression or derivation
    /// that was running, with the trap's message.
    static func stopDiagnostic(_ document: ChapterDocument, program: ChapterProgram, run: ChapterRun, failure: String) -> Diagnostic {
        guard let item = run.lastItem, program.itemLines.indices.contains(item) else {
            return Diagnostic(file: document.path, line: 1, "the chapter program \(failure) before running any chapter code")
        }
        let line = program.itemLines[item]
        if document.swiftBlocks.contains(where: { $0.fenceLine == line }) {
            return Diagnostic(file: document.path, line: line, "the swift block starting here \(Self.verb(failure))")
        }
        if let derivation = document.derivations.first(where: { $0.fenceLine == line }) {
            return Diagnostic(file: document.path, line: derivation.fenceLine, "the derivation starting here \(Self.verb(failure))")
        }
        if let expression = document.expressions.first(where: { $0.location.line == line }) {
            return Diagnostic(file: document.path, line: line, column: expression.location.column,
                              "evaluating `\(expression.expression)` \(Self.verb(failure))")
        }
        return Diagnostic(file: document.path, line: line, "the chapter program \(failure)")
    }

    /// "trapped: Fatal error: …" or the ending as written.
    static func verb(_ failure: String) -> String {
        failure.hasPrefix("did ") || failure.hasPrefix("exited") || failure.hasPrefix("crashed") ? failure : "trapped: \(failure)"
    }
}
