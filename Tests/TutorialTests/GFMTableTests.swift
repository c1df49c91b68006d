import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Pipe tables against the GFM table examples, as goldmark's test data gives
/// them (Debian's `golang-github-yuin-goldmark-dev`, installed by
/// `scripts/setup --test`, read where it is installed, never copied here).
@Suite struct GFMTableTests {
    static let examplesPath = "/usr/share/gocode/src/github.com/yuin/goldmark/extension/_test/table.txt"

    struct Example {
        var title: String
        var markdown: String
        var html: String
    }

    /// goldmark's format: a title line, an optional `OPTIONS:` line, then the
    /// Markdown and the HTML, each after a `//- - -…//` line; cases end with `//= = =…//`.
    static func examples(_ text: String) -> [Example] {
        text.components(separatedBy: "//= = = = = = = = = = = = = = = = = = = = = = = =//").compactMap { chunk in
            let parts = chunk.components(separatedBy: "//- - - - - - - - -//\n")
            guard parts.count == 3 else { return nil }
            let head = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
            var markdown = parts[1]
            if head.contains("\"enableEscape\": true") { markdown = markdown.replacingOccurrences(of: "\\t", with: "\t") }
            return Example(title: head.components(separatedBy: "\n")[0], markdown: markdown, html: parts[2])
        }
    }

    /// Our HTML for `markdown` without smart punctuation (goldmark has none),
    /// with alignment written as goldmark writes it.
    static func render(_ markdown: String) -> String {
        let document = ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: markdown), smart: false)
        let html = ChapterTypesetter(
            document: document, run: nil, page: "t.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: CrossReferences(), unsafe: false
        ).typeset().html
        return html.replacingOccurrences(of: #" class="align-(left|center|right)""#, with: #" align="$1""#, options: .regularExpression)
    }

    @Test func everyGFMTableExampleRendersAsGoldmarkDoes() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.examplesPath),
                                "the GFM table examples are missing: run scripts/setup --test")
        let examples = Self.examples(String(decoding: data, as: UTF8.self))
        #expect(examples.count >= 13)
        for example in examples {
            let ours = Self.render(example.markdown)
            #expect(ours.trimmingCharacters(in: .newlines) == example.html.trimmingCharacters(in: .newlines),
                    "example \(example.title):\n\(example.markdown)--- ours\n\(ours)--- goldmark\n\(example.html)")
        }
    }
}
