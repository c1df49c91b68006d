import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// `render --version` and `render doctor`: what a build needs, found or with the line that installs it.
@Suite(.timeLimit(.minutes(2))) struct DoctorTests {
    /// A PATH holding only links to the tools named, so that the others are missing.
    func path(with tools: [String]) throws -> String {
        let directory = try RenderProcess.temporaryDirectory("path")
        for tool in tools {
            let found = try #require(ChildProcess.find([tool]), "\(tool) is not installed here")
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + tool, withDestinationPath: found)
        }
        return directory
    }

    @Test func versionPrintsTheRelease() async throws {
        let result = try await RenderProcess.run(["--version"], in: NSTemporaryDirectory())
        #expect(result.status == 0)
        #expect(result.standardOutput == RenderVersion.current + "\n")
    }

    @Test func everyToolIsFoundHere() async throws {
        let result = try await RenderProcess.run(["doctor"], in: NSTemporaryDirectory())
        #expect(result.status == 0, "\(result.standardOutput)")
        for tool in ["swiftc", "runtime", "node", "KaTeX", "Lunr", "bubblewrap", "chromium"] {
            #expect(result.standardOutput.contains("\nok       \(tool)"), "\(tool): \(result.standardOutput)")
        }
        #expect(result.standardOutput.hasSuffix("render has everything a build needs.\n"))
    }

    @Test func nodeHiddenFromPathFailsWithTheLineThatInstallsIt() async throws {
        let bin = try path(with: ["swiftc", "bwrap"])
        let result = try await RenderProcess.run(["doctor"], in: NSTemporaryDirectory(), environment: ["PATH": bin])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("missing  node         typesets math and builds the search index\n         fix: sudo apt-get install nodejs\n"),
                "\(result.standardOutput)")
        #expect(result.standardOutput.contains("\nok       swiftc"), "\(result.standardOutput)")
        // Chromium serves only render pdf: missing, it is reported but fails nothing.
        #expect(result.standardOutput.contains("missing  chromium     prints the book to PDF (only for render pdf)"))
        #expect(result.standardOutput.hasSuffix("1 of what a build needs is missing or broken: node.\n"), "\(result.standardOutput)")
    }

    @Test func aRuntimeFolderWithoutTheRuntimeIsNamed() async throws {
        let empty = try RenderProcess.temporaryDirectory("runtime")
        let result = try await RenderProcess.run(["doctor"], in: NSTemporaryDirectory(), environment: ["TUTORIAL_RUNTIME_DIR": empty])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("missing  runtime      the chapter runtime libChapterRuntime.so is not in \(empty)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("fix: set TUTORIAL_RUNTIME_DIR to the folder holding libChapterRuntime.so (a `swift build` folder, or PREFIX/lib/render after `make install`), or unset it"))
    }
}
