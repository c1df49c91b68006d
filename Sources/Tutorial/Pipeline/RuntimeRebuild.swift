import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// Rebuilds the chapter runtime (CECore and ChapterRuntime) with SwiftPM,
/// in the configuration render itself was built in; used by `render watch`
/// when those sources change.
public enum RuntimeRebuild {
    /// Returns whether the build succeeded; prints SwiftPM's errors if not.
    public static func run(packageRoot: String) async -> Bool {
        do {
            let toolchain = try Toolchain.locate()
            let configuration = URL(fileURLWithPath: toolchain.runtimeDirectory).resolvingSymlinksInPath().lastPathComponent
            let swift = (toolchain.swiftc as NSString).deletingLastPathComponent + "/swift"
            let outcome = try await ChildProcess.run(
                swift, arguments: ["build", "-c", configuration == "release" ? "release" : "debug", "--product", "ChapterRuntime"],
                workingDirectory: packageRoot)
            if case .exited(0) = outcome.status { return true }
            ConsoleReporter.write(outcome.standardOutput + outcome.standardError, to: .error)
            return false
        } catch {
            ConsoleReporter.write("error: cannot rebuild the chapter runtime: \(error)\n", to: .error)
            return false
        }
    }
}
