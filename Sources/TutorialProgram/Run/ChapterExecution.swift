import TutorialBase
import TutorialMarkdown

/// One chapter program after compile and run: what happened, and how long it took.
package struct ChapterExecution: Sendable {
    /// Compiler errors, a run, a failure, or nothing to run.
    package var outcome: ChapterExecutor.Outcome
    /// Time spent compiling and running.
    package var seconds: Double

    /// Whether the run came from the cache.
    package var cached: Bool {
        if case .ran(_, let cached, _) = outcome { return cached }
        return false
    }

    /// Whether swiftc compiled the chapter in this build (a compile that
    /// failed counts: it ran).
    package var compiled: Bool {
        switch outcome {
        case .ran(_, _, let compiled): compiled
        case .compileErrors, .failed: true
        case .notNeeded: false
        }
    }
}
