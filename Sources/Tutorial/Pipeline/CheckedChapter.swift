import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// One chapter after its run and its check: the check's records and
/// diagnostics, and the chapter's line in the progress output.
///
/// The driver makes it: Run hands over a ``ChapterExecution`` and knows
/// nothing of checking; Check takes the outcome and knows nothing of
/// scheduling.
struct CheckedChapter: Sendable {
    var check: ChapterCheck
    var report: ChapterReport

    /// Checks `document` against its program's `execution`; the report's time
    /// is the compile and run plus the check.
    /// - Parameter strict: see `BuildOptions.strict`.
    static func check(_ document: ChapterDocument, program: ChapterProgram, execution: ChapterExecution, strict: Bool) -> CheckedChapter {
        let clock = ContinuousClock()
        let began = clock.now
        let check = ChapterChecker.check(document, program: program, outcome: execution.outcome, strict: strict)
        let report = ChapterReport(
            path: document.path, name: document.name, values: check.valueCount, claims: check.claimCount,
            derivations: check.derivationCount, errors: check.diagnostics.filter { $0.severity == .error }.count,
            seconds: execution.seconds + (clock.now - began).seconds, cached: execution.cached, compiled: execution.compiled,
            hasProgram: program.hasWork)
        return CheckedChapter(check: check, report: report)
    }
}
