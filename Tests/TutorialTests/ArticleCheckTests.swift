import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// `render check FILE.md`: an article checked where it lives, with its
/// checks in HTML comments, errors at the article's own lines and columns,
/// a list of what no check covers, and output for CI.
@Suite(.timeLimit(.minutes(5))) struct ArticleCheckTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/article/post.md").path

    /// A folder outside any book holding `post.md` with `edit` applied.
    func article(_ name: String, _ edit: (String) -> String = { $0 }) throws -> String {
        let directory = try RenderProcess.temporaryDirectory(name)
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        try edit(text).write(toFile: directory + "/post.md", atomically: true, encoding: .utf8)
        return directory
    }

    func line(of needle: String) throws -> Int {
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        return try #require(text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }) + 1
    }

    // MARK: The rewrite, line for line

    @Test func commentsBecomeChapterSyntaxLineForLine() throws {
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        let rewritten = ArticleComments.rewrite(text, file: "post.md")
        #expect(rewritten.diagnostics.isEmpty, "\(rewritten.diagnostics)")
        let before = text.components(separatedBy: "\n"), after = rewritten.lines
        #expect(after.count == before.count)
        let frontMatterBlank = after[0...4].allSatisfy { $0.isEmpty }
        #expect(frontMatterBlank)
        #expect(after.contains("```swift hide") && after.contains("```derivation"))
        let claim = try line(of: "0.417<!-- ≈ loss -->")
        #expect(after[claim - 1].contains("\\(loss") && after[claim - 1].contains("≈ 0.417)"))
        // The rest of a line keeps its columns.
        #expect(after[claim - 1].unicodeScalars.count == before[claim - 1].unicodeScalars.count)
    }

    @Test func anUncheckedMarkIsKeptWithItsReason() {
        let text = "Intro\n\n<!-- unchecked: a definition -->\n$$\nH(p) = -\\sum_i p_i \\log p_i\n$$\n\nA typed 0.25<!-- unchecked: from the paper --> and 0.5 alone.\n"
        let document = ChapterParser.parse(ChapterSource(path: "a.md", name: "a", text: text))
        let coverage = Coverage(document)
        #expect(coverage.items.map(\.kind) == [.display, .number, .number])
        #expect(coverage.items.map(\.reason) == ["a definition", "from the paper", nil])
        #expect(coverage.unexplained.map(\.text) == ["0.5"])
        let strict = coverage.diagnostics(file: "a.md", strict: true, list: false)
        #expect(strict.count == 1 && strict[0].severity == .error && strict[0].line == 8)
    }

    @Test func proseNumbersSkipCodeMathValuesLinksAndVersions() {
        let text = "A 0.46 here, `0.5` in code, $0.7$ in math, \\(x ≈ 0.8) a claim, [link](http://a/1.5), KaTeX 0.16.4, v1.2 and −2.5.\n"
        #expect(ProseNumbers.find(in: text).map(\.text) == ["0.46", "−2.5"])
    }

    /// cmark's rendering of the article (the library `cmark` is built on), with
    /// comments and the blank lines an HTML block leaves taken out: what a browser shows.
    func cmark(_ text: String) -> String {
        CmarkReference.html(text, smart: false).replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
            .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "\n")
    }

    @Test func theCommentsLeaveTheArticlesCommonMarkRenderingUnchanged() throws {
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        let bare = text.replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
        let withComments = cmark(text), without = cmark(bare)
        #expect(withComments == without)
    }

    // MARK: render check FILE.md

    @Test func theExamplePassesAndWritesNothing() async throws {
        let directory = try article("article-pass")
        let result = try await RenderProcess.run(["check", "post.md"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("3 claims · 2 derivations"), "\(result.standardOutput)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["post.md"])
    }

    @Test func aFlippedSignInACommentedDisplayAndAWrongCommentedNumberFailWhereTheyAre() async throws {
        let directory = try article("article-fail") {
            $0.replacingOccurrences(of: #"q_i - \mathbb{1}(y = i)"#, with: #"q_i + \mathbb{1}(y = i)"#)
                .replacingOccurrences(of: "0.242<!--", with: "0.252<!--")
        }
        let result = try await RenderProcess.run(["check", "post.md"], in: directory)
        #expect(result.status == 1)
        let display = try line(of: #"q_i - \mathbb{1}(y = i)"#), number = try line(of: "0.242<!--")
        #expect(result.standardError.contains("post.md:\(display):35: error: derivation step disagrees"), "\(result.standardError)")
        #expect(result.standardError.contains("post.md:\(number):18: error: claim 0.252 disagrees"), "\(result.standardError)")
    }

    @Test func anExactClaimMustBeTheValueItself() async throws {
        let directory = try RenderProcess.temporaryDirectory("article-exact")
        try "A\n\n<!-- swift\nlet p: [Double] = [0.25, 0.75]\nlet t = 0.1 + 0.2\n-->\n\nExact 0.25<!-- = p[0] --> and 0.3<!-- = t --> and 0.30<!-- ≈ t -->.\n"
            .write(toFile: directory + "/exact.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["check", "exact.md"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("exact.md:8:31: error: exact claim 0.3 disagrees with `t` = 0.30000000000000004"), "\(result.standardError)")
        #expect(result.standardError.components(separatedBy: "error:").count == 2, "\(result.standardError)")
    }

    @Test func aWrongInequalityFails() async throws {
        let directory = try article("article-inequality") { $0.replacingOccurrences(of: #"q_y - 1 \le 0"#, with: #"q_y - 1 \ge 0"#) }
        let result = try await RenderProcess.run(["check", "post.md"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: inequality `\\ge` does not hold"), "\(result.standardError)")
    }

    @Test func withOutputItWritesAOnePageSiteWhoseChecksPageListsWhatIsNotChecked() async throws {
        let directory = try article("article-site") { $0 + "\n<!-- unchecked: the definition of the softmax -->\n$$\nq = \\operatorname{softmax}(z)\n$$\n" }
        let result = try await RenderProcess.run(["check", "post.md", "--output", "site", "--strict"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory + "/site/post.html"))
        let checks = try String(contentsOfFile: directory + "/site/checks.html", encoding: .utf8)
        #expect(checks.contains("<h2 id=\"not-checked\">Not checked</h2>"))
        #expect(checks.contains("the definition of the softmax"))
    }

    @Test func uncheckedListsAndStrictFails() async throws {
        let directory = try article("article-unchecked") {
            $0 + "\nA bound we did not check:\n\n$$\nq_i \\le 1\n$$\n\nand a typed 0.5 in prose.\n"
        }
        let listed = try await RenderProcess.run(["check", "post.md", "--unchecked"], in: directory)
        #expect(listed.status == 0)
        #expect(listed.standardError.contains("note: display equation `q_i \\le 1` is not checked"), "\(listed.standardError)")
        #expect(listed.standardError.contains("note: number 0.5 in prose is not checked"), "\(listed.standardError)")
        #expect(listed.standardOutput.contains("1 display and 1 number not checked"), "\(listed.standardOutput)")
        let strict = try await RenderProcess.run(["check", "post.md", "--strict"], in: directory)
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("is not checked (--strict)"))
    }

    @Test func githubAndJSONFormats() async throws {
        let directory = try article("article-formats") { $0.replacingOccurrences(of: "0.417<!--", with: "0.427<!--") }
        let number = try line(of: "0.417<!--")
        let github = try await RenderProcess.run(["check", "post.md", "--format", "github"], in: directory)
        #expect(github.status == 1)
        #expect(github.standardOutput.contains("::error file=post.md,line=\(number),col=1::claim 0.427 disagrees"), "\(github.standardOutput)")
        let json = try await RenderProcess.run(["check", "post.md", "--format", "json", "--quiet"], in: directory)
        let line = try #require(json.standardOutput.split(separator: "\n").first { $0.hasPrefix("{") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "post.md")
        #expect(object["line"] as? Int == number)
        #expect(object["column"] as? Int == 1)
        #expect(object["severity"] as? String == "error")
        #expect((object["message"] as? String)?.contains("claim 0.427") == true)
    }
}
