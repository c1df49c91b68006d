import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// What serve and watch remember between builds changes nothing a build
/// writes; it only spares parsing the chapters a save did not touch and
/// decoding their cached runs again.
@Suite(.timeLimit(.minutes(5))) struct RebuildMemoTests {
    func source(_ name: String, _ text: String) -> ChapterSource {
        ChapterSource(path: "chapters/\(name).md", name: name, text: text)
    }

    @Test func aChapterIsParsedAgainOnlyWhenItsTextChanged() {
        let memo = RebuildMemo()
        nonisolated(unsafe) var parses = 0
        func parse(_ source: ChapterSource) -> ChapterDocument {
            parses += 1
            return ChapterParser.parse(source)
        }
        let a = source("01-a", "# A\n\nText.\n")
        let b = source("02-b", "# B\n\nMore text.\n")
        memo.beginBuild()
        _ = memo.document(for: a, parse: parse)
        _ = memo.document(for: b, parse: parse)
        #expect(parses == 2)
        memo.beginBuild()
        let again = memo.document(for: a, parse: parse)
        _ = memo.document(for: source("02-b", "# B\n\nEdited.\n"), parse: parse)
        #expect(parses == 3)
        #expect(again.name == "01-a")
    }

    @Test func whatABuildDidNotUseIsForgotten() {
        let memo = RebuildMemo()
        nonisolated(unsafe) var parses = 0
        let parse = { (source: ChapterSource) -> ChapterDocument in parses += 1; return ChapterParser.parse(source) }
        let old = source("01-a", "# Old\n")
        memo.beginBuild()
        _ = memo.document(for: old, parse: parse)
        memo.beginBuild()                       // a build that did not read `old`
        _ = memo.document(for: source("01-a", "# New\n"), parse: parse)
        memo.beginBuild()                       // forgets `old`
        _ = memo.document(for: old, parse: parse)
        #expect(parses == 3)
        let run = RawRun(ending: .exited(0), channel: "", printed: [:], standardError: "")
        memo.remember(run, key: "k", variant: "v")
        #expect(memo.run(key: "k", variant: "v") != nil)
        memo.beginBuild()
        memo.beginBuild()
        #expect(memo.run(key: "k", variant: "v") == nil)
    }

    /// The property that matters: a preview's rebuild after edits writes
    /// byte for byte what a fresh build of the same chapters writes.
    @Test func aRebuildWithTheMemoWritesWhatAFreshBuildWrites() async throws {
        let directory = try RenderProcess.temporaryDirectory("memo")
        let chapters = directory + "/chapters"
        try FileManager.default.createDirectory(atPath: chapters, withIntermediateDirectories: true)
        func write(_ text: String, _ name: String) throws { try text.write(toFile: chapters + "/" + name, atomically: true, encoding: .utf8) }
        try write("# A\n\n```swift\nlet x = 2.0\n```\n\nTwice $x$ is \\(2 * x).\n", "01-a.md")
        try write("# B\n\n```swift\nlet y = [1.0, 2.0]\n```\n\nThe sum is \\(y.reduce(0, +) ≈ 3).\n", "02-b.md")
        var options = BuildOptions()
        options.chaptersDirectory = chapters
        options.outputDirectory = directory + "/kept"
        options.cacheDirectory = directory + "/cache"
        var session = BuildSession()
        session.rebuildMemo = RebuildMemo()
        _ = try await BookBuilder(options: options, session: session).build()
        try write("# A\n\n```swift\nlet x = 2.0\n```\n\nTwice $x$ is \\(2 * x), as before.\n", "01-a.md")
        try write("# B\n\n```swift\nlet y = [1.0, 2.0, 4.0]\n```\n\nThe sum is \\(y.reduce(0, +) ≈ 7).\n", "02-b.md")
        _ = try await BookBuilder(options: options, session: session).build()

        var fresh = options
        fresh.useCache = false
        fresh.outputDirectory = directory + "/fresh"
        _ = try await BookBuilder(options: fresh).build()
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory + "/fresh").sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: directory + "/kept").sorted() == files)
        for file in files {
            let kept = FileManager.default.contents(atPath: directory + "/kept/" + file)
            #expect(kept == FileManager.default.contents(atPath: directory + "/fresh/" + file), "\(file)")
        }
        let page = try String(contentsOfFile: directory + "/kept/02-b.html", encoding: .utf8)
        #expect(page.contains("7.0"))
    }
}
