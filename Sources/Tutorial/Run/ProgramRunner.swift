import Foundation

/// Run: executes a compiled chapter program with a time limit.
///
/// The program writes its records to the file named by `TUTORIAL_CHANNEL`
/// and its own printing to a regular file, so the two never mix. Swift's
/// crash backtracer is turned off: a trap's one-line message is what the
/// reader needs, and the backtracer can take seconds.
struct ProgramRunner: Sendable {
    var timeout: Duration

    func run(binary: String, in directory: String) async throws -> RawRun {
        let channel = (directory as NSString).appendingPathComponent("channel.jsonl")
        let output = (directory as NSString).appendingPathComponent("stdout.txt")
        FileManager.default.createFile(atPath: channel, contents: nil)
        let outcome = try await ChildProcess.run(
            binary, arguments: [],
            environment: ["TUTORIAL_CHANNEL": channel, "SWIFT_BACKTRACE": "enable=no"],
            standardOutputFile: output, timeout: timeout, workingDirectory: directory)
        let ending: RawRun.Ending
        switch outcome.status {
        case .exited(let code): ending = .exited(code)
        case .signaled(let signal): ending = .signaled(signal)
        case .timedOut:
            let c = timeout.components
            ending = .timedOut(seconds: Double(c.seconds) + Double(c.attoseconds) * 1e-18)
        }
        let channelText = (try? String(contentsOfFile: channel, encoding: .utf8)) ?? ""
        let printed = FileManager.default.contents(atPath: output) ?? Data()
        return RawRun(ending: ending, channel: channelText, standardOutput: printed, standardError: outcome.standardError)
    }
}
