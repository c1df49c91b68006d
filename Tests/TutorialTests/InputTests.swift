import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Inputs stay inside the book, odd names get a message that says what is
/// wrong, and colour goes only to terminals.
@Suite(.timeLimit(.minutes(5))) struct InputTests {
    func book() throws -> String {
        let directory = try RenderProcess.temporaryDirectory("input")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try "# One\n\nFine.\n".write(toFile: directory + "/chapters/01-one.md", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func aChapterLinkedOutsideTheBookIsRefused() async throws {
        let directory = try book()
        try FileManager.default.createSymbolicLink(atPath: directory + "/chapters/02-passwd.md", withDestinationPath: "/etc/passwd")
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/02-passwd.md:1:1: error: the chapter is a symbolic link to '/etc/passwd', outside the book's folder"),
                "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/output/02-passwd.html"))
    }

    @Test func aChapterLinkedInsideTheBookIsRead() async throws {
        let directory = try book()
        try "# Shared\n\nFrom the folder of the book.\n".write(toFile: directory + "/shared.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory + "/chapters/02-shared.md", withDestinationPath: "../shared.md")
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try String(contentsOfFile: directory + "/output/02-shared.html", encoding: .utf8).contains("From the folder of the book."))
    }

    @Test func aFileNameThatIsNotUTF8IsNamedAsSuch() async throws {
        let directory = try book()
        var name: [CChar] = Array((directory + "/chapters/02-caf").utf8CString.dropLast())
        name += [CChar(bitPattern: 0xE9)] + Array(".md".utf8CString)
        let fd = open(name, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        close(fd)
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/02-caf\\xE9.md:1:1: error: the chapter's file name is not valid UTF-8"), "\(result.standardError)")
    }

    @Test func indexMdIsRefusedBecauseOfTheFrontPage() async throws {
        let directory = try book()
        try "# Index\n".write(toFile: directory + "/chapters/Index.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("a chapter cannot be named 'Index.md': the book's front page is index.html (put the front page in README.md)"),
                "\(result.standardError)")
    }

    /// Standard output on a terminal (through `script`), standard error
    /// redirected to a file: colour on the first, none on the second.
    @Test func colourIsDecidedPerStream() async throws {
        let directory = try book()
        try "Bad \\(1 ≈ 2).\n".write(toFile: directory + "/chapters/02-bad.md", atomically: true, encoding: .utf8)
        let errors = directory + "/stderr.txt"
        let command = "'\(RenderProcess.executable)' 2>'\(errors)'"
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NO_COLOR")
        let outcome = try await ChildProcess.run("/usr/bin/script", arguments: ["-qec", command, "/dev/null"],
                                                 environment: environment, inheritEnvironment: false, workingDirectory: directory)
        let stderr = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(stderr.contains("02-bad.md:1:7: error:"), "\(stderr)")
        #expect(!stderr.contains("\u{1B}["), "colour codes leaked into redirected stderr")
        #expect(outcome.standardOutput.contains("\u{1B}[32m✓\u{1B}[0m"), "\(outcome.standardOutput)")
        // NO_COLOR turns it off on a terminal, too.
        environment["NO_COLOR"] = "1"
        let plain = try await ChildProcess.run("/usr/bin/script", arguments: ["-qec", command, "/dev/null"],
                                               environment: environment, inheritEnvironment: false, workingDirectory: directory)
        #expect(!plain.standardOutput.contains("\u{1B}["))
    }
}

/// A chapter cannot take the name of a page render writes for itself.
@Suite(.timeLimit(.minutes(5))) struct PageNameCollisionTests {
    @Test(arguments: ["print", "Checks", "search"])
    func aChapterNamedLikeAGeneratedPageIsAnErrorAtItsFile(name: String) async throws {
        let directory = try InputTests().book()
        try "# Mine\n\nNot the print book.\n".write(toFile: directory + "/chapters/\(name).md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/\(name).md:1:1: error: a chapter cannot be named '\(name).md': "), "\(result.standardError)")
        #expect(result.standardError.contains("(rename the chapter)"), "\(result.standardError)")
    }

    @Test func headingIdsAreUniqueOnAPageEvenWhenATextLooksLikeANumberedOne() {
        let headings = ["Step", "Step", "Step 2", "Step", "Main"].map { text in
            MarkdownBlock(kind: .heading(level: 2, [.text(text)]), startLine: 1, endLine: 1)
        }
        let ids = HeadingAnchors.headings(in: headings) { inlines in
            inlines.map { if case .text(let t) = $0 { t } else { "" } }.joined()
        }.map(\.id)
        #expect(ids == ["step", "step-2", "step-2-2", "step-3", "main-2"])
        #expect(Set(ids).count == ids.count)
    }
}
