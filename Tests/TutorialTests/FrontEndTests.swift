import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// One parse: cmark reads the chapter once, and the scanner works inside each
/// leaf block, so spans, titles, `$` and links come out as the author meant.
@Suite struct FrontEndTests {
    func parse(_ text: String) -> ChapterDocument {
        ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: text))
    }

    func html(_ text: String, formulaHTML: [Formula: String] = [:]) -> ChapterTypesetter.Output {
        let document = parse(text)
        return ChapterTypesetter(
            document: document, run: nil, page: "t.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: formulaHTML, references: CrossReferences(), unsafe: false
        ).typeset()
    }

    func mathTeX(_ document: ChapterDocument) -> [String] {
        document.spans.compactMap { span in
            guard case .math(let m) = span.kind else { return nil }
            return m.pieces.map { piece in
                if case .tex(let t) = piece { return t }
                return "?"
            }.joined()
        }
    }

    /// The block structure alone: kinds and nesting, no text.
    static func shape(_ blocks: [MarkdownBlock]) -> String {
        blocks.map { block in
            switch block.kind {
            case .paragraph: "p"
            case .heading(let level, _): "h\(level)"
            case .blockQuote(let children): "quote(\(shape(children)))"
            case .list(let start, _, let items): "\(start == nil ? "ul" : "ol")(\(items.map(shape).joined(separator: "|")))"
            case .code: "code"
            case .html: "html"
            case .thematicBreak: "hr"
            case .table(let table): "table\(table.header.count)x\(table.rows.count)"
            case .callout(let callout): "\(callout.kind.rawValue)(\(shape(callout.blocks)))"
            }
        }.joined(separator: " ")
    }

    @Test func aDollarInOneListItemDoesNotPairWithOneInTheNext() {
        let document = parse("- costs $a\n- and $b$ here\n")
        #expect(document.diagnostics.isEmpty)
        #expect(mathTeX(document) == ["b"])
        #expect(Self.shape(document.blocks) == "ul(p|p)")
        #expect(html("- costs $a\n- and $b$ here\n").html.contains("<li>costs $a</li>"))
    }

    @Test func aSetextHeadingKeepsItsUnderline() {
        let document = parse("Some text $a\n===\nb$\n")
        #expect(Self.shape(document.blocks) == "h1 p")
        #expect(document.spans.isEmpty)
        #expect(document.diagnostics.isEmpty)
    }

    @Test func mathInsideAQuoteLosesTheQuoteMarkers() {
        let document = parse("> $L = q\n> = 0.46$\n")
        #expect(mathTeX(document) == ["L = q\n= 0.46"])
        #expect(Self.shape(document.blocks) == "quote(p)")
    }

    @Test func aValueInsideAQuoteLosesTheQuoteMarkers() {
        let document = parse("> \\(a\n> b)\n")
        #expect(document.expressions.map(\.expression) == ["a\nb"])
        #expect(document.expressions.first?.location == SourceLocation(line: 1, column: 5))
    }

    @Test func displayMathInASentenceIsNotADivInsideAParagraph() {
        let page = html("Before $$x$$ after.\n\n$$y$$\n").html
        #expect(page.contains(#"<p>Before <span class="equation">"#))
        #expect(page.contains(#"<div class="equation">y</div>"#))
        #expect(!page.contains("<p>Before <div"))
    }

    @Test func columnsCountCharactersAfterNonASCIIText() {
        let document = parse("The loss — é — is \\(lossy).\n")
        #expect(document.expressions.first?.location == SourceLocation(line: 1, column: 21))
        let program = Tangler.tangle(document)
        // swiftc counts bytes: the expression stands at byte column 26 of the chapter line.
        #expect(program.source.contains("\n" + String(repeating: " ", count: 25) + "lossy)\n"))
    }

    @Test func theTitleIsTheFirstBlockOnlyWhenItIsAnH1() {
        let quoted = html("> # Foo\n\nText.\n")
        #expect(quoted.title == "t")
        #expect(quoted.html.contains("<blockquote>\n<h1 id=\"foo\">Foo</h1>\n</blockquote>"))
        let listed = html("- # Foo\n")
        #expect(listed.title == "t")
        #expect(listed.html.contains("<li>\n<h1 id=\"foo\">Foo</h1>\n</li>"))
        let late = html("Intro.\n\n# Foo\n")
        #expect(late.title == "t")
        #expect(late.html.contains("<h1 id=\"foo\">Foo</h1>"))
        let first = html("# Foo *bar*\n\nText.\n")
        #expect(first.title == "Foo bar")
        #expect(first.titleHTML == "Foo <em>bar</em>")
        #expect(first.html == "<p>Text.</p>\n")
    }

    @Test func escapedParenthesesInALinkDestinationAreNotAValue() {
        let document = parse("[link](foo\\(and\\(bar\\)) and \\(x).\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.expressions.map(\.expression) == ["x"])
        #expect(html("[link](foo\\(and\\(bar\\)) and \\(x).\n").html.contains(#"<a href="foo(and(bar)">link</a>"#))
    }

    @Test func anUnclosedDollarIsALiteralDollarAsInPandoc() {
        for text in ["Add $PATH to it.\n", "export PATH=$PYENV_ROOT/bin\n", "It costs $5 and $6.\n", "A $$ b.\n"] {
            let document = parse(text)
            #expect(document.diagnostics.isEmpty, "\(text)")
            #expect(document.spans.isEmpty, "\(text)")
        }
        #expect(html("Add $PATH to it.\n").html == "<p>Add $PATH to it.</p>\n")
    }

    @Test func emphasisMarkersInsideMathStayTeX() {
        let document = parse("Both $a_1 * b_2$ and $c_3 * d$ here.\n")
        #expect(mathTeX(document) == ["a_1 * b_2", "c_3 * d"])
        #expect(!html("Both $a_1 * b_2$ and $c_3 * d$ here.\n").html.contains("<em>"))
    }

    @Test func aReferenceLinkStillResolvesInALeafWithSpans() {
        let page = html("See [the spec][s] and \\(x).\n\n[s]: https://spec.commonmark.org \"Spec\"\n").html
        #expect(page.contains(#"<a href="https://spec.commonmark.org" title="Spec">the spec</a>"#))
    }

    /// Found by scripts/fuzz: swift-syntax's parser takes exponential time on
    /// unclosed `[` (21 of them took 14 s), so such a block is reported, not parsed.
    @Test(.timeLimit(.minutes(3))) func aBlockWithTwentyOpenBracketsIsReportedNotParsed() {
        let document = parse("```swift\nlet x = f(_ y: Double) { y * x " + String(repeating: "[", count: 21) + "}\n```\n")
        #expect(document.hasSyntaxErrors)
        #expect(document.diagnostics.map(\.line) == [2])
        #expect(document.diagnostics.first?.message.contains("square brackets nest more than 8 deep") == true)
        #expect(document.swiftBlocks.first?.runs == false)
        #expect(!Tangler.tangle(document).hasWork)
    }

    /// Also found by scripts/fuzz: an unclosed quote must not hide the brackets after it.
    @Test(.timeLimit(.minutes(3))) func anUnclosedStringDoesNotHideOpenBrackets() {
        let document = parse("```swift\nlet s = \"$5 and $6.\nlet x = f(_ y: Double) { y * x " + String(repeating: "[", count: 15) + "}\n```\n")
        #expect(document.diagnostics.first?.line == 3)
        #expect(document.swiftBlocks.first?.runs == false)
    }

    @Test func ordinaryNestingIsParsed() {
        let document = parse("```swift\nlet m = [[1, 2], [3, [4, [5]]]]\nlet f = g(h(i(j(k(l(1))))))\n```\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.swiftBlocks.first?.runs == true)
    }

    @Test func spansInHeadingsAndTheirIds() {
        let out = html("# Title\n\n## Loss $L$ now\n")
        #expect(out.html.contains(#"<h2 id="loss-l-now">Loss L now</h2>"#))
        #expect(out.outline.map(\.id) == ["loss-l-now"])
    }
}

/// The same results through the `render` executable.
@Suite(.timeLimit(.minutes(5))) struct FrontEndEndToEndTests {
    func book(_ chapter: String) throws -> String {
        let directory = try RenderProcess.temporaryDirectory("frontend")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try chapter.write(toFile: directory + "/chapters/01-one.md", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func aCompileErrorAfterNonASCIITextNamesTheCharacterColumn() async throws {
        let directory = try book("# One\n\nThe loss — é — is \\(lossy).\n")
        let result = try await RenderProcess.run(["check", "--no-cache"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-one.md:3:21: error: cannot find 'lossy' in scope"), "\(result.standardError)")
    }

    @Test func theProgressLineComesAfterTheChaptersTeXIsChecked() async throws {
        let directory = try book("# One\n\nBad TeX: $\\frac{1$ here.\n")
        let result = try await RenderProcess.run(["check", "--verbose", "--no-cache"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("✗ 01-one"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("✓ 01-one"))
        #expect(result.standardError.contains("chapters/01-one.md:3:10: error: TeX error"), "\(result.standardError)")
    }

    @Test func aProseOnlyChapterIsNotLabelledCached() async throws {
        let directory = try book("# One\n\nJust prose, $x$.\n")
        let result = try await RenderProcess.run(["check", "--verbose"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("✓ 01-one"))
        #expect(!result.standardOutput.contains("(cached)"), "\(result.standardOutput)")
    }
}
