import Foundation
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Runs the built `render` executable, as a user would, and captures what it says.
struct RenderProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The build folder holding `render` and the chapter runtime: the folder of this test executable.
    static let binDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path

    static var executable: String { binDirectory + "/render" }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// This repository, whose CECore package test books name in their book.toml.
    static let repositoryRoot = URL(fileURLWithPath: fixtures).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Gives the book in `directory` a book.toml that names CECore as its
    /// package, as this repository's book does; CECore lies outside that
    /// book, so render needs `--allow-outside`; its package depends on
    /// swift-numerics, which render fetches because book.toml allows it.
    static func nameCECore(in directory: String) throws {
        try "[swift]\npackages = [{ path = \"\(repositoryRoot)\", products = [\"CECore\"] }]\nfetch = true\n"
            .write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
    }

    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:], executable: String = executable) async throws -> Result {
        let outcome = try await ChildProcess.run(
            executable, arguments: arguments, environment: ["NO_COLOR": "1"].merging(environment) { $1 },
            workingDirectory: directory)
        let status: Int32
        switch outcome.status {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        case .timedOut, .outputCapExceeded, .channelCapExceeded: status = -1
        }
        return Result(status: status, standardOutput: outcome.standardOutput, standardError: outcome.standardError)
    }

    /// A temporary book with one chapter, `chapters/FILE`, holding `text`.
    static func book(chapter file: String, _ text: String) throws -> String {
        try book(chapters: [file: text], name: file)
    }

    /// A temporary book whose chapters are `chapters` (file name → text); `name` marks its folder.
    static func book(chapters: [String: String], name: String) throws -> String {
        let directory = try temporaryDirectory(name)
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        for (file, text) in chapters { try text.write(toFile: directory + "/chapters/" + file, atomically: true, encoding: .utf8) }
        return directory
    }

    static func temporaryDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "render-test-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Golden files: compared byte for byte; `RECORD_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static func check(_ actual: String, against path: String) -> String? {
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "no golden file at \(path) (record it with RECORD_GOLDEN=1 swift test)"
        }
        guard expected != actual else { return nil }
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var diff: [String] = []
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            diff.append("line \(i + 1):\n- \(i < a.count ? a[i] : "<none>")\n+ \(i < b.count ? b[i] : "<none>")")
            if diff.count == 5 { break }
        }
        return "\(path) differs:\n" + diff.joined(separator: "\n")
    }
}
