import Foundation
import Testing
@testable import TutorialProgram

/// A run's tidying happens after its result is in, in order, and a build waits for all of it.
@Suite struct RunCleanupTests {
    final class Log: @unchecked Sendable {
        let lock = NSLock()
        var entries: [Int] = []
        func add(_ k: Int) { lock.withLock { entries.append(k) } }
    }

    @Test func cleanupsRunInOrderAndFinishWaitsForThem() {
        let log = Log()
        for k in 0..<20 {
            RunCleanup.later {
                if k == 0 { usleep(50_000) }  // the first is slow: the others wait their turn
                log.add(k)
            }
        }
        RunCleanup.finish()
        #expect(log.lock.withLock { log.entries } == Array(0..<20))
    }
}
