import Tutorial

/// Runs one build or check and prints it; returns the exit status.
enum BuildRun {
    static func perform(_ options: BuildOptions, reporter: ConsoleReporter) async -> Int32 {
        do {
            let summary = try await BookBuilder(options: options).build(onChapter: reporter.chapterFinished)
            reporter.diagnostics(summary.diagnostics)
            reporter.summary(summary)
            return 0
        } catch let failure as BuildFailure {
            reporter.diagnostics(failure.diagnostics)
            if let summary = failure.summary { reporter.summary(summary) }
            return 1
        } catch let setup as SetupError {
            reporter.setupError(setup)
            return 2
        } catch {
            reporter.setupError(SetupError("\(error)"))
            return 2
        }
    }
}
