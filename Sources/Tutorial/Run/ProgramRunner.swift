import Foundation

/// Run: executes a compiled chapter program with a time limit and an
/// output cap.
///
/// The program writes its records to the file named by `TUTORIAL_CHANNEL`
/// and its own printing to a regular file, so the two never mix; what it
/// prints is capped (a runaway `print` loop is stopped, not allowed to fill
/// the disk). Swift's crash backtracer runs for the crashed thread only, with
/// fast symbolication (`Sandbox.backtrace`): tens of milliseconds, and its
/// frames name the chapter line of the statement that trapped.
struct ProgramRunner: Sendable {
    var timeout: Duration
    var sandbox: Sandbox
    /// What the program loads at run time (the toolchain's runtime libraries, `libChapterRuntime.so`).
    var libraries: [String]
    /// Bytes of standard output and error a chapter program may write.
    static let outputCap = 16 << 20
    /// Bytes of records (values, figures, derivation verdicts) a chapter program may send.
    static let channelCap = 64 << 20
    /// How long a chapter program may take to start (the sandbox, its
    /// libraries) before its time limit starts counting.
    static let startAllowance: Duration = .seconds(30)
    /// How long after its time limit render ends a program that did not stop
    /// itself (`TimeLimitWatch` in the runtime stops it at the limit, and
    /// prints where it was, which takes tens of milliseconds).
    static let stopAllowance: Duration = .seconds(10)

    /// Runs `binary` (in the cache's program folder `directory`, which it
    /// only reads) in a fresh scratch folder, deleted afterwards.
    func run(binary: String, seeds: [UInt64], in directory: String) async throws -> RawRun {
        let scratch = try Self.makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let channel = (scratch as NSString).appendingPathComponent("channel.jsonl")
        let output = (scratch as NSString).appendingPathComponent("stdout.txt")
        let errors = (scratch as NSString).appendingPathComponent("stderr.txt")
        let work = (scratch as NSString).appendingPathComponent("work")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)
        FileManager.default.createFile(atPath: channel, contents: nil)
        let command = sandbox.programCommand(
            binary: binary, programDirectory: directory, libraries: libraries, channel: channel,
            scratch: work, seeds: seeds.map(String.init).joined(separator: ","), timeLimit: timeout)
        // As root, RLIMIT_NPROC does not apply: a cgroup caps the run's processes instead.
        let group = ProcessLimitGroup.make(limit: sandbox.processLimit)
        defer { group?.remove() }
        let started = group?.wrap(executable: command.executable, arguments: command.arguments)
            ?? (executable: command.executable, arguments: command.arguments)
        let outcome = try await ChildProcess.run(
            started.executable, arguments: started.arguments,
            environment: command.environment ?? [:], inheritEnvironment: false, inputBytes: command.input,
            files: .init(standardOutput: output, standardError: errors, cap: Self.outputCap,
                         channel: channel, channelCap: Self.channelCap, startAllowance: Self.startAllowance),
            timeout: timeout + Self.stopAllowance, workingDirectory: command.workingDirectory, processGroup: true)
        var ending: RawRun.Ending
        switch outcome.status {
        case .exited(let code): ending = .exited(code)
        case .signaled(let signal): ending = .signaled(signal)
        case .timedOut: ending = .timedOut(seconds: timeout.seconds)
        case .outputCapExceeded: ending = .outputCapExceeded(bytes: Self.outputCap)
        case .channelCapExceeded: ending = .channelCapExceeded(bytes: Self.channelCap)
        }
        var info = stat()
        if stat(channel, &info) == 0, Int(info.st_size) > Self.channelCap { ending = .channelCapExceeded(bytes: Self.channelCap) }
        let channelText = String(decoding: ChildProcess.head(of: channel, limit: Self.channelCap), as: UTF8.self)
        let printed = ChildProcess.head(of: output, limit: Self.outputCap)
        var standardError = String(decoding: ChildProcess.tail(of: errors, limit: 64 << 10), as: UTF8.self)
        if sandbox.enabled, channelText.isEmpty, standardError.hasPrefix("bwrap: ") {
            throw SetupError("bubblewrap could not start the chapter program: \(standardError.trimmingCharacters(in: .whitespacesAndNewlines))",
                             fix: "to run chapters unconfined, pass --no-sandbox")
        }
        if Self.ranOutOfMemory(standardError) { standardError = Self.memoryNote(sandbox.memoryLimit) + "\n" + standardError }
        return RawRun(ending: ending, channel: channelText, standardOutput: printed, standardError: standardError)
    }

    /// A private folder for one run, created only for the current user.
    static func makeScratch() throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("render-run-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SetupError("cannot create a scratch folder in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Whether the Swift runtime stopped because an allocation failed.
    static func ranOutOfMemory(_ standardError: String) -> Bool {
        standardError.contains("Could not allocate memory") || standardError.contains("failed to allocate")
            || standardError.contains("out of memory")
    }

    static func memoryNote(_ limit: Int) -> String {
        "Fatal error: ran out of memory: a chapter program may use \(limit >> 20) MiB (change it with --memory)"
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
