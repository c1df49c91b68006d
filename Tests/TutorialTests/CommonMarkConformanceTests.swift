import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Every example of the CommonMark spec that uses none of the tutorial's
/// syntax renders exactly as `cmark --smart` renders it, apart from heading
/// ids. The spec comes from Debian's `golang-github-yuin-goldmark-dev`
/// (installed by `scripts/setup --test`), never from the network.
@Suite struct CommonMarkConformanceTests {
    static let specPath = "/usr/share/gocode/src/github.com/yuin/goldmark/_test/spec.json"

    struct Example: Decodable {
        var markdown: String
        var example: Int
        var section: String
    }

    /// The page body as a reader meets it: a title taken from the first
    /// block is shown by the page template, so it is put back in front.
    static func render(_ markdown: String) -> String {
        let document = ChapterParser.parse(ChapterSource(path: "spec.md", name: "spec", text: markdown))
        let output = ChapterTypesetter(
            document: document, run: nil, page: "spec.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: CrossReferences(), unsafe: false
        ).typeset()
        var html = output.html
        if case .heading(1, _)? = document.blocks.first?.kind { html = "<h1>\(output.titleHTML)</h1>\n" + html }
        return html.replacingOccurrences(of: #"(<h[1-6]) id="[^"]*""#, with: "$1", options: .regularExpression)
    }

    /// Whether a document uses any of the tutorial's syntax.
    /// A bare URL or e-mail address (GFM's extended autolinks) counts:
    /// cmark leaves it as text; `GFMExtensionTests` compares those examples with cmark-gfm.
    static func usesTutorialSyntax(_ markdown: String) -> Bool {
        ["\\(", "$", "@fig:", "@eq:", "\u{E000}", "\u{E001}"].contains(where: markdown.contains) || usesBareLinks(markdown)
    }

    static func usesBareLinks(_ markdown: String) -> Bool {
        markdown.range(of: #"(^|[\s*_~])(https?://|ftp://|www\.)"#, options: .regularExpression) != nil
            || markdown.range(of: #"(^|[^<A-Za-z0-9.+_-])[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+\.[A-Za-z0-9]"#, options: .regularExpression) != nil
    }

    @Test func plainSpecExamplesRenderAsCmarkDoes() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.specPath),
                                "the CommonMark spec is missing: run scripts/setup --test")
        let examples = try JSONDecoder().decode([Example].self, from: data)
        let plain = examples.filter { !Self.usesTutorialSyntax($0.markdown) }
        #expect(examples.count == 652)
        #expect(plain.count > 600)
        var failures: [String] = []
        for example in plain {
            let ours = Self.render(example.markdown)
            let theirs = CmarkReference.html(example.markdown, smart: true)
            if ours != theirs {
                failures.append("example \(example.example) (\(example.section)):\n\(example.markdown)\n--- ours\n\(ours)--- cmark --smart\n\(theirs)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(plain.count) differ; first:\n\(failures.prefix(3).joined(separator: "\n\n"))")
    }
}
