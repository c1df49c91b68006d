import Foundation

/// Reads a child's standard output and error from the read ends of their
/// pipes into an `OutputCollector`, on a thread of its own.
///
/// Why a thread: a program blocks when its pipe is full, and its time limit
/// keeps counting. Read through Swift's cooperative pool, which a busy render
/// (or the whole test suite on two cores) keeps full, 64 MiB of output did
/// not reach the 16 MiB cap within a 60 s limit; a thread blocked in
/// `poll(2)` takes the bytes as they come, and stops the child (`stop`)
/// from that same thread the moment the cap is passed.
///
/// It reads until both pipes end. A writer that outlives the child (a
/// process it left behind without the sandbox's PID namespace) would hold
/// them open for ever, so once the child has exited (`waitid` with `WNOWAIT`,
/// which leaves the reaping to swift-subprocess) it reads only what is already
/// there, and stops.
struct OutputPump: @unchecked Sendable {
    var collector: OutputCollector
    /// The read ends of standard output and error; the pump closes both.
    var output: Int32, error: Int32
    /// The child, to tell when it has exited.
    var child: pid_t
    /// Stops the child (its process group); called at most once.
    var stop: @Sendable () -> Void

    /// Reads until both pipes end, or until the cap is passed.
    /// - Returns: whether output and error together passed the cap.
    func run() async -> Bool {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: pump()) }.start()
        }
    }

    private func pump() -> Bool {
        var descriptors = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: error, events: Int16(POLLIN), revents: 0)]
        defer { for entry in descriptors where entry.fd >= 0 { close(entry.fd) } }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var childExited = false
        while descriptors.contains(where: { $0.fd >= 0 }) {
            // While the child runs, wait for bytes (checking every 200 ms whether it ended); after, take only what is there.
            let ready = poll(&descriptors, nfds_t(descriptors.count), childExited ? 0 : 200)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 {
                if ready < 0 || childExited { break }
                childExited = Self.hasExited(child)
                continue
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    let kept = buffer.withUnsafeBytes { collector.receive(UnsafeRawBufferPointer(rebasing: $0[..<count]), error: index == 1) }
                    if !kept {
                        stop()
                        return true
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                }
            }
        }
        return false
    }

    /// Whether `child` has exited, without reaping it.
    private static func hasExited(_ child: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(child), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return true }
        return info._sifields._sigchld.si_pid != 0
    }
}
