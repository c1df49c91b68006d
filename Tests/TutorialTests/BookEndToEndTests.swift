import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A book of one's own, through the built `render`: book.toml, shared
/// sources, a local package, the pages it sets, and `render init`.
@Suite(.serialized, .timeLimit(.minutes(10))) struct BookEndToEndTests {
    static let courseBook = RenderProcess.fixtures + "/CourseBook"

    /// A copy of the CourseBook fixture without its package, for tests that edit it.
    func copyOfCourseBook(withPackage: Bool) throws -> String {
        let directory = try RenderProcess.temporaryDirectory("course")
        for name in ["chapters", "Sources", "course.css", "book.toml"] + (withPackage ? ["MyLib"] : []) {
            try FileManager.default.copyItem(atPath: Self.courseBook + "/" + name, toPath: directory + "/" + name)
        }
        if !withPackage {
            let toml = try String(contentsOfFile: directory + "/book.toml", encoding: .utf8)
            try toml.replacingOccurrences(of: #"{ path = "MyLib", products = ["MyLib"] },"#, with: "")
                .write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
            try "func square(_ x: Double) -> Double { x * x }\n"
                .write(toFile: directory + "/Sources/Square.swift", atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func aCourseBookWithItsOwnPackageSharedSourcesAndStylesheetRenders() async throws {
        let output = try RenderProcess.temporaryDirectory("course-out")
        let result = try await RenderProcess.run(["--output", output, "--verbose"], in: Self.courseBook)
        #expect(result.status == 0, "\(result.standardError)")
        // The front page is not a chapter.
        #expect(result.standardOutput.contains("\n3 chapters · 13 values · 3 claims · 1 derivation · 1 display not checked · 0 failed"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("README"))
        let first = try String(contentsOfFile: output + "/01-squared-error.html", encoding: .utf8)
        #expect(first.contains("<mn>9.0</mn>") || first.contains(">9.0<"), "MyLib's square(3) is in the text")
        #expect(first.contains(#"title="loss">0.020</span>"#), "the shared halfSquaredError(0.8, 1) is in the text")
        let second = try String(contentsOfFile: output + "/02-sigmoid.html", encoding: .utf8)
        #expect(second.contains(#"title="sigmoid(0)">0.5</span>"#), "the shared sigmoid is in the second chapter too")

        // The third chapter uses every piece an author writes, numbered per chapter (book.toml's numbering).
        let third = try String(contentsOfFile: output + "/03-binary-cross-entropy.html", encoding: .utf8)
        let problem = Golden.check(MarkdownBookTests.article(third), against: Self.courseBook + "/expected/03-binary-cross-entropy.html")
        #expect(problem == nil, "\(problem ?? "")")
        #expect(third.contains(#"<a href="02-sigmoid.html">the previous chapter</a>"#), "a chapter link goes to its page")
        #expect(third.contains(#"<img src="files/chapters/figures/sigmoid.svg" alt="The sigmoid rises from 0 to 1" />"#))
        #expect(FileManager.default.contents(atPath: output + "/files/chapters/figures/sigmoid.svg")
                == FileManager.default.contents(atPath: Self.courseBook + "/chapters/figures/sigmoid.svg"), "the image is copied")
        #expect(third.contains(#"<span class="claim" id="check-24-55" title="checked: losses[0] = "#), "a claim in a table cell is checked")
        #expect(third.contains(#"title="square(logits[0])">4.0</span>"#), "MyLib works in a table cell")
        #expect(third.contains("<details class=\"callout callout-solution\">"), "the solution is collapsed")
        #expect(third.contains(#"<span class="eq-number">(3.1)</span>"#) && third.contains(#"<span class="figure-label">Table 3.1:</span>"#))
        #expect(third.contains(#"<span class="figure-label">Table 3.1:</span> Loss of the label 1 at three logits, the largest 2.127</figcaption>"#),
                "format(_:decimals:) in a caption shows what the page shows")

        let index = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(index.contains(#"<html lang="de">"#))
        #expect(index.contains(#"<meta name="author" content="Ada Lovelace, Alan Turing">"#))
        #expect(index.contains(#"<meta name="description" content="Course notes on mean squared error, the sigmoid and binary cross-entropy.">"#))
        #expect(index.contains(#"<p class="book-authors">Ada Lovelace, Alan Turing</p>"#))
        let builtIn = try #require(index.range(of: #"<link rel="stylesheet" href="assets/site.css">"#))
        let own = try #require(index.range(of: #"<link rel="stylesheet" href="assets/css/course.css">"#))
        #expect(builtIn.upperBound < own.lowerBound, "the author's stylesheet loads after the built-in one")
        #expect(FileManager.default.contents(atPath: output + "/assets/css/course.css") == FileManager.default.contents(atPath: Self.courseBook + "/course.css"))
        #expect(try String(contentsOfFile: output + "/02-sigmoid.html", encoding: .utf8).contains(#"<link rel="stylesheet" href="assets/css/course.css">"#))

        // A warm render builds nothing: no package build, no shared module, no chapter.
        let warm = try await RenderProcess.run(["--output", output, "--verbose"], in: Self.courseBook)
        #expect(warm.status == 0, "\(warm.standardError)")
        #expect(!warm.standardOutput.contains("building the book's packages"), "\(warm.standardOutput)")
        #expect(warm.standardOutput.contains("01-squared-error") && warm.standardOutput.split(separator: "\n").filter { $0.hasSuffix("(cached)") }.count == 3,
                "\(warm.standardOutput)")
    }

    @Test func aSharedSourceIsCompiledOnceAndItsErrorsPointAtItsLine() async throws {
        let directory = try copyOfCourseBook(withPackage: false)
        let first = try await RenderProcess.run(["--verbose"], in: directory)
        #expect(first.status == 0, "\(first.standardError)")
        let shared = directory + "/.render-cache/shared"
        let module = try FileManager.default.contentsOfDirectory(atPath: shared)
        #expect(module.count == 1)

        // A chapter edit recompiles that chapter only, not the shared module.
        let chapter = directory + "/chapters/02-sigmoid.md"
        try (try String(contentsOfFile: chapter, encoding: .utf8) + "\nAnd \\(sigmoid(1) > 0.5).\n").write(toFile: chapter, atomically: true, encoding: .utf8)
        let edited = try await RenderProcess.run(["--verbose"], in: directory)
        #expect(edited.status == 0, "\(edited.standardError)")
        #expect(edited.standardOutput.contains("01-squared-error  4 values · 1 claim · 0 derivations") && edited.standardOutput.contains("(cached)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared) == module, "the shared module was rebuilt for a chapter edit")

        // An error in a shared file is reported at that file's own line; the site stays as it was.
        let site = try String(contentsOfFile: directory + "/output/02-sigmoid.html", encoding: .utf8)
        let helpers = directory + "/Sources/Helpers.swift"
        try (try String(contentsOfFile: helpers, encoding: .utf8)).replacingOccurrences(of: "1 / (1 + exp(-x))", with: "1 / (1 + exp(-x)) + undefinedName")
            .write(toFile: helpers, atomically: true, encoding: .utf8)
        let broken = try await RenderProcess.run([], in: directory)
        #expect(broken.status == 1)
        #expect(broken.standardError.hasPrefix("Sources/Helpers.swift:4:25: error: cannot find 'undefinedName' in scope"), "\(broken.standardError)")
        #expect(try String(contentsOfFile: directory + "/output/02-sigmoid.html", encoding: .utf8) == site)
    }

    @Test func editingTheBooksPackageRebuildsItAndItsChapters() async throws {
        let directory = try copyOfCourseBook(withPackage: true)
        let packages = try RenderProcess.temporaryDirectory("packages")
        let environment = ["RENDER_PACKAGE_CACHE": packages]
        let first = try await RenderProcess.run([], in: directory, environment: environment)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("building the book's packages (MyLib) with swift build"))
        #expect(try String(contentsOfFile: directory + "/output/01-squared-error.html", encoding: .utf8).contains("<mn>9.0</mn>"))

        let source = directory + "/MyLib/Sources/MyLib/Square.swift"
        try "public func square(_ x: Double) -> Double { x * x + 1 }\n".write(toFile: source, atomically: true, encoding: .utf8)
        let second = try await RenderProcess.run(["check"], in: directory, environment: environment)
        #expect(second.status == 1, "the claim computed with the old square no longer holds: \(second.standardOutput)")
        #expect(second.standardOutput.contains("building the book's packages (MyLib) with swift build"))
        #expect(second.standardError.contains("chapters/01-squared-error.md:9:130: error: claim 0.02 disagrees with `loss` = 0.5200"), "\(second.standardError)")
    }

    @Test func bookTomlMistakesStopTheBuildAtTheirLine() async throws {
        let directory = try RenderProcess.book(chapter: "01-a.md", "# A\n")
        try "[book]\ntitle = \"A\"\n\n[build]\nchapter = \"notes\"\n".write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError == "book.toml:5:1: error: unknown key 'chapter' in [build]; it knows chapters, output, strict, timeout\n")
        #expect(!FileManager.default.fileExists(atPath: directory + "/output"))
    }

    @Test func bookFindsTheFileAndTheCommandLineOverridesIt() async throws {
        let directory = try RenderProcess.book(chapter: "01-a.md", "# A\n\nTwo is \\(1 + 1).\n")
        try "[build]\noutput = \"site\"\n[book]\ntitle = \"From the file\"\n".write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        let elsewhere = try RenderProcess.temporaryDirectory("elsewhere")
        let result = try await RenderProcess.run(["--book", directory], in: elsewhere)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try String(contentsOfFile: directory + "/site/index.html", encoding: .utf8).contains("<h1>From the file</h1>"))
        let overridden = try await RenderProcess.run(["--book", directory, "--output", elsewhere + "/out"], in: elsewhere)
        #expect(overridden.status == 0, "\(overridden.standardError)")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/out/01-a.html"))
        let missing = try await RenderProcess.run(["--book", elsewhere], in: elsewhere)
        #expect(missing.status == 2 && missing.standardError.contains("book.toml:1:1: error: there is no book.toml in"), "\(missing.standardError)")
    }

    @Test func initMakesABookThatRendersAndChecks() async throws {
        let parent = try RenderProcess.temporaryDirectory("init")
        let book = parent + "/notes"
        let made = try await RenderProcess.run(["init", book], in: parent)
        #expect(made.status == 0, "\(made.standardError)")
        for file in ["book.toml", ".gitignore", "chapters/README.md", "chapters/01-sigmoid.md", "Sources/Helpers.swift"] {
            #expect(FileManager.default.fileExists(atPath: book + "/" + file), "\(file)")
        }
        let rendered = try await RenderProcess.run([], in: book)
        #expect(rendered.status == 0, "\(rendered.standardError)")
        #expect(rendered.standardOutput.contains("1 chapter · 7 values · 3 claims · 1 derivation · 0 failed"), "\(rendered.standardOutput)")
        let page = try String(contentsOfFile: book + "/output/01-sigmoid.html", encoding: .utf8)
        #expect(page.contains("Figure 1") && page.contains(#"<pre class="output""#) || page.contains("sigmoid(2.0) ="), "\(page.prefix(200))")
        let checked = try await RenderProcess.run(["check"], in: book)
        #expect(checked.status == 0, "\(checked.standardError)")
        // A second init into it is refused.
        let again = try await RenderProcess.run(["init", book], in: parent)
        #expect(again.status == 2 && again.standardError.contains("is not empty"), "\(again.standardError)")
    }
}
