import ArgumentParser
import Foundation
import Tutorial

/// `render doctor`: what a build needs, found or not, with the line that installs it.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "List the tools a book needs (swiftc, the chapter runtime, node, KaTeX, Lunr, bubblewrap, chromium) with the version found or the command that installs each.",
        discussion: "Exit status: 0 when a build has everything it needs (chromium serves only render pdf), 1 when something is missing or broken.")

    func run() async throws {
        print("render \(RenderVersion.current)")
        let (text, ok) = Doctor.summary(await Doctor.examine())
        print(text, terminator: "")
        if !ok { throw ExitCode(1) }
    }
}
