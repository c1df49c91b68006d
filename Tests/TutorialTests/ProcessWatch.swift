import Foundation

/// Starts `render` as a child of the test and records the process id of
/// every descendant it ever sees (polling `/proc/PID/task/TID/children`),
/// with each one's start time, so that afterwards the test can check that
/// none of exactly those processes is still alive — and end only those.
final class ProcessWatch: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var seen: [Int32: String] = [:]  // pid → start time (field 22 of /proc/PID/stat)
    private var names: [Int32: String] = [:]
    let standardOutput: String
    let standardError: String

    init(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws {
        let folder = try RenderProcess.temporaryDirectory("watch")
        standardOutput = folder + "/stdout"
        standardError = folder + "/stderr"
        FileManager.default.createFile(atPath: standardOutput, contents: nil)
        FileManager.default.createFile(atPath: standardError, contents: nil)
        process.executableURL = URL(fileURLWithPath: RenderProcess.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"].merging(environment) { $1 }) { $1 }
        process.standardOutput = FileHandle(forWritingAtPath: standardOutput)
        process.standardError = FileHandle(forWritingAtPath: standardError)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// The descendants recorded so far.
    var recorded: [Int32: String] {
        lock.lock(); defer { lock.unlock() }
        return seen
    }

    /// Names (`comm`) of the descendants recorded so far.
    var recordedNames: [String] {
        lock.lock(); defer { lock.unlock() }
        return Array(names.values)
    }

    /// Looks once for descendants of render and records them.
    func scan() {
        var queue = [pid]
        var found: [Int32] = []
        while let next = queue.popLast() {
            for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(next)/task")) ?? [] {
                let text = (try? String(contentsOfFile: "/proc/\(next)/task/\(task)/children", encoding: .utf8)) ?? ""
                for child in text.split(separator: " ").compactMap({ Int32($0) }) where !found.contains(child) {
                    found.append(child)
                    queue.append(child)
                }
            }
        }
        lock.lock()
        for child in found where seen[child] == nil {
            if let start = Self.startTime(child) {
                seen[child] = start
                names[child] = (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            }
        }
        lock.unlock()
    }

    /// Scans for descendants until `condition` holds or render exits; returns
    /// whether the condition held. Polls; never sleeps in place of a condition.
    func watch(until condition: () -> Bool = { false }, deadline seconds: Double) async -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            scan()
            if condition() { return true }
            if !process.isRunning { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Waits for render to exit (scanning meanwhile); its exit status, or nil on the deadline.
    func finish(deadline seconds: Double) async -> Int32? {
        _ = await watch(deadline: seconds)
        guard !process.isRunning else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Recorded descendants still alive after waiting up to `seconds`
    /// (same pid and same start time, so a reused pid is not mistaken).
    func survivors(within seconds: Double) async -> [Int32] {
        let end = Date().addingTimeInterval(seconds)
        while true {
            let alive = recorded.filter { Self.startTime($0.key) == $0.value }.map(\.key)
            if alive.isEmpty || Date() >= end { return alive }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the recorded survivors (only those), so a failing test leaves nothing behind.
    func killSurvivors() {
        for (pid, start) in recorded where Self.startTime(pid) == start { kill(pid, SIGKILL) }
        if process.isRunning { kill(pid, SIGKILL) }
    }

    static func startTime(_ pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, start time field 22.
        guard fields.count > 19, fields[0] != "Z" else { return nil }
        return String(fields[19])
    }

    var output: String { (try? String(contentsOfFile: standardOutput, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOfFile: standardError, encoding: .utf8)) ?? "" }
}
