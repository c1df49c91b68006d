import Foundation
import Testing
@testable import TutorialProgram

/// A run's tidying happens after its result is in, in order, and a build waits for all of it.
@Suite struct RunCleanupTests {
    final class Log: @unchecked Sendable {
        let lock = NSLock()
        var entries: [Int] = []
        func add(_ k: Int) { lock.withLock { entries.append(k) } }
        var all: [Int] { lock.withLock { entries } }
    }

    @Test func cleanupsRunInOrderAndSettleWaitsForThem() async {
        let log = Log()
        for k in 0..<20 {
            RunCleanup.later {
                if k == 0 { usleep(50_000) }  // the first is slow: the others wait their turn
                log.add(k)
            }
        }
        await RunCleanup.settle()
        #expect(log.all == Array(0..<20))
    }

    /// Waiting for the tidying holds none of the threads Swift's concurrency
    /// runs on: more builds settle at once than there are such threads, while
    /// a cleanup waits for a signal that only a task on those threads gives.
    @Test(.timeLimit(.minutes(1)))
    func settlingHoldsNoConcurrencyThread() async {
        let released = DispatchSemaphore(value: 0)
        let log = Log()
        RunCleanup.later {
            released.wait()
            log.add(1)
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<(2 * ProcessInfo.processInfo.activeProcessorCount + 2) {
                group.addTask { await RunCleanup.settle() }
            }
            group.addTask { released.signal() }  // runs only if the settling tasks left it a thread
        }
        #expect(log.all == [1])
    }
}
