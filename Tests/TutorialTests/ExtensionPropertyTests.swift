import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Random chapters built from the extensions' syntax — footnotes, inline
/// notes, tildes, bare links, attributes, theorem markers, citations, task
/// boxes — mixed with the Markdown around them: parsing and typesetting
/// never trap, every span stays in the chapter, and none of the engine's
/// private-use placeholders or masks ever reaches the page.
@Suite struct ExtensionPropertyTests {
    static let pieces = [
        "[^a]", "[^b]", "[^a]: ", "\n[^b]: note ", "^[", "]", "[", "~~", "~", "www.a.org", "https://x.y/(a)", ")", ".",
        "{#sec:a}", "{.c}", "{#fig:f width=50%}", "{", "}", "\n> [!THEOREM] T {#thm:a}\n> ", "\n> [!PROOF]\n> ", "\n> [!FOO]\n> ",
        "> ", "\n", "\n\n", "    ", "\t", "- [ ] ", "- [x] ", "@a", "@sec:a", "@thm:a", "@fig:f", "[@a; @b, p. 1]", "[-@a]",
        "[see @a]", "$x$", "`", "*", "_", "![c](p.png)", "# ", "## ", "é", "word ", ":::", "\\cite{a}", "\\", "&amp;", "<b>",
    ]

    @Test func randomChaptersNeverLeakPlaceholdersOrTrap() {
        var random = MarkdownPropertyTests.Random(state: 26)
        let bibliography = Bibliography([
            BibEntry(key: "a", type: "book", fields: ["title": "A", "year": "2000"], authors: [.init(family: "Ay")], file: "r.bib", line: 1),
        ])
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<(1 + random.below(30)) { text += random.pick(Self.pieces) }
            let document = ChapterParser.parse(ChapterSource(path: "r.md", name: "r", text: text))
            let lineCount = SourceLines(text).count
            for span in document.spans {
                #expect(span.location.line >= 1 && span.location.line <= lineCount, "span outside the chapter in \(text.debugDescription)")
            }
            let (references, _) = CrossReferences.collect(
                documents: [document], pages: ["r.html"], runs: [nil], allRan: true, numbering: .chapter, chapters: [1])
            let html = ChapterTypesetter(
                document: document, run: nil, page: "r.html", formulas: ChapterFormulas(document, values: [:]),
                formulaHTML: [:], references: references, unsafe: false, bibliography: bibliography
            ).typeset().html
            let leaked = html.unicodeScalars.contains { $0 == "\u{E000}" || $0 == "\u{E001}" || $0 == "\u{E002}" }
            #expect(!leaked, "a placeholder reached the page for \(text.debugDescription):\n\(html)")
            if leaked { return }
        }
    }
}
