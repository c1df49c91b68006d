import Foundation
import Tutorial

/// The watcher `render serve` reads changes from. When book.toml comes to
/// name other files (a stylesheet, a sources folder, a package), serve
/// replaces it with one that watches those; Ctrl-C stops whichever is current.
final class CurrentWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var watcher: ChangeWatcher
    private var stopped = false

    init(_ watcher: ChangeWatcher) {
        self.watcher = watcher
    }

    /// The watcher in use.
    var current: ChangeWatcher {
        lock.withLock { watcher }
    }

    /// Stops the current watcher and starts one on `paths`, which knows what
    /// the old one reported (a save it reported is not reported again).
    /// - Returns: the new watcher, or nil once serve is stopping.
    func replace(paths: [String]) -> ChangeWatcher? {
        lock.withLock {
            guard !stopped else { return nil }
            watcher.stop()
            watcher = ChangeWatcher(paths: paths, interval: watcher.interval, reported: watcher.reported)
            return watcher
        }
    }

    /// Stops the current watcher, and any replacement.
    func stop() {
        lock.withLock {
            stopped = true
            watcher.stop()
        }
    }
}
