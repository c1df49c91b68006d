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
/// only a failure to start the process throws. A time limit or an output cap
/// is enforced by racing the run against a watchdog; when the watchdog wins,
/// the run is cancelled and swift-subprocess kills (SIGKILL) and reaps the
/// child itself, so no stale process id is ever signalled.
public enum ChildProcess {
    /// How a child process ended.
    public enum Status: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        /// Killed for writing more than the cap to its output files.
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
    public struct OutputFiles: Sendable {
        /// The file standard output goes to.
        public var standardOutput: String
        /// The file standard error goes to.
        public var standardError: String
        /// Bytes the two files may hold together before the program is killed.
        public var cap: Int
        /// The channel file and the bytes it may hold.
        public var channel: String? = nil
        /// The bytes the channel file may hold before the program is stopped.
        public var channelCap: Int = .max
        /// When set (with a channel), the time limit counts from the program's
        /// first change to the channel file — its own start — not from the launch, and
        /// starting (the sandbox, loading the libraries) may take this long
        /// besides: on a busy machine a start can take seconds, and a chapter's
        /// time limit is for its code.
        public var startAllowance: Duration? = nil
    }

    /// Runs `executable` and waits for it.
    /// - Parameters:
    ///   - executable: an absolute path.
    ///   - environment: variables added to the inherited environment.
    ///   - input: sent to standard input.
    ///   - inputBytes: sent to standard input instead of `input` (binary data).
    ///   - files: when given, standard output and error go to these regular
    ///     files (the child can tell its offset in them) instead of being
    ///     collected, and `Outcome` carries neither.
    ///   - timeout: kill the process after this long.
    ///   - inheritEnvironment: false: the child sees only `environment`.
    ///   - processGroup: start the child in a process group of its own, and
    ///     kill the whole group (not only the child) on a time-out or cancellation.
    public static func run(
        _ executable: String, arguments: [String], environment: [String: String]? = nil,
        inheritEnvironment: Bool = true,
        input: String? = nil, inputBytes: [UInt8]? = nil, files: OutputFiles? = nil, timeout: Duration? = nil,
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
        let channelAtLaunch = files?.channel.map(size) ?? 0
        return try await withThrowingTaskGroup(of: Race.self) { group in
            group.addTask {
                .finished(try await launch(configuration, input: inputBytes ?? Array((input ?? "").utf8), files: files))
            }
            if timeout != nil || files != nil {
                group.addTask {
                    let clock = ContinuousClock()
                    let launched = clock.now
                    var started: ContinuousClock.Instant? = nil
                    let countsFromStart = files?.channel != nil && files?.startAllowance != nil
                    while true {
                        try await Task.sleep(for: .milliseconds(25))
                        if countsFromStart, started == nil, let channel = files?.channel, size(channel) != channelAtLaunch { started = clock.now }
                        if let timeout {
                            let deadline = countsFromStart
                                ? (started ?? launched + (files?.startAllowance ?? .zero)) + timeout
                                : launched + timeout
                            if clock.now >= deadline { return .watchdog(.timedOut) }
                        }
                        if let files, size(files.standardOutput) + size(files.standardError) > files.cap {
                            return .watchdog(.outputCapExceeded)
                        }
                        if let files, let channel = files.channel, size(channel) > files.channelCap {
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

    private static func launch(_ configuration: Configuration, input: [UInt8], files: OutputFiles?) async throws -> Outcome {
        let limit = 256 << 20
        let status: TerminationStatus
        var out = "", err = ""
        if let files {
            let stdout = try FileDescriptor.open(
                FilePath(files.standardOutput), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
            let stderr = try FileDescriptor.open(
                FilePath(files.standardError), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
            status = try await Subprocess.run(
                configuration, input: .array(input),
                output: .fileDescriptor(stdout, closeAfterSpawningProcess: true),
                error: .fileDescriptor(stderr, closeAfterSpawningProcess: true)
            ).terminationStatus
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

    /// Up to `limit` bytes from the end of a file (a trap's message is at the end).
    package static func tail(of path: String, limit: Int) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        let end = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: end > UInt64(limit) ? end - UInt64(limit) : 0)
        return (try? handle.readToEnd()) ?? Data()
    }

    /// Up to `limit` bytes from the start of a file.
    package static func head(of path: String, limit: Int) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: limit)) ?? Data()
    }
}
