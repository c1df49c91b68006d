import Foundation
import Testing

/// render's help, usage errors and set-up errors, with their exit statuses.
@Suite(.timeLimit(.minutes(2))) struct CLITests {
    @Test func helpIsUsefulOnItsOwn() async throws {
        let result = try await RenderProcess.run(["--help"], in: NSTemporaryDirectory())
        #expect(result.status == 0)
        for text in ["build", "check", "watch", "Exit status", "--chapters", "--output", "--jobs", "--timeout", "--no-cache", "--unsafe"] {
            #expect(result.standardOutput.contains(text), "help does not mention \(text)")
        }
    }

    @Test func subcommandHelpListsItsOptions() async throws {
        let result = try await RenderProcess.run(["check", "--help"], in: NSTemporaryDirectory())
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("write nothing"))
        #expect(result.standardOutput.contains("--quiet"))
    }

    @Test func aBadOptionIsAUsageErrorWithStatus2() async throws {
        let result = try await RenderProcess.run(["--frobnicate"], in: NSTemporaryDirectory())
        #expect(result.status == 2)
        #expect(result.standardError.contains("Unknown option '--frobnicate'"))
        #expect(result.standardError.contains("Usage"))
    }

    @Test func aBadValueIsAUsageErrorWithStatus2() async throws {
        let result = try await RenderProcess.run(["--jobs", "0"], in: NSTemporaryDirectory())
        #expect(result.status == 2)
        #expect(result.standardError.contains("--jobs must be at least 1"))
    }

    @Test func aMissingChaptersFolderIsASetupErrorWithStatus2() async throws {
        let directory = try RenderProcess.temporaryDirectory("nochapters")
        let result = try await RenderProcess.run(["--chapters", "nowhere"], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("chapters folder 'nowhere' does not exist"))
        #expect(result.standardError.contains("fix:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aMissingRuntimeSaysHowToBuildIt() async throws {
        let directory = try RenderProcess.temporaryDirectory("noruntime")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try "```swift\nlet x = 1\n```\n".write(toFile: directory + "/chapters/01.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["check"], in: directory, environment: ["TUTORIAL_RUNTIME_DIR": directory])
        #expect(result.status == 2)
        #expect(result.standardError.contains("libChapterRuntime.so is not in"))
        #expect(result.standardError.contains("swift build"))
    }

    /// The runtime library without its module (a partial copy of a build
    /// folder): swiftc's "no such module" is a set-up error, not the chapter's.
    @Test func aRuntimeWithoutItsModuleIsASetupError() async throws {
        let directory = try RenderProcess.temporaryDirectory("nomodule")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/runtime", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/runtime/libChapterRuntime.so", withDestinationPath: RenderProcess.binDirectory + "/libChapterRuntime.so")
        try "```swift\nlet x = 1\n```\n".write(toFile: directory + "/chapters/01.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["check"], in: directory, environment: ["TUTORIAL_RUNTIME_DIR": directory + "/runtime"])
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("cannot find the chapter runtime's module ChapterRuntime"), "\(result.standardError)")
        #expect(result.standardError.contains("swift build"))
        #expect(!result.standardError.contains("01.md:"), "not reported as the chapter's error")
    }

    @Test func missingKaTeXIsASetupErrorWithTheFix() async throws {
        let directory = try RenderProcess.temporaryDirectory("nokatex")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try "# Math\n\n$x^2$\n".write(toFile: directory + "/chapters/01.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["check"], in: directory, environment: ["TUTORIAL_KATEX_DIR": directory + "/none"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("apt-get install libjs-katex"))
    }
}
