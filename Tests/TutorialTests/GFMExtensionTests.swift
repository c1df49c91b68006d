import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Strikethrough, task lists and bare-URL autolinks against the GFM
/// examples goldmark's test data gives for them (Debian's
/// `golang-github-yuin-goldmark-dev`, read where it is installed). The
/// HTML is compared after writing ours the way goldmark writes the same
/// elements (`<input disabled="" type="checkbox">`, no task class).
@Suite struct GFMExtensionTests {
    static let folder = "/usr/share/gocode/src/github.com/yuin/goldmark/extension/_test/"

    /// The examples that the engine reads differently on purpose, each with why (none now).
    static let skipped: [String: String] = [:]

    /// goldmark's rendering of the elements ours writes otherwise (and of
    /// `'` in a URL, which cmark, and so the engine, writes as `&#x27;`).
    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: #"<li class="task">"#, with: "<li>")
            .replacingOccurrences(of: #"<input type="checkbox" checked="" disabled="" />"#, with: #"<input checked="" disabled="" type="checkbox">"#)
            .replacingOccurrences(of: #"<input type="checkbox" disabled="" />"#, with: #"<input disabled="" type="checkbox">"#)
            .trimmingCharacters(in: .newlines)
    }

    static func examples(_ name: String) throws -> [GFMTableTests.Example] {
        let data = try #require(FileManager.default.contents(atPath: folder + name + ".txt"),
                                "the GFM examples are missing: run scripts/setup --test")
        return GFMTableTests.examples(String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["strikethrough", "tasklist", "linkify"])
    func everyExampleRendersAsGoldmarkDoes(_ name: String) throws {
        let examples = try Self.examples(name)
        #expect(examples.count >= 2)
        var compared = 0
        for example in examples {
            let number = example.title.components(separatedBy: ":")[0]
            if Self.skipped["\(name) \(number)"] != nil { continue }
            compared += 1
            let ours = Self.normalized(GFMTableTests.render(example.markdown))
            #expect(ours == example.html.trimmingCharacters(in: .newlines),
                    "\(name) example \(example.title):\n\(example.markdown)--- ours\n\(ours)\n--- goldmark\n\(example.html)")
        }
        #expect(compared + Self.skipped.keys.filter { $0.hasPrefix(name + " ") }.count == examples.count)
    }

    @Test func tildesInCodeAndRunsOfThreeStayText() {
        #expect(GFMTableTests.render("`~~a~~` and ~~~b~~~\n") == "<p><code>~~a~~</code> and ~~~b~~~</p>\n")
    }

    @Test func strikethroughHoldsEmphasisAndMath() {
        let html = GFMTableTests.render("~~a *b* $x$~~\n")
        #expect(html.hasPrefix("<p><del>a <em>b</em> "))
        #expect(html.hasSuffix("</del></p>\n"))
    }

    /// Cases where cmark-gfm (the reference) trims more than the spec's list says.
    @Test func trailingQuotesAndSemicolonsAreNotPartOfABareLink() throws {
        for markdown in ["https://a.b/c'\n", "https://a.b/c\"\n", "Visit https://a.b/c?d=e&f=g;\n"] {
            let ours = GFMTableTests.render(markdown)
            let theirs = try Self.cmarkGFM(markdown, smart: false)
            #expect(ours == theirs, "\(markdown)--- ours\n\(ours)--- cmark-gfm\n\(theirs)")
        }
    }

    @Test func aURLInsideALinkIsNotLinkedAgain() {
        #expect(GFMTableTests.render("[see https://a.org](https://b.org)\n")
                == "<p><a href=\"https://b.org\">see https://a.org</a></p>\n")
    }

    @Test func aBracketThatIsNotABoxStaysText() {
        #expect(GFMTableTests.render("- [y] no\n- [ ]\n") == "<ul>\n<li>[y] no</li>\n<li>[ ]</li>\n</ul>\n")
    }

    /// cmark-gfm with the autolink extension, the reference for bare links in plain prose.
    static func cmarkGFM(_ markdown: String, smart: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        process.arguments = (smart ? ["--smart"] : []) + ["-e", "autolink", "-e", "strikethrough", "-e", "tasklist"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func commonMarkSpecExamplesWithBareLinksRenderAsCmarkGFMDoes() throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/cmark-gfm"), "cmark-gfm is missing: run scripts/setup --test")
        let data = try #require(FileManager.default.contents(atPath: CommonMarkConformanceTests.specPath))
        let examples = try JSONDecoder().decode([CommonMarkConformanceTests.Example].self, from: data)
            .filter { CommonMarkConformanceTests.usesBareLinks($0.markdown) && !$0.markdown.contains("$") && !$0.markdown.contains("\\(") }
        #expect(examples.count >= 4)
        for example in examples {
            let ours = CommonMarkConformanceTests.render(example.markdown)
            let theirs = try Self.cmarkGFM(example.markdown)
            #expect(ours == theirs, "example \(example.example):\n\(example.markdown)--- ours\n\(ours)--- cmark-gfm\n\(theirs)")
        }
    }
}
