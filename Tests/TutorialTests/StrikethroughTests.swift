import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// GFM strikethrough where its tildes meet emphasis (issue 26). In
/// cmark-gfm, the reference, `~` runs sit on one delimiter stack with `*`
/// and `_`, so a `~~` pair strands the emphasis delimiters between its two
/// runs, and an emphasis pair strands the tildes between its two. The
/// expected HTML below is cmark-gfm's (`cmark-gfm -e strikethrough`).
@Suite struct StrikethroughTests {
    static let crossings: [(markdown: String, html: String)] = [
        // A strikethrough strands the `*`, `**` or `_` that opens inside it.
        ("~~a *b~~ c*", "<p><del>a *b</del> c*</p>"),
        ("~~a **b~~ c**", "<p><del>a **b</del> c**</p>"),
        ("~~a _b~~ c_", "<p><del>a _b</del> c_</p>"),
        ("~a *b~ c*", "<p><del>a *b</del> c*</p>"),
        ("~~*a~~*", "<p><del>*a</del>*</p>"),
        // Emphasis strands the tildes that open inside it.
        ("*a ~~b* c~~", "<p><em>a ~~b</em> c~~</p>"),
        ("**a ~~b** c~~", "<p><strong>a ~~b</strong> c~~</p>"),
        ("*~~a*~~", "<p><em>~~a</em>~~</p>"),
        ("**a ~~b* c~~ d*", "<p><em><em>a ~~b</em> c~~ d</em></p>"),
        // Nested properly, both stand.
        ("_a ~~b~~ c_", "<p><em>a <del>b</del> c</em></p>"),
        // Runs of different lengths find each other but make nothing, and strand nothing.
        ("~~a *b~ c*", "<p>~~a <em>b~ c</em></p>"),
        ("~a ~~b~ c~~", "<p>~a <del>b~ c</del></p>"),
        // Code spans, links and raw HTML hold their tildes; escapes and entities are text.
        ("~~a `b~~` c~~", "<p><del>a <code>b~~</code> c</del></p>"),
        ("~~a [b~~](u) c~~", "<p><del>a <a href=\"u\">b~~</a> c</del></p>"),
        ("[~~a *b~~ c*](u)", "<p><a href=\"u\"><del>a *b</del> c*</a></p>"),
        ("~~a <span x=\"~~\"> b~~", "<p><del>a <!-- raw HTML omitted --> b</del></p>"),
        ("~~a \\*b~~ c*", "<p><del>a *b</del> c*</p>"),
        ("~~a &#126;~~", "<p><del>a ~</del></p>"),
        // Three tildes are text.
        ("x ~~~a~~~ y", "<p>x ~~~a~~~ y</p>"),
    ]

    @Test func tildesAndEmphasisStrandWhatTheyCross() {
        for (markdown, html) in Self.crossings {
            let ours = Self.render(markdown + "\n").trimmingCharacters(in: .newlines)
            #expect(ours == html, "\(markdown)\n--- ours\n\(ours)\n--- cmark-gfm\n\(html)")
        }
    }

    @Test func aStrandedDelimiterIsEscapedForCmark() throws {
        let plan = try #require(StrikethroughPlan.make("~~a *b~~ c*", smart: true, isDefined: { _ in false }))
        #expect(plan.text == "~~a \\*b~~ c*")
        #expect(plan.tildes == [.opens(0), .opens(0), .closes(0), .closes(0)])
        #expect(StrikethroughPlan.make("no tildes *here*", smart: true, isDefined: { _ in false }) == nil)
    }

    /// The escapes cmark reads move nothing the chapter reports: a span after them keeps its column.
    @Test func aSpanAfterAStrandedDelimiterKeepsItsColumn() throws {
        let document = ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: "~~a *b~~ c* and $x$\n"))
        let span = try #require(document.spans.first)
        #expect(span.location == SourceLocation(line: 1, column: 17))
    }

    /// Strikethrough is read with the paragraph now, before bare links, so a URL inside one is linked as cmark-gfm links it.
    @Test func aBareLinkInsideStrikethroughIsLinked() {
        #expect(Self.render("~~see www.a.com~~\n") == "<p><del>see <a href=\"http://www.a.com\">www.a.com</a></del></p>\n")
    }

    /// Reading tildes costs linear time: ten times the paragraph may cost at
    /// most 30 times as much (quadratic: 100 times). The units are made to be
    /// hard: openers that never close, closers that find nothing, strikes
    /// that strand emphasis, `<` that starts no tag, brackets, code.
    ///
    /// Timed as this thread's CPU time (the parse runs on the calling thread
    /// and never suspends), the least of three interleaved runs of each: wall
    /// time under a full parallel `swift test` on a loaded machine once gave
    /// 0.031 s and 1.82 s (59 times) for a paragraph that takes 0.015 s and
    /// 0.15 s alone.
    @Test(.timeLimit(.minutes(3))) func longParagraphsOfTildesCostLinearTime() {
        func seconds(_ count: Int) -> Double {
            let units = ["~~a *b~~ c* ", "*a ", "a* ", "~a ", "<a ", "[a ", "`b ", "_a ~~ "]
            let text = (0..<count).map { units[$0 % units.count] }.joined() + "\n"
            let start = Self.threadCPUTime()
            _ = ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: text))
            return Self.threadCPUTime() - start
        }
        var small = Double.infinity, large = Double.infinity
        for _ in 0..<3 {
            small = min(small, seconds(2_000))
            large = min(large, seconds(20_000))
        }
        #expect(large < 30 * small, "2,000 units: \(small) s, 20,000: \(large) s")
    }

    /// The CPU time this thread has used, in seconds.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    // MARK: - Against cmark-gfm

    static func render(_ markdown: String) -> String { GFMTableTests.render(markdown) }

    static var hasCmarkGFM: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/cmark-gfm") }

    /// The GFM spec's strikethrough examples, as goldmark's test data gives them.
    @Test func strikethroughExamplesRenderAsCmarkGFMDoes() throws {
        #expect(Self.hasCmarkGFM, "cmark-gfm is missing: run scripts/setup --test")
        let examples = try GFMExtensionTests.examples("strikethrough")
        #expect(examples.count >= 2)
        for example in examples {
            let ours = Self.render(example.markdown)
            let theirs = try GFMExtensionTests.cmarkGFM(example.markdown, smart: false)
            #expect(ours == theirs, "example \(example.title):\n\(example.markdown)--- ours\n\(ours)--- cmark-gfm\n\(theirs)")
        }
    }

    /// The CommonMark spec's emphasis examples, as written and with their
    /// `_` or `**` written as tildes, so that tildes meet emphasis in every
    /// way the spec thought of.
    @Test func emphasisExamplesRenderAsCmarkGFMDoes() throws {
        #expect(Self.hasCmarkGFM, "cmark-gfm is missing: run scripts/setup --test")
        let data = try #require(FileManager.default.contents(atPath: CommonMarkConformanceTests.specPath))
        let examples = try JSONDecoder().decode([CommonMarkConformanceTests.Example].self, from: data)
            .filter { $0.section == "Emphasis and strong emphasis" && !CommonMarkConformanceTests.usesTutorialSyntax($0.markdown) }
        #expect(examples.count > 120)
        var failures: [String] = []
        for example in examples {
            for markdown in [example.markdown,
                             example.markdown.replacingOccurrences(of: "_", with: "~"),
                             example.markdown.replacingOccurrences(of: "**", with: "~~")] {
                let ours = Self.render(markdown)
                let theirs = try GFMExtensionTests.cmarkGFM(markdown, smart: false)
                if ours != theirs { failures.append("example \(example.example):\n\(markdown)--- ours\n\(ours)--- cmark-gfm\n\(theirs)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) differ; first:\n\(failures.prefix(3).joined(separator: "\n"))")
    }

    /// Short random paragraphs of tildes, emphasis, code and links, from a
    /// fixed seed: each renders as cmark-gfm renders it.
    @Test(.timeLimit(.minutes(5))) func randomParagraphsRenderAsCmarkGFMDoes() throws {
        #expect(Self.hasCmarkGFM, "cmark-gfm is missing: run scripts/setup --test")
        var pieces = ["~", "~~", "*", "**", "_", "a", "b", " ", " ", "`", "[", "](u)", ".", ",", "!", "(", ")", "\"", "'"]
        if ProcessInfo.processInfo.environment["STRIKETHROUGH_WIDE"] != nil {
            pieces += ["\\", "\nb", "<b>", "&#126;", "![", "]", "[u]", "](<u> \"t~~\")", "<a:~b>", "~~~", "__", "***"]
        }
        // STRIKETHROUGH_CASES and STRIKETHROUGH_SEED run more cases, or others, by hand.
        let environment = ProcessInfo.processInfo.environment
        let count = environment["STRIKETHROUGH_CASES"].flatMap { Int($0) } ?? 2000
        var random = MarkdownPropertyTests.Random(state: environment["STRIKETHROUGH_SEED"].flatMap { UInt64($0) } ?? 26)
        let smart = environment["STRIKETHROUGH_SMART"] != nil
        let cases = (0..<count).map { _ in (0..<(3 + random.below(10))).map { _ in random.pick(pieces) }.joined() }
        // One cmark-gfm run for all: the paragraphs are kept apart by a thematic break.
        // Each line starts with a letter, so that none is a list, a fence or a heading.
        let separator = "* * *"
        let markdowns = cases.map { "a" + $0 + "\n" }
        let document = markdowns.joined(separator: "\n" + separator + "\n\n")
        let theirs = try Self.cmarkGFM(document, smart: smart, strikethrough: true).components(separatedBy: "<hr />\n")
        let withoutTildes = try Self.cmarkGFM(document, smart: smart, strikethrough: false).components(separatedBy: "<hr />\n")
        #expect(theirs.count == cases.count && withoutTildes.count == cases.count)
        var skipped = 0
        for (k, markdown) in markdowns.enumerated() where k < theirs.count && k < withoutTildes.count {
            // cmark-gfm is cmark 0.29 underneath: where it reads emphasis or quotes
            // otherwise than cmark 0.30 even with tildes as text, the case says nothing here.
            if withoutTildes[k] != CmarkReference.html(markdown, smart: smart) { skipped += 1; continue }
            if CommonMarkConformanceTests.usesTutorialSyntax(markdown) { continue }  // `\(…)` is a value here
            let ours = smart ? CommonMarkConformanceTests.render(markdown) : Self.render(markdown)
            #expect(ours == theirs[k], "\(markdown)--- ours\n\(ours)--- cmark-gfm\n\(theirs[k])")
            if ours != theirs[k] { break }
        }
        #expect(skipped * 20 < count, "\(skipped) of \(count) cases read otherwise by cmark 0.29 and 0.30")
    }

    /// cmark-gfm with or without its strikethrough extension.
    static func cmarkGFM(_ markdown: String, smart: Bool, strikethrough: Bool) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        process.arguments = (smart ? ["--smart"] : []) + (strikethrough ? ["-e", "strikethrough"] : [])
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Written from another thread: a large input would fill the pipe while cmark-gfm's output fills the other.
        let writer = Thread { try? input.fileHandleForWriting.write(contentsOf: Data(markdown.utf8)); try? input.fileHandleForWriting.close() }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
