import Foundation

/// What a chapter program writes to its standard output and error, taken
/// from their pipes as it arrives, with the cap counted on the bytes received.
///
/// Guarantees, in the order `receive` keeps them:
/// - every byte read from either pipe counts, before it is kept;
/// - once output and error together exceed `cap`, `receive` says so (the
///   reader then stops the program's process group) and keeps nothing more,
///   so render holds at most `cap` bytes of output and `errorLimit` of error,
///   and nothing of it ever touches a disk;
/// - standard error keeps its last `errorLimit` bytes (a trap's message and
///   backtrace come last).
///
/// `OutputPump` fills it on a thread of its own while render reads it, and
/// a time-out may end the run while the pump reads, so the state sits behind
/// a lock and outlives the run.
final class OutputCollector: @unchecked Sendable {
    /// Bytes of output and error together a program may write.
    let cap: Int
    /// Bytes of standard error kept (its end).
    let errorLimit: Int
    private let lock = NSLock()
    private var output: [UInt8] = []
    private var errors: [UInt8] = []
    private var received = 0

    /// Creates an empty collector.
    public init(cap: Int, errorLimit: Int = 64 << 10) {
        self.cap = cap
        self.errorLimit = errorLimit
    }

    /// Takes bytes read from standard output (`error` false) or error.
    /// - Returns: false when output and error together are now over the cap.
    func receive(_ bytes: UnsafeRawBufferPointer, error: Bool) -> Bool {
        lock.withLock {
            guard received <= cap else { return false }
            received += bytes.count
            guard received <= cap else { return false }
            if error {
                errors.append(contentsOf: bytes)
                if errors.count > 2 * errorLimit { errors.removeFirst(errors.count - errorLimit) }
            } else {
                output.append(contentsOf: bytes)
            }
            return true
        }
    }

    /// Whether output and error together went over the cap.
    var exceeded: Bool { lock.withLock { received > cap } }
    /// Bytes received from both pipes, counting those past the cap that were not kept.
    var receivedBytes: Int { lock.withLock { received } }
    /// Standard output as received, up to the cap.
    public var standardOutput: [UInt8] { lock.withLock { output } }
    /// The last `errorLimit` bytes of standard error.
    public var standardError: [UInt8] { lock.withLock { Array(errors.suffix(errorLimit)) } }
}
