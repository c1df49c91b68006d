import ChapterChannel
import Foundation
import TutorialBase
import TutorialMarkdown

/// Run: executes a compiled chapter program with a time limit and an
/// output cap.
///
/// The program writes its records to the file named by `TUTORIAL_CHANNEL`
/// and its own printing to a pipe, so the two never mix. The channel file
/// starts with a fresh `ChannelKey` and a fresh `OutputMarker` nonce, which
/// the runtime reads and erases before chapter code runs; only records
/// framed under the key are read (`ChannelFrame`), and the first line that
/// is not ends the reading and is reported (`RawRun.forgery`); standard
/// output is split per block at the markers carrying the nonce. Standard
/// output and error come through pipes, never a file: render counts the bytes
/// as they arrive and stops the program the moment the two exceed
/// `outputCap` (`OutputCollector`), so a runaway `print` loop, or 64 MiB
/// written at once just before the end, neither fills a disk nor gets past
/// the cap. Swift's crash backtracer runs for the crashed thread only, with
/// fast symbolication (`Sandbox.backtrace`): tens of milliseconds, and its
/// frames name the chapter line of the statement that trapped.
struct ProgramRunner: Sendable {
    package var timeout: Duration
    package var sandbox: Sandbox
    /// What the program loads at run time (the toolchain's runtime libraries, `libChapterRuntime.so`).
    package var libraries: [String]
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
    /// - Parameter entry: the chapter a merged binary runs (its program key,
    ///   `MergedProgram`); a chapter's own binary ignores it.
    package func run(binary: String, seeds: [UInt64], in directory: String, entry: String? = nil) async throws -> RawRun {
        let scratch = try Self.makeScratch()
        // Removed after the result is in (`RunCleanup`), as the run's cgroups are.
        defer { RunCleanup.later { try? FileManager.default.removeItem(atPath: scratch) } }
        let channel = (scratch as NSString).appendingPathComponent("channel.jsonl")
        let work = (scratch as NSString).appendingPathComponent("work")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)
        let key = ChannelKey.random()
        let marker = OutputMarker.random()
        try Self.createChannel(channel, text: key.line + marker.line)
        let command = sandbox.programCommand(
            binary: binary, programDirectory: directory, libraries: libraries, channel: channel,
            channelCap: Self.channelCap, scratch: work, seeds: seeds.map(String.init).joined(separator: ","), timeLimit: timeout,
            arguments: entry.map { [$0] } ?? [])
        // As root, RLIMIT_NPROC does not apply: a cgroup caps the run's processes instead.
        let group = ProcessLimitGroup.make(limit: sandbox.processLimit)
        // And a memory cgroup holds the run's processes to --memory together, where one can be written.
        let memory = sandbox.enabled ? MemoryLimitGroup.make(limit: sandbox.memoryLimit) : nil
        // Tidied after the result is in (`RunCleanup`): the kernel may take a while to let the groups go.
        defer { RunCleanup.later { group?.remove(); memory?.remove() } }
        let started = ProcessLimitGroup.wrap(executable: command.executable, arguments: command.arguments,
                                             joining: [group?.path, memory?.path].compactMap { $0 })
        let collector = OutputCollector(cap: Self.outputCap, errorLimit: 64 << 10)
        let outcome = try await ChildProcess.run(
            started.executable, arguments: started.arguments,
            environment: command.environment ?? [:], inheritEnvironment: false, inputBytes: command.input,
            program: .init(collector: collector, channel: channel, channelCap: Self.channelCap, startAllowance: Self.startAllowance),
            timeout: timeout + Self.stopAllowance, workingDirectory: command.workingDirectory, processGroup: true)
        var ending: RawRun.Ending
        switch outcome.status {
        case .exited(let code): ending = .exited(code)
        case .signaled(let signal): ending = .signaled(signal)
        case .timedOut: ending = .timedOut(seconds: timeout.seconds)
        case .outputCapExceeded: ending = .outputCapExceeded(bytes: Self.outputCap)
        case .channelCapExceeded: ending = .channelCapExceeded(bytes: Self.channelCap)
        }
        // A time-out may have raced the cap: the bytes received decide.
        if collector.exceeded { ending = .outputCapExceeded(bytes: Self.outputCap) }
        var info = stat()
        if stat(channel, &info) == 0, Int(info.st_size) > Self.channelCap { ending = .channelCapExceeded(bytes: Self.channelCap) }
        let opened = ChannelFrame.open([UInt8](ChildProcess.head(of: channel, limit: Self.channelCap)), key: key)
        var channelText = ""
        channelText.reserveCapacity(opened.records.reduce(0) { $0 + $1.count + 1 })
        for record in opened.records { channelText += String(decoding: record, as: UTF8.self) + "\n" }
        let printed = marker.split(collector.standardOutput).mapValues { String(decoding: $0, as: UTF8.self) }
        var standardError = String(decoding: collector.standardError, as: UTF8.self)
        if sandbox.enabled, channelText.isEmpty, standardError.hasPrefix("bwrap: ") {
            throw SetupError("bubblewrap could not start the chapter program: \(standardError.trimmingCharacters(in: .whitespacesAndNewlines))",
                             fix: "to run chapters unconfined, pass --no-sandbox")
        }
        if Self.ranOutOfMemory(standardError) || (memory?.kills ?? 0) > 0 { standardError = Self.memoryNote(sandbox.memoryLimit) + "\n" + standardError }
        return RawRun(ending: ending, channel: channelText, printed: printed, standardError: standardError, forgery: opened.problem)
    }

    /// Creates the channel file, readable and writable by its owner only,
    /// holding `text` (the run's key and output marker). Written in place:
    /// the file is new and private to this run's scratch folder, so there is
    /// no reader to spare a half-written file, and an atomic write's `fsync`
    /// and rename cost every run a disk flush.
    static func createChannel(_ path: String, text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SetupError("cannot create a chapter program's channel file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw SetupError("cannot write a chapter program's channel file \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// How scratch folders are named: `render-run-PID-XXXXXX` (``Leftovers`` removes a dead render's).
    static let scratchPrefix = "render-run-"

    /// A private folder for one run, created only for the current user, and marked as render's (``RenderMark``).
    static func makeScratch() throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent(scratchPrefix + "\(getpid())-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SetupError("cannot create a scratch folder in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        RenderMark.set(folder)
        return folder
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
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
