import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Render each fixture book (Tests/TutorialTests/Fixtures/<case>/chapters) with
/// the real executable and compare the exit status and every error line with
/// the golden files in <case>/expected.
@Suite(.timeLimit(.minutes(5))) struct EndToEndTests {
    static let failingCases = ["compile-error", "trap", "claim", "derivation", "tuple", "syntax", "broken-links"]

    @Test(arguments: failingCases)
    func aBrokenChapterFailsWithCompilerStyleErrors(_ name: String) async throws {
        let directory = RenderProcess.fixtures + "/" + name
        let output = try RenderProcess.temporaryDirectory(name)
        // The fixtures name this repository's CECore, outside their own folder.
        let result = try await RenderProcess.run(["--output", output, "--no-cache", "--allow-outside"], in: directory)
        #expect(result.status == 1, "render exited \(result.status): \(result.standardError)")
        let problem = Golden.check(result.standardError, against: directory + "/expected/stderr.txt")
        #expect(problem == nil, "\(problem ?? "")")
        #expect(!FileManager.default.fileExists(atPath: output + "/index.html"), "a failed build wrote a site")
    }

    /// The runtime stops itself at the limit and says where it was: the
    /// message names the loop's own line (5), not the block's fence (3), and
    /// both ways to raise the limit.
    @Test func aBlockThatNeverEndsIsStoppedAtTheLineItWasAt() async throws {
        let directory = RenderProcess.fixtures + "/timeout"
        let output = try RenderProcess.temporaryDirectory("timeout")
        let result = try await RenderProcess.run(["--output", output, "--timeout", "1", "--no-cache"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError == "chapters/01-forever.md:5:1: error: this statement of the swift block at line 3 did not finish within the time limit of 1 s (raise it with --timeout SECONDS, or with timeout = SECONDS under [build] in book.toml)\n")
    }

    @Test func aChapterThatIsNotUTF8IsReportedAtTheBadByte() async throws {
        let directory = try RenderProcess.temporaryDirectory("utf8")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        var bytes = Array("# Fine\n\nCaf".utf8)
        bytes += [0xE9, 0x20]
        bytes += Array(" au lait\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/chapters/01-latin1.md"))
        let result = try await RenderProcess.run(["--output", directory + "/out"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError == "chapters/01-latin1.md:3:4: error: the chapter is not valid UTF-8 (byte 0xE9 at byte offset 11)\n")
    }

    @Test func anEmptyChapterRendersEmpty() async throws {
        let directory = RenderProcess.fixtures + "/empty"
        let output = try RenderProcess.temporaryDirectory("empty")
        let result = try await RenderProcess.run(["--output", output], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let page = try String(contentsOfFile: output + "/01-empty.html", encoding: .utf8)
        #expect(page.contains("<article"))
    }

    @Test func aChapterUsingEveryConstructRendersTheRightNumbers() async throws {
        let directory = RenderProcess.fixtures + "/every"
        let output = try RenderProcess.temporaryDirectory("every")
        let result = try await RenderProcess.run(["--output", output, "--allow-outside"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("✓ 01-every  12 values · 2 claims · 1 derivation"))
        let page = try String(contentsOfFile: output + "/01-every.html", encoding: .utf8)
        let article = String(page[page.range(of: "<article")!.lowerBound..<page.range(of: "</article>")!.upperBound])
        let problem = Golden.check(article + "\n", against: directory + "/expected/article.html")
        #expect(problem == nil, "\(problem ?? "")")
        // The numbers themselves, independent of the golden file:
        #expect(article.contains(#"<span class="value" title="loss">0.4644</span>"#))
        #expect(article.contains(#"<span class="value" title="loss">0.4643687841079448</span>"#))
        #expect(article.contains(#"<span class="value" title="q">(0.23, 0.63, 0.14)</span>"#))
        #expect(article.contains("<mn>0.629</mn>"))
        #expect(article.contains("q[1] = big &lt;&amp;&gt;"))
        #expect(article.contains("Figure 1:"))
        #expect(article.contains(##"<a class="ref" href="#eq:loss">Equation (1)</a>"##))
        #expect(article.contains(#"<pre class="norun""#))
        #expect(!article.contains("let hidden"))
        let checks = try String(contentsOfFile: output + "/checks.json", encoding: .utf8)
        // Every check the Checks page links to has its anchor on the chapter page.
        let records = try JSONDecoder().decode([CheckRecord].self, from: Data(checks.utf8))
        #expect(records.count == 3)
        for record in records { #expect(page.contains(#"id="\#(record.anchor)""#), "no anchor \(record.anchor)") }
        #expect(checks.contains(#""expected" : "0.4644""#))
        #expect(checks.contains(#""computed" : "3 steps from their TeX, on 200 draws""#), "\(checks)")
        #expect(checks.contains(#""texSteps" : 3"#) && checks.contains(#""twinSteps" : 0"#))
    }

    @Test func everyFailureOfABuildIsListedAcrossChapters() async throws {
        let directory = try RenderProcess.temporaryDirectory("many")
        let chapters = directory + "/chapters"
        try FileManager.default.createDirectory(atPath: chapters, withIntermediateDirectories: true)
        try "```swift\nlet x = 1.0\n```\n\nA \\(x ≈ 2.0) and \\(x ≈ 3.0).\n".write(toFile: chapters + "/01-a.md", atomically: true, encoding: .utf8)
        try "```swift\nlet y = undefinedName\n```\n".write(toFile: chapters + "/02-b.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["check"], in: directory)
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 3, "\(result.standardError)")
        #expect(lines.first?.hasPrefix("chapters/01-a.md:5:5: error: claim 2.0 disagrees") == true)
        #expect(lines.last?.hasPrefix("chapters/02-b.md:2:9: error:") == true)
        #expect(!FileManager.default.fileExists(atPath: directory + "/output"), "render check wrote something")
    }
}
