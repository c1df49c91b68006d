import Foundation

/// Run: executes a compiled chapter program with a time limit and an
/// output cap.
///
/// The program writes its records to the file named by `TUTORIAL_CHANNEL`
/// and its own printing to a regular file, so the two never mix; what it
/// prints is capped (a runaway `print` loop is stopped, not allowed to fill
/// the disk). Swift's crash backtracer is turned off: a trap's one-line
/// message is what the reader needs, and the backtracer can take seconds.
struct ProgramRunner: Sendable {
    var timeout: Duration
    /// Bytes of standard output and error a chapter program may write.
    static let outputCap = 16 << 20

    func run(binary: String, seeds: [UInt64], in directory: String) async throws -> RawRun {
        let channel = (directory as NSString).appendingPathComponent("channel.jsonl")
        let output = (directory as NSString).appendingPathComponent("stdout.txt")
        let errors = (directory as NSString).appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: channel, contents: nil)
        let outcome = try await ChildProcess.run(
            binary, arguments: [],
            environment: [
                "TUTORIAL_CHANNEL": channel, "SWIFT_BACKTRACE": "enable=no",
                "TUTORIAL_SEEDS": seeds.map(String.init).joined(separator: ","),
            ],
            files: .init(standardOutput: output, standardError: errors, cap: Self.outputCap),
            timeout: timeout, workingDirectory: directory)
        let ending: RawRun.Ending
        switch outcome.status {
        case .exited(let code): ending = .exited(code)
        case .signaled(let signal): ending = .signaled(signal)
        case .timedOut: ending = .timedOut(seconds: timeout.seconds)
        case .outputCapExceeded: ending = .outputCapExceeded(bytes: Self.outputCap)
        }
        let channelText = String(decoding: ChildProcess.head(of: channel, limit: 64 << 20), as: UTF8.self)
        let printed = ChildProcess.head(of: output, limit: Self.outputCap)
        let standardError = String(decoding: ChildProcess.tail(of: errors, limit: 64 << 10), as: UTF8.self)
        for file in [output, errors, channel] { try? FileManager.default.removeItem(atPath: file) }
        return RawRun(ending: ending, channel: channelText, standardOutput: printed, standardError: standardError)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
