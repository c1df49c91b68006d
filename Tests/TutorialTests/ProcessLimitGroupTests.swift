import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The wrapper that puts a root render's chapter run into its pids cgroup.
@Suite struct ProcessLimitGroupTests {
    func run(_ command: (executable: String, arguments: [String])) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func theWrappedCommandRunsWithItsArgumentsUnchanged() throws {
        let group = ProcessLimitGroup(path: FileManager.default.temporaryDirectory.path + "/plg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: group.path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: group.path) }
        let result = try run(group.wrap(executable: "/usr/bin/printf", arguments: ["%s|", "a b", "$HOME", "'q'"]))
        #expect(result.status == 0)
        #expect(result.output == "a b|$HOME|'q'|")
        // It wrote its own pid where the cgroup's process list would be.
        let written = try String(contentsOfFile: group.path + "/cgroup.procs", encoding: .utf8)
        #expect(Int(written.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
    }

    /// A group the kernel will not let the run join does not fail the chapter.
    @Test func aGroupThatCannotBeJoinedStillRunsTheCommand() throws {
        let group = ProcessLimitGroup(path: "/nonexistent-\(UUID().uuidString)")
        let result = try run(group.wrap(executable: "/usr/bin/printf", arguments: ["ran"]))
        #expect(result.status == 0)
        #expect(result.output == "ran")
    }

    /// A run joins its pids and its memory group through one shell, which
    /// then becomes the command itself: the pid in each group's list is the
    /// command's own, and its arguments arrive unchanged.
    @Test func oneShellJoinsEveryGroupThenBecomesTheCommand() throws {
        let folders = (0..<2).map { FileManager.default.temporaryDirectory.path + "/plg-\($0)-\(UUID().uuidString)" }
        for folder in folders { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        defer { for folder in folders { try? FileManager.default.removeItem(atPath: folder) } }
        let command = ProcessLimitGroup.wrap(executable: "/bin/sh", arguments: ["-c", #"echo "$$|$1|$2""#, "sh", "a b", "$0"], joining: folders)
        #expect(command.executable == "/bin/sh")
        let result = try run(command)
        #expect(result.status == 0)
        let fields = result.output.trimmingCharacters(in: .newlines).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == 3 && fields[1] == "a b" && fields[2] == "$0", "\(fields)")
        for folder in folders {
            let written = try String(contentsOfFile: folder + "/cgroup.procs", encoding: .utf8)
            #expect(written.trimmingCharacters(in: .whitespacesAndNewlines) == fields.first, "\(folder)")
        }
    }

    /// With no group to join (not root), the command runs as it is, without a shell.
    @Test func withNoGroupTheCommandIsUnchanged() {
        let command = ProcessLimitGroup.wrap(executable: "/usr/bin/printf", arguments: ["%s", "x"], joining: [])
        #expect(command.executable == "/usr/bin/printf")
        #expect(command.arguments == ["%s", "x"])
    }
}
