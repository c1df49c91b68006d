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
/// chapter runs of the synthetic book waited 10 ms or more.
///
/// The tidying is the same, only later: in order, on one thread of its own
/// (not a dispatch queue, whose threads on Linux are the ones Swift's
/// concurrency runs on, so a tidying that waits would hold one of them), and
/// a build awaits ``settle()`` before it returns, so no group or folder of a
/// finished build is left behind. Awaiting does not hold a thread either. A
/// render killed before then leaves them to ``Leftovers``, as before.
package enum RunCleanup {
    private final class State: @unchecked Sendable {
        let condition = NSCondition()
        var work: [@Sendable () -> Void] = []
        /// How many cleanups were handed in, and how many are done.
        var handedIn = 0, done = 0
        /// Builds waiting for every cleanup up to a number to be done.
        var waiting: [(upTo: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var started = false
    }

    private static let state = State()

    /// Runs `work` on the cleanup thread, after every cleanup handed in before it.
    package static func later(_ work: @escaping @Sendable () -> Void) {
        let state = state
        state.condition.lock()
        defer { state.condition.unlock() }
        state.work.append(work)
        state.handedIn += 1
        if !state.started {
            state.started = true
            let thread = Thread { drain(state) }
            thread.name = "render.run-cleanup"
            thread.stackSize = 1 << 20
            thread.start()
        }
        state.condition.signal()
    }

    /// Returns once every cleanup handed in before the call is done.
    package static func settle() async {
        let state = state
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.condition.lock()
            defer { state.condition.unlock() }
            if state.done >= state.handedIn {
                continuation.resume()
            } else {
                state.waiting.append((state.handedIn, continuation))
            }
        }
    }

    /// The cleanup thread: runs the work in order, and resumes each build
    /// whose cleanups are all done.
    private static func drain(_ state: State) {
        while true {
            state.condition.lock()
            while state.work.isEmpty { state.condition.wait() }
            let next = state.work.removeFirst()
            state.condition.unlock()
            next()
            state.condition.lock()
            state.done += 1
            let ready = state.waiting.filter { $0.upTo <= state.done }
            state.waiting.removeAll { $0.upTo <= state.done }
            state.condition.unlock()
            for waiter in ready { waiter.continuation.resume() }
        }
    }
}
