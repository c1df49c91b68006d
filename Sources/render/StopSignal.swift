import Foundation

/// Turns Ctrl-C (SIGINT), and by default SIGTERM, into a stop that a command
/// waits for (`serve`: ``wait()``) or polls between rebuilds (`watch`:
/// ``received``), so it ends cleanly instead of dying mid-write.
///
/// The signals are ignored at the process level and read from dispatch
/// sources, so the handler runs as ordinary code, not in signal context.
final class StopSignal: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var fired = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Starts catching `numbers` (SIGINT and SIGTERM unless told).
    init(_ numbers: [Int32] = [SIGINT, SIGTERM]) {
        for number in numbers {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in self.fire() }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether one of the signals has arrived.
    var received: Bool {
        lock.withLock { fired }
    }

    private func fire() {
        lock.lock()
        fired = true
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume()
    }

    /// Returns once one of the signals has arrived (at once if one already has).
    func wait() async {
        await withCheckedContinuation { continuation in
            lock.lock()
            if fired {
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
