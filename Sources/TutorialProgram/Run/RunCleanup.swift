import Foundation

/// What a chapter run leaves to tidy once it has returned its result: its
/// cgroups (``ProcessLimitGroup``, ``MemoryLimitGroup``) and its scratch
/// folder, removed on a thread of their own so the next run need not wait.
///
/// Removing a run's cgroup waits for the kernel to finish tearing its
/// processes down: `rmdir` says `EBUSY` for up to tens of milliseconds after
/// the PID namespace has ended them. Done inline, that wait held one of the
/// few threads Swift's concurrency runs render on (two on a two-core
/// machine), and with it the next chapter's start: a third of the 30
/// chapter runs of the synthetic book waited 10 ms or more. The tidying is
/// the same, only later: in order, on one serial queue, and ``finish()``
/// waits for it before a build returns, so no group or folder of a finished
/// build is left behind. A render killed before then leaves them to
/// ``Leftovers``, as before.
package enum RunCleanup {
    private static let queue = DispatchQueue(label: "render.run-cleanup", qos: .utility)
    private static let pending = DispatchGroup()

    /// Runs `work` after every cleanup handed in before it.
    package static func later(_ work: @escaping @Sendable () -> Void) {
        pending.enter()
        queue.async {
            work()
            pending.leave()
        }
    }

    /// Waits until every cleanup handed in so far is done, at most `limit`
    /// (a group whose processes never go is left to ``Leftovers``).
    package static func finish(limit: DispatchTimeInterval = .seconds(5)) {
        _ = pending.wait(timeout: .now() + limit)
    }
}
