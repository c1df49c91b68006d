import Tutorial

/// Runs one build or check and prints it; returns the exit status.
enum BuildRun {
    static func perform(_ options: BuildOptions, session: BuildSession, reporter: ConsoleReporter) async -> Int32 {
        await performReporting(options, session: session, reporter: reporter).status
    }

    /// The exit status, and what a failed build reported (for `render serve`'s overlay).
    static func performReporting(_ options: BuildOptions, session: BuildSession, reporter: ConsoleReporter) async -> (status: Int32, problems: [Diagnostic], failure: String?) {
        do {
            let summary = try await BookBuilder(options: options, session: session).build(onChapter: reporter.chapterFinished)
            reporter.diagnostics(summary.diagnostics)
            reporter.summary(summary)
            return (0, [], nil)
        } catch let failure as BuildFailure {
            reporter.diagnostics(failure.diagnostics)
            if let summary = failure.summary { reporter.summary(summary) }
            return (1, failure.diagnostics.filter { $0.severity == .error }, nil)
        } catch let setup as SetupError {
            reporter.setupError(setup)
            return (2, [], setup.description)
        } catch {
            reporter.setupError(SetupError("\(error)"))
            return (2, [], "error: \(error)")
        }
    }
}
