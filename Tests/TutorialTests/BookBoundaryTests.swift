import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Only the book's files reach the site: book.toml's paths resolve inside the
/// book's folder (symbolic links followed) unless `--allow-outside`, the
/// output folder only from the command line, and links never publish hidden
/// paths or the cache unless `[html] files` lists them.
@Suite(.timeLimit(.minutes(3))) struct BookBoundaryTests {
    /// A book folder with `book.toml` holding `toml`, and an `outside` folder beside it.
    func book(_ toml: String) throws -> (book: String, outside: String) {
        let parent = try RenderProcess.temporaryDirectory("boundary")
        let book = parent + "/book", outside = parent + "/outside"
        for folder in [book + "/chapters", book + "/Shared", outside + "/Lib"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try "p {}".write(toFile: outside + "/secret.css", atomically: true, encoding: .utf8)
        try "// swift-tools-version:5.9".write(toFile: outside + "/Lib/Package.swift", atomically: true, encoding: .utf8)
        try toml.write(toFile: book + "/book.toml", atomically: true, encoding: .utf8)
        return (book, outside)
    }

    /// The problems of loading the book's book.toml, as `LINE: MESSAGE`.
    func problems(_ book: String, allowOutside: Bool = false) -> [String] {
        do {
            _ = try BookConfig.load(directory: book, required: true, allowOutside: allowOutside)
            return []
        } catch let error as BookConfigError {
            return error.diagnostics.map { "\($0.line): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test func hostFilesInCssSourcesPackagesAndChaptersAreErrorsAtTheirLines() throws {
        let (book, _) = try book("""
            [build]
            chapters = "../outside"
            [swift]
            sources = ["Shared", "/etc"]
            packages = [{ path = "../outside/Lib", products = ["Lib"] }]
            [html]
            css = ["/etc/hostname", "../outside/secret.css"]
            """)
        let found = problems(book)
        #expect(found.count == 5, "\(found)")
        #expect(found.map { $0.prefix(3) } == ["2: ", "4: ", "5: ", "7: ", "7: "], "\(found)")
        #expect(found.allSatisfy { $0.contains("outside the book's folder") && $0.hasSuffix("pass --allow-outside") }, "\(found)")
        #expect(found[1].contains("'/etc'") && found[3].contains("'/etc/hostname'"))
        #expect(problems(book, allowOutside: true) == [], "--allow-outside lets them through")
    }

    @Test func aLinkInsideTheBookThatLeadsOutIsFollowed() throws {
        let (book, outside) = try book("[html]\ncss = [\"style.css\"]\n[swift]\nsources = [\"Code\"]\n")
        try FileManager.default.createSymbolicLink(atPath: book + "/style.css", withDestinationPath: outside + "/secret.css")
        try FileManager.default.createSymbolicLink(atPath: book + "/Code", withDestinationPath: "/etc")
        let found = problems(book)
        #expect(found.count == 2 && found[0].hasPrefix("2: the stylesheet 'style.css' resolves to '") && found[1].hasPrefix("4: "), "\(found)")
    }

    @Test func theDefaultSourcesFolderMayNotBeALinkOutOfTheBook() throws {
        let (book, outside) = try book("[book]\ntitle = \"T\"\n")
        try FileManager.default.createSymbolicLink(atPath: book + "/Sources", withDestinationPath: outside)
        let found = problems(book)
        #expect(found.count == 1 && found[0].hasPrefix("1: the default shared sources folder 'Sources' resolves to"), "\(found)")
        let allowed = try #require(try BookConfig.load(directory: book, required: true, allowOutside: true))
        #expect(allowed.sources == [book + "/Sources"])
    }

    @Test func theOutputFolderMayLeaveTheBookOnlyFromTheCommandLine() async throws {
        let (book, outside) = try book("[build]\noutput = \"../outside/site\"\n")
        let found = problems(book, allowOutside: true)
        #expect(found.count == 1 && found[0].hasPrefix("2: the output folder '../outside/site' resolves to"), "\(found)")
        #expect(found.first?.hasSuffix("is given on the command line: --output DIR") == true)
        try "[build]\noutput = \"site\"\n".write(toFile: book + "/book.toml", atomically: true, encoding: .utf8)
        #expect(problems(book) == [])
        try "# Hi\n".write(toFile: book + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["--output", outside + "/site"], in: book)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: outside + "/site/01-a.html"))
    }

    @Test func bookTomlOutsideTheBookFailsTheRenderWithExitTwo() async throws {
        let (book, _) = try book("[html]\ncss = [\"/etc/hostname\"]\n")
        try "# Hi\n".write(toFile: book + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let refused = try await RenderProcess.run(["--output", book + "/site"], in: book)
        #expect(refused.status == 2)
        #expect(refused.standardError.hasPrefix("book.toml:2:1: error: the stylesheet '/etc/hostname' resolves to"), "\(refused.standardError)")
        #expect(!FileManager.default.fileExists(atPath: book + "/site"))
        let allowed = try await RenderProcess.run(["--output", book + "/site", "--allow-outside"], in: book)
        #expect(allowed.status == 0, "\(allowed.standardError)")
    }

    @Test func aChaptersFolderThatIsALinkOutOfTheBookIsRefused() async throws {
        let (book, outside) = try book("")
        try FileManager.default.removeItem(atPath: book + "/chapters")
        try "# Outside\n".write(toFile: outside + "/01-x.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: book + "/chapters", withDestinationPath: outside)
        let refused = try await RenderProcess.run(["--output", book + "/site"], in: book)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("error: the chapters folder 'chapters' is a symbolic link to '"), "\(refused.standardError)")
        #expect(!FileManager.default.fileExists(atPath: book + "/site"))
        let allowed = try await RenderProcess.run(["--output", book + "/site", "--allow-outside"], in: book)
        #expect(allowed.status == 0, "\(allowed.standardError)")
    }

    @Test func linksNeverPublishHiddenPathsOrTheCache() async throws {
        let (book, _) = try book("")
        for folder in [".git", ".render-cache", "data", "cache"] {
            try FileManager.default.createDirectory(atPath: book + "/" + folder, withIntermediateDirectories: true)
        }
        for file in [".env", ".git/config", ".render-cache/lock", "data/.secret", "cache/entry"] {
            try "secret".write(toFile: book + "/" + file, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(atPath: book + "/data/plain.txt", withDestinationPath: "../.env")
        try """
            # Links

            [env](../.env) and [git](../.git/config)
            [lock](../.render-cache/lock), ![a secret](../data/.secret)
            [plain](../data/plain.txt) and [cache](../cache/entry)
            """.write(toFile: book + "/chapters/01-links.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["--output", book + "/site", "--cache", book + "/cache"], in: book)
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        let places = lines.map { $0.prefix { $0 != " " } }
        #expect(places == ["chapters/01-links.md:3:7:", "chapters/01-links.md:3:26:", "chapters/01-links.md:4:8:",
                           "chapters/01-links.md:4:44:", "chapters/01-links.md:5:9:", "chapters/01-links.md:5:40:"], "\(result.standardError)")
        #expect(lines.filter { $0.contains("which render never publishes; list it in book.toml's [html] files") }.count == 6)
        #expect(lines[5].contains("the build cache"), "\(lines)")
        #expect(!FileManager.default.fileExists(atPath: book + "/site"))
    }

    @Test func filesListedInBookTomlArePublishedThoughHidden() async throws {
        let (book, _) = try book("[html]\nfiles = [\".well-known\"]\n")
        try FileManager.default.createDirectory(atPath: book + "/.well-known", withIntermediateDirectories: true)
        try "Contact: x".write(toFile: book + "/.well-known/security.txt", atomically: true, encoding: .utf8)
        try "# Hi\n\n[contact](../.well-known/security.txt)\n".write(toFile: book + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run(["--output", book + "/site"], in: book)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.contents(atPath: book + "/site/files/.well-known/security.txt") == Data("Contact: x".utf8))
    }
}
