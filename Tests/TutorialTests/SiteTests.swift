import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The site is reproducible, and render never loses or touches what is not its own.
@Suite(.timeLimit(.minutes(5))) struct SiteTests {
    /// A small book in a temporary folder.
    func book(_ chapter: String = "# One\n\n```swift\nlet x = 2.0\n```\n\nx is \\(x ≈ 2.0), $x^2 = \\(x * x)$.\n") throws -> String {
        let directory = try RenderProcess.temporaryDirectory("site")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try chapter.write(toFile: directory + "/chapters/01-one.md", atomically: true, encoding: .utf8)
        return directory
    }

    func files(in folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder)! where !path.hasPrefix(".cache") {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result[path] = FileManager.default.contents(atPath: folder + "/" + path) }
        }
        return result
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() async throws {
        let directory = try book()
        let first = try await RenderProcess.run(["--output", "a", "--no-cache"], in: directory)
        let second = try await RenderProcess.run(["--output", "b", "--no-cache"], in: directory)
        #expect(first.status == 0 && second.status == 0, "\(first.standardError)\(second.standardError)")
        let a = try files(in: directory + "/a"), b = try files(in: directory + "/b")
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.contains("01-one.html") && a.keys.contains("assets/katex/katex.min.css"))
        for (path, data) in a { #expect(b[path] == data, "\(path) differs between two builds") }
    }

    @Test func aFailedBuildLeavesThePreviousSiteExactlyAsItWas() async throws {
        let directory = try book()
        #expect(try await RenderProcess.run([], in: directory).status == 0)
        let before = try files(in: directory + "/output")
        try "# One\n\n```swift\nlet x = 2.0\n```\n\nx is \\(x ≈ 3.0).\n".write(toFile: directory + "/chapters/01-one.md", atomically: true, encoding: .utf8)
        let failed = try await RenderProcess.run([], in: directory)
        #expect(failed.status == 1)
        #expect(try files(in: directory + "/output") == before)
    }

    @Test func renderRefusesAFolderItDidNotCreate() async throws {
        let directory = try book()
        try FileManager.default.createDirectory(atPath: directory + "/mine", withIntermediateDirectories: true)
        try "precious".write(toFile: directory + "/mine/notes.txt", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["--output", "mine"], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("not empty and was not created by render"))
        #expect(try String(contentsOfFile: directory + "/mine/notes.txt", encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/mine") == ["notes.txt"])
    }

    @Test func renderDeletesThePagesOfRemovedChapters() async throws {
        let directory = try book()
        try "# Two\n\nMore.\n".write(toFile: directory + "/chapters/02-two.md", atomically: true, encoding: .utf8)
        #expect(try await RenderProcess.run([], in: directory).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory + "/output/02-two.html"))
        try FileManager.default.removeItem(atPath: directory + "/chapters/02-two.md")
        #expect(try await RenderProcess.run([], in: directory).status == 0)
        #expect(!FileManager.default.fileExists(atPath: directory + "/output/02-two.html"))
    }

    @Test func renderWillNotReplaceAFolderHoldingSomeoneElsesFile() async throws {
        let directory = try book()
        #expect(try await RenderProcess.run([], in: directory).status == 0)
        let before = try files(in: directory + "/output")
        try "keep me".write(toFile: directory + "/output/extra.txt", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("holds 'extra.txt', a file that is not in its .render-manifest"), "\(result.standardError)")
        #expect(try files(in: directory + "/output") == before.merging(["extra.txt": Data("keep me".utf8)]) { $1 })
    }

    @Test func renderWritesOnlyItsOutputFolderItsLockAndItsCache() async throws {
        let directory = try book()
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(try await RenderProcess.run(["--output", "site"], in: directory).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == (before + ["site", ".site.render-lock", ".render-cache"]).sorted())
    }

    @Test func checkWritesNothing() async throws {
        let directory = try book()
        let result = try await RenderProcess.run(["check"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["chapters"])
    }

    @Test func ordinaryMarkdownIsExactlyWhatCmarkRenders() throws {
        let text = try String(contentsOfFile: RenderProcess.fixtures + "/plain/chapters/01-plain.md", encoding: .utf8)
        let document = ChapterParser.parse(ChapterSource(path: "p.md", name: "p", text: text))
        let ours = MarkdownPropertyTests.render(document)
        let theirs = CmarkReference.html(text, smart: true)
        let withoutIDs = ours.replacingOccurrences(of: #" id="[^"]*""#, with: "", options: .regularExpression)
        #expect(withoutIDs == theirs)
        #expect(ours.contains(#"<h2 id="second-heading">"#))
        #expect(ours.contains("<!-- raw HTML omitted -->"))
    }

    @Test func unsafeKeepsTheAuthorsRawHTML() throws {
        let document = ChapterParser.parse(ChapterSource(path: "p.md", name: "p", text: "<div class=\"note\">kept</div>\n\nText <b>bold</b>.\n"))
        let html = ChapterTypesetter(
            document: document, run: nil, page: "p.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: CrossReferences(), unsafe: true
        ).typeset().html
        #expect(html.contains(#"<div class="note">kept</div>"#))
        #expect(html.contains("<b>bold</b>"))
    }
}
