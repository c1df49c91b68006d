import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A render with nothing changed has nothing to do and says "up to date";
/// any change to anything the site is made from makes a full build.
@Suite(.timeLimit(.minutes(5))) struct BuildStampTests {
    /// A prose-only book (no compiles, so each case is quick) with a
    /// book.toml, a stylesheet, an image and a warning.
    func book() throws -> String {
        let directory = try RenderProcess.temporaryDirectory("stamp")
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory + "/chapters/figures", withIntermediateDirectories: true)
        try write("[book]\ntitle = \"Stamped\"\n\n[html]\ncss = [\"extra.css\"]\n", to: directory + "/book.toml")
        try write("body { color: #222; }\n", to: directory + "/extra.css")
        try write("# Front\n\nSee [the chapter](01-a.md).\n", to: directory + "/chapters/README.md")
        try write("# A\n\n![a plot](figures/plot.svg)\n\n<span>raw</span>\n", to: directory + "/chapters/01-a.md")
        try write("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", to: directory + "/chapters/figures/plot.svg")
        return directory
    }

    func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func render(_ directory: String, _ arguments: [String] = [], environment: [String: String] = [:]) async throws -> RenderProcess.Result {
        try await RenderProcess.run(arguments, in: directory, environment: environment)
    }

    func isUpToDate(_ result: RenderProcess.Result) -> Bool {
        result.standardOutput.contains("· up to date")
    }

    @Test func aRenderWithNothingChangedIsUpToDateAndSaysWhatTheLastOneDid() async throws {
        let directory = try book()
        let first = try await render(directory)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(!isUpToDate(first))
        let page = try Data(contentsOf: URL(fileURLWithPath: directory + "/output/01-a.html"))

        let second = try await render(directory)
        #expect(second.status == 0)
        #expect(isUpToDate(second), "\(second.standardOutput)")
        // The same chapters, counts and warnings as the build it stands for.
        #expect(second.standardOutput.contains("1 chapter · 0 values · 0 claims · 0 derivations · 0 failed"))
        #expect(second.standardError == first.standardError)
        #expect(second.standardError.contains("01-a.md:5:1: warning:"), "\(second.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/output/01-a.html")) == page)
    }

    @Test func savingAChapterUnchangedKeepsItUpToDate() async throws {
        let directory = try book()
        _ = try await render(directory)
        let path = directory + "/chapters/01-a.md"
        try write(try String(contentsOfFile: path, encoding: .utf8), to: path)
        #expect(isUpToDate(try await render(directory)))
    }

    /// Each change, then a render that must do the work, then one that need not.
    @Test(arguments: [
        "a chapter's text", "a new chapter", "a removed chapter", "the linked image", "book.toml", "the stylesheet",
        "a page removed from the output", "an option", "CECORE_ISA",
    ])
    func aChangeMakesAFullBuild(_ change: String) async throws {
        let directory = try book()
        #expect(try await render(directory).status == 0)
        var arguments: [String] = []
        var environment: [String: String] = [:]
        switch change {
        case "a chapter's text": try write("# A\n\nNew words.\n", to: directory + "/chapters/01-a.md")
        case "a new chapter": try write("# B\n\nMore.\n", to: directory + "/chapters/02-b.md")
        case "a removed chapter":
            try write("# B\n\nMore.\n", to: directory + "/chapters/02-b.md")
            #expect(try await render(directory).status == 0)
            try FileManager.default.removeItem(atPath: directory + "/chapters/02-b.md")
        case "the linked image": try write("<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>\n", to: directory + "/chapters/figures/plot.svg")
        case "book.toml": try write("[book]\ntitle = \"Restamped\"\n\n[html]\ncss = [\"extra.css\"]\n", to: directory + "/book.toml")
        case "the stylesheet": try write("body { color: #111; }\n", to: directory + "/extra.css")
        case "a page removed from the output": try FileManager.default.removeItem(atPath: directory + "/output/01-a.html")
        case "an option": arguments = ["--numbering", "chapter"]
        default:
            // a value unlike the one this test run inherits (make test also runs with CECORE_ISA=baseline)
            let inherited = ProcessInfo.processInfo.environment["CECORE_ISA"]
            environment = ["CECORE_ISA": inherited == "baseline" ? "BASELINE" : "baseline"]
        }
        let rebuilt = try await render(directory, arguments, environment: environment)
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(!isUpToDate(rebuilt), "\(change): \(rebuilt.standardOutput)")
        #expect(isUpToDate(try await render(directory, arguments, environment: environment)), "\(change)")
        switch change {
        case "the linked image":
            let copied = try String(contentsOfFile: directory + "/output/files/chapters/figures/plot.svg", encoding: .utf8)
            #expect(copied.contains("<g/>"))
        case "a page removed from the output":
            #expect(FileManager.default.fileExists(atPath: directory + "/output/01-a.html"))
        case "book.toml":
            #expect(try String(contentsOfFile: directory + "/output/index.html", encoding: .utf8).contains("Restamped"))
        default: break
        }
    }

    @Test func aFileAddedToTheOutputIsNotHiddenByTheStamp() async throws {
        let directory = try book()
        _ = try await render(directory)
        try write("mine\n", to: directory + "/output/notes.txt")
        let result = try await render(directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("notes.txt"), "\(result.standardError)")
    }

    @Test func aFailedBuildLeavesNoStampBehind() async throws {
        let directory = try book()
        _ = try await render(directory)
        let good = try String(contentsOfFile: directory + "/chapters/01-a.md", encoding: .utf8)
        try write("# A\n\nBroken [link](nowhere.md).\n", to: directory + "/chapters/01-a.md")
        #expect(try await render(directory).status == 1)
        try write(good, to: directory + "/chapters/01-a.md")
        // Back to the text of the stamped build, but the stamp is gone: a full build.
        let again = try await render(directory)
        #expect(again.status == 0)
        #expect(!isUpToDate(again))
    }

    @Test func checkAndNoCacheAlwaysDoTheWork() async throws {
        let directory = try book()
        _ = try await render(directory)
        let check = try await render(directory, ["check"])
        #expect(check.status == 0)
        #expect(!check.standardOutput.contains("up to date"))
        let uncached = try await render(directory, ["--no-cache"])
        #expect(uncached.status == 0)
        #expect(!isUpToDate(uncached))
    }

    /// serve and watch rebuild after a change without the stamp; the stamp
    /// of the last plain render stays behind but no longer holds, even when
    /// the chapter is changed back: the output was rewritten in between.
    @Test func aRebuildAfterAChangeSkipsTheStampAndLeavesNoFalseOne() async throws {
        let directory = try book()
        var options = BuildOptions()
        options.chaptersDirectory = directory + "/chapters"
        options.outputDirectory = directory + "/output"
        let first = try await BookBuilder(options: options).build()
        #expect(!first.notes.contains("up to date"))
        #expect(try await BookBuilder(options: options).build().notes.contains("up to date"))
        let chapter = directory + "/chapters/01-a.md"
        let original = try String(contentsOfFile: chapter, encoding: .utf8)
        let cache = BuildCache(writeRoot: options.resolvedCacheDirectory)
        let stamp = BuildStamp.path(cache: cache, output: options.outputDirectory)
        let stamped = try Data(contentsOf: URL(fileURLWithPath: stamp))

        try write("# A\n\nEdited while previewing.\n", to: chapter)
        let rebuilt = try await BookBuilder(options: options, session: BuildSession().changed).build()
        #expect(!rebuilt.notes.contains("up to date"))
        try write(original, to: chapter)
        _ = try await BookBuilder(options: options, session: BuildSession().changed).build()
        #expect(try Data(contentsOf: URL(fileURLWithPath: stamp)) == stamped, "a rebuild after a change writes no stamp")

        let after = try await BookBuilder(options: options).build()
        #expect(!after.notes.contains("up to date"), "the old stamp does not hold for the rewritten output")
        #expect(try await BookBuilder(options: options).build().notes.contains("up to date"))
    }

    /// A new option is covered without a change to the stamp: every stored
    /// property of `BuildOptions` is hashed unless it is listed as unable to
    /// change a page.
    @Test func everyOptionThatCanChangeAPageIsInTheDigest() throws {
        let options = BuildOptions()
        let labels = Set(Mirror(reflecting: options).children.compactMap(\.label))
        let hashed = Set(BuildStamp.optionValues(options).map(\.0))
        #expect(hashed.union(BuildStamp.ignoredOptions) == labels)
        #expect(hashed.isDisjoint(with: BuildStamp.ignoredOptions))
        for label in ["chaptersDirectory", "outputDirectory", "timeout", "sandbox", "unsafe", "strict", "numbering", "title", "packages"] {
            #expect(hashed.contains(label), "\(label)")
        }
        var changed = options
        changed.title = "Another"
        #expect(BuildStamp.optionValues(changed).map(\.1) != BuildStamp.optionValues(options).map(\.1))
    }
}
