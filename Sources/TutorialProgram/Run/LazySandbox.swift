import TutorialBase
import TutorialMarkdown

/// The sandbox, located (and bubblewrap started once to check it) only when
/// the first chapter program has to be compiled or run: a build whose runs
/// all come from the cache never pays for it.
package actor LazySandbox {
    package let enabled: Bool
    package let memoryLimit: Int
    package let compileMemoryLimit: Int
    private var task: Task<Sandbox, Error>?

    package init(enabled: Bool, memoryLimit: Int, compileMemoryLimit: Int = 4 << 30) {
        self.enabled = enabled
        self.memoryLimit = memoryLimit
        self.compileMemoryLimit = compileMemoryLimit
    }

    /// - Throws: `SetupError` when bubblewrap is missing or cannot start.
    package func get() async throws -> Sandbox {
        if let task { return try await task.value }
        let enabled = self.enabled, memoryLimit = self.memoryLimit, compileMemoryLimit = self.compileMemoryLimit
        let started = Task { try await Sandbox.locate(enabled: enabled, memoryLimit: memoryLimit, compileMemoryLimit: compileMemoryLimit) }
        task = started
        return try await started.value
    }
}
