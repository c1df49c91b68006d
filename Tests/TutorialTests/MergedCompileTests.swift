import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A cold build compiles its chapters together (`MergedCompile`) and runs
/// each alone: what a reader sees is what compiling each alone gives.
@Suite(.serialized, .timeLimit(.minutes(5))) struct MergedCompileTests {
    /// A temporary book whose chapters are `chapters` (file name → text).
    func book(_ chapters: [String: String]) throws -> String {
        try RenderProcess.book(chapters: chapters, name: "merged")
    }

    /// Renders `directory` verbosely, compiling chapters together or, with `perChapter`, each alone.
    func render(_ directory: String, perChapter: Bool = false, output: String = "output") async throws -> RenderProcess.Result {
        try await RenderProcess.run(["--verbose", "--output", output], in: directory,
                                    environment: perChapter ? ["TUTORIAL_COMPILE": "per-chapter"] : [:])
    }

    /// The chapters a verbose render reports as passed (✓).
    func passed(_ result: RenderProcess.Result) -> [String] {
        result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("✓ ") }
            .compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }.sorted()
    }

    /// The chapters whose run came from the cache.
    func cached(_ result: RenderProcess.Result) -> [String] {
        result.standardOutput.split(separator: "\n").filter { $0.hasSuffix("(cached)") }
            .compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }.sorted()
    }

    /// The number of names the compiled binary of each chapter has in the
    /// cache (2 or more: it is a merged program's, shared).
    func binaryLinks(_ directory: String) throws -> [Int] {
        let programs = directory + "/.render-cache/programs"
        return try FileManager.default.contentsOfDirectory(atPath: programs).compactMap { key in
            var info = stat()
            return stat(programs + "/" + key + "/program", &info) == 0 ? Int(info.st_nlink) : nil
        }.sorted()
    }

    /// The lines of a render's output that are compiler errors.
    func errorLines(_ result: RenderProcess.Result) -> [String] {
        (result.standardOutput + result.standardError).split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init).sorted()
    }

    static let threeChapters = [
        "01-a.md": "# A\n\n```swift\nlet x = 2.0\n```\n\nValue \\(x).\n",
        "02-b.md": "# B\n\nProse.\n\n```swift\nlet y = 3.0\nlet z: Int = \"not a number\"\n```\n\nValue \\(y).\n",
        "03-c.md": "# C\n\n```swift\nstruct Point { var x: Double }\nlet p = Point(x: 4.5)\n```\n\nValue \\(p.x).\n",
    ]

    @Test func aCompileErrorInOneChapterStopsNoOtherChapter() async throws {
        let directory = try book(Self.threeChapters)
        let merged = try await render(directory)
        #expect(merged.status != 0)
        let errors = errorLines(merged)
        #expect(errors.count == 1 && errors.allSatisfy { $0.contains("chapters/02-b.md:7:") }, "\(errors)")
        #expect(passed(merged) == ["01-a", "03-c"], "\(merged.standardOutput)")
        // Exactly what compiling each chapter alone reports.
        let alone = try await render(try book(Self.threeChapters), perChapter: true)
        #expect(errors == errorLines(alone))
        // The two good chapters were compiled together, the failing one alone.
        #expect(try binaryLinks(directory) == [2, 2])
    }

    @Test func chaptersThatDeclareTheSameNameCompileApart() async throws {
        let chapter = { (value: Double) in
            "# Names\n\n```swift\nstruct Point { var x: Double }\nfunc double(_ v: Double) -> Double { 2 * v }\nlet p = Point(x: \(value))\n```\n\nValue \\(double(p.x)).\n"
        }
        let directory = try book(["01-a.md": chapter(1.5), "02-b.md": chapter(4.0), "03-c.md": "# C\n\n```swift\nlet c = 5.0\n```\n\nValue \\(c).\n"])
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(try binaryLinks(directory) == [1, 2, 2], "one Point chapter shares a binary with the third, the other compiles alone")
        let a = try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8)
        let b = try String(contentsOfFile: directory + "/output/02-b.html", encoding: .utf8)
        #expect(a.contains(#"<span class="value" title="double(p.x)">3.0</span>"#))
        #expect(b.contains(#"<span class="value" title="double(p.x)">8.0</span>"#))
    }

    @Test func pagesAreByteIdenticalToAPerChapterBuild() async throws {
        var chapters = Self.threeChapters
        chapters["02-b.md"] = "# B\n\n```swift\nextension Double { var twice: Double { 2 * self } }\nlet y = 3.0.twice\nprint(\"printed\", y)\n```\n\nValue \\(y).\n"
        // What reflection prints of a chapter's own type names its module, as compiled alone.
        chapters["04-d.md"] = "# D\n\n```swift\nenum Mode { case fast, slow }\nstruct Pair { var a: Int }\nlet m = Mode.slow\nprint(m)\nvar dumped = \"\"\ndump(Pair(a: 2), to: &dumped)\n```\n\nValue \\(String(describing: m)), \\(String(reflecting: Pair(a: 1))) and \\(dumped).\n"
        let merged = try book(chapters)
        let alone = try book(chapters)
        let first = try await render(merged)
        let second = try await render(alone, perChapter: true)
        #expect(first.status == 0 && second.status == 0, "\(first.standardOutput)\(second.standardOutput)")
        #expect(try binaryLinks(merged).allSatisfy { $0 >= 2 }, "every chapter came from a merged binary")
        #expect(try binaryLinks(alone) == [1, 1, 1, 1])
        let page = try String(contentsOfFile: merged + "/output/04-d.html", encoding: .utf8)
        #expect(page.contains("Chapter.Pair(a: 1)") && page.contains("▿ Chapter.Pair"), "\(page)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: merged + "/output").sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: alone + "/output").sorted()))
        for file in files {
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: merged + "/output/" + file, isDirectory: &folder), !folder.boolValue else { continue }
            #expect(FileManager.default.contents(atPath: merged + "/output/" + file) == FileManager.default.contents(atPath: alone + "/output/" + file),
                    "\(file) differs")
        }
    }

    @Test func anEditAfterAMergedBuildRecompilesOnlyItsChapter() async throws {
        var chapters = Self.threeChapters
        chapters["02-b.md"] = "# B\n\n```swift\nlet y = 3.0\n```\n\nValue \\(y).\n"
        let directory = try book(chapters)
        let cold = try await render(directory)
        #expect(cold.status == 0, "\(cold.standardOutput)")
        #expect(cached(cold) == [])
        try "# B\n\n```swift\nlet y = 7.0\n```\n\nValue \\(y).\n".write(toFile: directory + "/chapters/02-b.md", atomically: true, encoding: .utf8)
        let edited = try await render(directory)
        #expect(edited.status == 0, "\(edited.standardOutput)")
        #expect(cached(edited) == ["01-a", "03-c"])
        // The edited chapter has a binary of its own; the others still share theirs.
        #expect(try binaryLinks(directory) == [1, 2, 2])
        let page = try String(contentsOfFile: directory + "/output/02-b.html", encoding: .utf8)
        #expect(page.contains(#"<span class="value" title="y">7.0</span>"#))
    }
}
