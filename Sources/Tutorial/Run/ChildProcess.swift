import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a child process (swiftc, node, a chapter program) through
/// swift-subprocess, with an optional time limit after which it is killed.
///
/// A non-zero exit or a signal is data (`Outcome.status`), not an error:
/// only a failure to start the process throws.
public enum ChildProcess {
    public enum Status: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
    }

    public struct Outcome: Sendable {
        public var status: Status
        public var standardOutput: String
        public var standardError: String
    }

    /// - Parameters:
    ///   - executable: an absolute path.
    ///   - environment: variables added to the inherited environment.
    ///   - standardOutputFile: when given, standard output goes to this file
    ///     (a regular file, so the child can tell its offset) instead of being collected.
    ///   - timeout: kill the process (SIGKILL) after this long.
    public static func run(
        _ executable: String, arguments: [String], environment: [String: String]? = nil,
        input: String? = nil, standardOutputFile: String? = nil, timeout: Duration? = nil,
        workingDirectory: String? = nil
    ) async throws -> Outcome {
        let limit = 64 << 20
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: .inherit.updating(Dictionary(uniqueKeysWithValues: (environment ?? [:]).compactMap { entry in
                Environment.Key(rawValue: entry.key).map { ($0, Optional(entry.value)) }
            })),
            workingDirectory: workingDirectory.map { FilePath($0) })
        let pid = PidBox()
        let killer: Task<Void, Never>? = timeout.map { limit in
            Task {
                do { try await Task.sleep(for: limit) } catch { return }
                pid.kill()
            }
        }
        defer { killer?.cancel() }

        let status: TerminationStatus
        var out = ""
        let err: String
        if let standardOutputFile {
            let fd = try FileDescriptor.open(
                FilePath(standardOutputFile), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
            let result = try await Subprocess.run(
                configuration, input: .string(input ?? ""),
                output: .fileDescriptor(fd, closeAfterSpawningProcess: true),
                error: .string(limit: limit)
            ) { execution in
                pid.set(execution.processIdentifier.value)
            }
            status = result.terminationStatus
            err = result.standardError ?? ""
        } else {
            let result = try await Subprocess.run(
                configuration, input: .string(input ?? ""),
                output: .string(limit: limit), error: .string(limit: limit)
            ) { execution in
                pid.set(execution.processIdentifier.value)
            }
            status = result.terminationStatus
            out = result.standardOutput ?? ""
            err = result.standardError ?? ""
        }
        killer?.cancel()
        if pid.wasKilled { return Outcome(status: .timedOut, standardOutput: out, standardError: err) }
        switch status {
        case .exited(let code): return Outcome(status: .exited(code), standardOutput: out, standardError: err)
        case .signaled(let signal): return Outcome(status: .signaled(signal), standardOutput: out, standardError: err)
        }
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
}

/// The running child's pid, shared with the task that enforces the time limit.
private final class PidBox: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: pid_t = 0
    private var finished = false
    private(set) var wasKilled = false

    func set(_ value: pid_t) {
        lock.lock(); defer { lock.unlock() }
        pid = value
    }

    func kill() {
        lock.lock(); defer { lock.unlock() }
        guard pid > 0, !finished else { return }
        wasKilled = Foundation.kill(pid, SIGKILL) == 0
    }
}
