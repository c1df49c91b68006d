import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
import TutorialBase
import TutorialMarkdown
#endif

/// Runs a child process (swiftc, node, a chapter program) through
/// swift-subprocess, with an optional time limit and output cap.
///
/// A non-zero exit or a signal is data (`Outcome.status`), not an error:
/// only a failure to start the process throws. A time limit (and a channel
/// file's cap) is enforced by racing the run against a watchdog; when the
/// watchdog wins, the run is cancelled and swift-subprocess kills (SIGKILL)
/// and reaps the child itself, so no stale process id is ever signalled. A
/// chapter program's output cap is not polled: its standard output and error
/// come through pipes into an `OutputCollector`, which counts each byte as
/// it arrives, and the reader (`OutputPump`) stops the child's process group
/// the moment the two exceed their cap.
public enum ChildProcess {
    /// How a child process ended.
    public enum Status: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        /// Stopped for writing more than the cap to its standard output and error.
        case outputCapExceeded
        /// Killed for writing more than its cap to the channel file.
        case channelCapExceeded
    }

    /// How a child ended, and what it printed.
    public struct Outcome: Sendable {
        /// How it ended.
        public var status: Status
        /// What it wrote to standard output.
        public var standardOutput: String
        /// What it wrote to standard error.
        public var standardError: String
    }

    /// Where a chapter program's output goes, and how much of it is allowed.
    public struct ProgramOutput: Sendable {
        /// Takes standard output and error from their pipes, and holds their cap.
        var collector: OutputCollector
        /// The channel file and the bytes it may hold.
        package var channel: String? = nil
        /// The bytes the channel file may hold before the program is stopped.
        var channelCap: Int = .max
        /// When set (with a channel), the time limit counts from the program's
        /// first change to the channel file — its own start — not from the launch, and
        /// starting (the sandbox, loading the libraries) may take this long
        /// besides: on a busy machine a start can take seconds, and a chapter's
        /// time limit is for its code.
        var startAllowance: Duration? = nil
    }

    /// Runs `executable` and waits for it.
    /// - Parameters:
    ///   - executable: an absolute path.
    ///   - environment: variables added to the inherited environment.
    ///   - input: sent to standard input.
    ///   - inputBytes: sent to standard input instead of `input` (binary data).
    ///   - program: when given, standard output and error go through pipes to
    ///     its collector (which keeps them even when a time-out ends the run),
    ///     and `Outcome` carries neither.
    ///   - timeout: kill the process after this long.
    ///   - inheritEnvironment: false: the child sees only `environment`.
    ///   - processGroup: start the child in a process group of its own, and
    ///     kill the whole group (not only the child) on a time-out or cancellation.
    public static func run(
        _ executable: String, arguments: [String], environment: [String: String]? = nil,
        inheritEnvironment: Bool = true,
        input: String? = nil, inputBytes: [UInt8]? = nil, program: ProgramOutput? = nil, timeout: Duration? = nil,
        workingDirectory: String? = nil, processGroup: Bool = false
    ) async throws -> Outcome {
        let variables = Dictionary(uniqueKeysWithValues: (environment ?? [:]).compactMap { entry in
            Environment.Key(rawValue: entry.key).map { ($0, entry.value) }
        })
        var options = PlatformOptions()
        if processGroup {
            options.processGroupID = 0
            options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(50))]
        }
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: inheritEnvironment ? .inherit.updating(variables.mapValues { Optional($0) }) : .custom(variables),
            workingDirectory: workingDirectory.map { FilePath($0) },
            platformOptions: options)

        enum Race: Sendable { case finished(Outcome), watchdog(Status) }
        // The channel starts with the run's key, which the program erases when it starts.
        let channelAtLaunch = program?.channel.map(size) ?? 0
        return try await withThrowingTaskGroup(of: Race.self) { group in
            group.addTask {
                .finished(try await launch(configuration, input: inputBytes ?? Array((input ?? "").utf8), program: program, processGroup: processGroup))
            }
            if timeout != nil || program?.channel != nil {
                group.addTask {
                    let clock = ContinuousClock()
                    let launched = clock.now
                    var started: ContinuousClock.Instant? = nil
                    let countsFromStart = program?.channel != nil && program?.startAllowance != nil
                    while true {
                        try await Task.sleep(for: .milliseconds(25))
                        if countsFromStart, started == nil, let channel = program?.channel, size(channel) != channelAtLaunch { started = clock.now }
                        if let timeout {
                            let deadline = countsFromStart
                                ? (started ?? launched + (program?.startAllowance ?? .zero)) + timeout
                                : launched + timeout
                            if clock.now >= deadline { return .watchdog(.timedOut) }
                        }
                        if let program, let channel = program.channel, size(channel) > program.channelCap {
                            return .watchdog(.channelCapExceeded)
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            switch first {
            case .finished(let outcome):
                return outcome
            case .watchdog(let status):
                group.cancelAll()
                _ = try? await group.next()  // the cancelled run: its child is killed and reaped
                return Outcome(status: status, standardOutput: "", standardError: "")
            }
        }
    }

    private static func launch(_ configuration: Configuration, input: [UInt8], program: ProgramOutput?, processGroup: Bool) async throws -> Outcome {
        let limit = 256 << 20
        let status: TerminationStatus
        var out = "", err = ""
        if let program {
            let (outputPipe, errorPipe) = try makePipes()
            let result: ExecutionResult<Bool, FileDescriptorOutput, FileDescriptorOutput>
            do {
                result = try await Subprocess.run(
                    configuration, input: .array(input),
                    output: .fileDescriptor(FileDescriptor(rawValue: outputPipe[1]), closeAfterSpawningProcess: true),
                    error: .fileDescriptor(FileDescriptor(rawValue: errorPipe[1]), closeAfterSpawningProcess: true)
                ) { execution in
                    await OutputPump(collector: program.collector, output: outputPipe[0], error: errorPipe[0],
                                     child: execution.processIdentifier.value) {
                        try? execution.send(signal: .kill, toProcessGroup: processGroup)
                    }.run()
                }
            } catch {
                close(outputPipe[0]); close(errorPipe[0])
                throw error
            }
            if result.closureResult { return Outcome(status: .outputCapExceeded, standardOutput: "", standardError: "") }
            status = result.terminationStatus
        } else {
            let result = try await Subprocess.run(
                configuration, input: .array(input), output: .string(limit: limit), error: .string(limit: limit))
            status = result.terminationStatus
            out = result.standardOutput ?? ""
            err = result.standardError ?? ""
        }
        switch status {
        case .exited(let code): return Outcome(status: .exited(code), standardOutput: out, standardError: err)
        case .signaled(let signal): return Outcome(status: .signaled(signal), standardOutput: out, standardError: err)
        }
    }

    /// Two pipes, each as [read end, write end], closed on exec: swift-subprocess
    /// hands the write ends to the child as its fds 1 and 2, and no other
    /// child render starts keeps a copy (which would hold the pipe open).
    private static func makePipes() throws -> ([Int32], [Int32]) {
        var made: [[Int32]] = []
        for _ in 0..<2 {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else {
                let reason = String(cString: strerror(errno))
                for pair in made { close(pair[0]); close(pair[1]) }
                throw SetupError("cannot make a pipe for a chapter program's output: \(reason)")
            }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            made.append(ends)
        }
        return (made[0], made[1])
    }

    private static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}

extension ChildProcess {
    /// The first of `names` found as an executable on `PATH`, as a path.
    public static func find(_ names: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for folder in searchPath.split(separator: ":") where !folder.isEmpty {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Up to `limit` bytes from the start of a file.
    package static func head(of path: String, limit: Int) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: limit)) ?? Data()
    }
}
