import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// One node process, kept between the builds of `render serve` and
/// `render watch`, that typesets math and builds the search index on request.
///
/// A one-shot batch pays for starting node and loading KaTeX (about 150 ms
/// here) on every build whose text changed; a preview rebuilds after every
/// save, so it keeps node running instead. The worker runs the same script
/// (``KaTeXScript``) in its line mode: each request is one line of JSON on
/// its standard input, each answer one line on its standard output, so a
/// build gets exactly the answer a one-shot batch would give.
///
/// Anything unexpected (node exits, answers garbage, or takes longer than
/// `timeout`) stops the worker and throws; ``MathTypesetter`` then runs the
/// one-shot batch, which reports node's own error, and the next request
/// starts a fresh worker. The worker ends with render: its standard input
/// closes, and the script exits at end of input.
public final class NodeWorker: @unchecked Sendable {
    /// The longest a request may take before the worker is stopped.
    public let timeout: Duration

    private let lock = NSLock()
    private var process: Process?
    private var input: FileHandle?
    private var output: Int32 = -1
    private var buffer: [UInt8] = []
    /// The node and KaTeX the running process was started with.
    private var startedWith: (node: String, katex: String)?

    /// A worker that starts node on its first request.
    public init(timeout: Duration = .seconds(60)) {
        self.timeout = timeout
    }

    deinit { stopLocked() }

    /// No answer came within the time allowed; the worker is stopped.
    struct TimedOut: Error {}

    /// Sends one request (a line of JSON) and returns the answer line,
    /// waiting at most `limit` (and never more than ``timeout``).
    /// - Throws: ``TimedOut``, or `MathTypesetterError.nodeFailed` when the
    ///   worker could not answer; it is stopped then.
    func answer(_ request: String, node: String, katex: String, limit: Duration? = nil) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        do {
            if startedWith?.node != node || startedWith?.katex != katex || process?.isRunning != true {
                stopLocked()
                try start(node: node, katex: katex)
            }
            try send(request)  // the request as it is, not a copy with the newline (a page's text can be many MiB)
            try send("\n")
            return try readLine(within: min(limit ?? timeout, timeout))
        } catch let late as TimedOut {
            stopLocked()
            throw late
        } catch {
            stopLocked()
            throw MathTypesetterError.nodeFailed(status: "the node worker stopped", standardError: "\(error)")
        }
    }

    /// The process id of the running node, if one runs.
    var processIdentifier: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return process?.isRunning == true ? process?.processIdentifier : nil
    }

    /// Stops node, if it runs.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        stopLocked()
    }

    private func start(node: String, katex: String) throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: node)
        child.arguments = ["-e", KaTeXScript.source, katex, KaTeXScript.lineMode]
        child.environment = MathTypesetter.nodeEnvironment()
        let toNode = Pipe()
        let fromNode = Pipe()
        child.standardInput = toNode
        child.standardOutput = fromNode
        child.standardError = FileHandle.nullDevice
        try child.run()
        process = child
        input = toNode.fileHandleForWriting
        output = dup(fromNode.fileHandleForReading.fileDescriptor)
        try? fromNode.fileHandleForReading.close()
        try? toNode.fileHandleForReading.close()
        buffer = []
        startedWith = (node, katex)
    }

    /// Writes all of `text` to node. A node that died makes the write fail
    /// with EPIPE: SIGPIPE, which would end render, is blocked in this
    /// thread for the write and a pending one is taken back before unblocking.
    private func send(_ text: String) throws {
        guard let fd = input?.fileDescriptor else { throw CocoaError(.fileWriteUnknown) }
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var now = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &now)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        var text = text
        try text.withUTF8 { utf8 in
            var rest = UnsafeRawBufferPointer(utf8)
            while !rest.isEmpty {
                let written = write(fd, rest.baseAddress, rest.count)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "node does not read: \(String(cString: strerror(errno)))"]) }
                rest = UnsafeRawBufferPointer(rebasing: rest[written...])
            }
        }
    }

    /// Reads up to the next newline, waiting at most `timeout` in all.
    private func readLine(within timeout: Duration) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw TimedOut() }
            var wait = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            let ready = poll(&wait, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { throw CocoaError(.fileReadUnknown) }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "node closed its output"]) }
            buffer += chunk[..<count]
        }
    }

    private func stopLocked() {
        try? input?.close()
        input = nil
        if output >= 0 { close(output) }
        output = -1
        if let process, process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        process = nil
        startedWith = nil
        buffer = []
    }
}
