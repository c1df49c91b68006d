import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// `make install`'s layout (scripts/install): render in PREFIX/bin finds its
/// chapter runtime in PREFIX/lib/render, through a link too, with a plain
/// PATH and no build folder beside it; `make uninstall` removes both.
@Suite(.serialized, .timeLimit(.minutes(5))) struct InstallTests {
    static let script = RenderProcess.repositoryRoot + "/scripts/install"

    func install() async throws -> String {
        let prefix = try RenderProcess.temporaryDirectory("prefix")
        let outcome = try await ChildProcess.run(Self.script, arguments: [prefix, RenderProcess.binDirectory])
        #expect(outcome.status == .exited(0), "\(outcome.standardError)")
        return prefix
    }

    /// PATH as a new shell has it: the system folders and the Swift toolchain's, no build folder.
    var plainPath: String {
        let swiftc = ChildProcess.find(["swiftc"]).map { ($0 as NSString).deletingLastPathComponent } ?? "/usr/bin"
        return [swiftc, "/usr/local/bin", "/usr/bin", "/bin"].joined(separator: ":")
    }

    @Test func anInstalledRenderBuildsANewBookThroughALink() async throws {
        let prefix = try await install()
        #expect(FileManager.default.fileExists(atPath: prefix + "/lib/render/libChapterRuntime.so"))
        #expect(!FileManager.default.fileExists(atPath: prefix + "/bin/libChapterRuntime.so"))
        let links = try RenderProcess.temporaryDirectory("links")
        try FileManager.default.createSymbolicLink(atPath: links + "/render", withDestinationPath: prefix + "/bin/render")
        let work = try RenderProcess.temporaryDirectory("work")
        let environment = ["PATH": plainPath, "HOME": NSHomeDirectory()]
        let made = try await ChildProcess.run(links + "/render", arguments: ["init", "notes"], environment: environment, inheritEnvironment: false, workingDirectory: work)
        #expect(made.status == .exited(0), "\(made.standardError)")
        for arguments in [[], ["check"]] {
            let result = try await ChildProcess.run(links + "/render", arguments: arguments, environment: environment, inheritEnvironment: false, workingDirectory: work + "/notes")
            #expect(result.status == .exited(0), "render \(arguments): \(result.standardError)")
            #expect(result.standardOutput.contains("1 chapter · 7 values · 3 claims · 1 derivation · 0 failed"), "\(result.standardOutput)")
        }
        #expect(FileManager.default.fileExists(atPath: work + "/notes/output/01-sigmoid.html"))
        let doctor = try await ChildProcess.run(prefix + "/bin/render", arguments: ["doctor"], environment: environment, inheritEnvironment: false)
        #expect(doctor.standardOutput.contains("ok       runtime      \(prefix)/lib/render"), "\(doctor.standardOutput)")

        let removed = try await ChildProcess.run(Self.script, arguments: ["--uninstall", prefix])
        #expect(removed.status == .exited(0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: prefix).isEmpty)
    }
}
