import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Publishing never mixes: the output folder is exactly the old site or
/// exactly the new one, whatever happens during a render; two renders of
/// one output take turns; the cache is beside the book, never in the site,
/// and is not trusted blindly.
@Suite(.serialized, .timeLimit(.minutes(10))) struct PublishTests {
    func book(_ chapters: [String: String]) throws -> String {
        let directory = try RenderProcess.temporaryDirectory("publish")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try setChapters(directory, chapters)
        return directory
    }

    func setChapters(_ directory: String, _ chapters: [String: String]) throws {
        for (name, text) in chapters { try text.write(toFile: directory + "/chapters/\(name).md", atomically: true, encoding: .utf8) }
    }

    /// Every file of a folder (links and folders included, by kind) → its SHA-256.
    static func hashes(_ folder: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
        for case let path as String in walker {
            var info = stat()
            lstat(folder + "/" + path, &info)
            switch info.st_mode & S_IFMT {
            case S_IFREG: result[path] = SHA256.hex([UInt8](FileManager.default.contents(atPath: folder + "/" + path) ?? Data()))
            case S_IFDIR: result[path] = "folder"
            default: result[path] = "other"
            }
        }
        return result
    }

    static let versionA = [
        "01-one": "# One\n\nThe first version of chapter one, $x^2$.\n",
        "02-two": "# Two\n\nThe first version of chapter two.\n",
        "03-three": "# Three\n\nThe first version.\n",
    ]
    static let versionB = [
        "01-one": "# One\n\nThe second version of chapter one, $y^3$, longer.\n\nWith another paragraph.\n",
        "02-two": "# Two\n\nThe second version of chapter two.\n",
        "03-three": "# Three\n\nThe second version.\n",
    ]

    @Test func killingRenderAtRandomMomentsLeavesTheOldSiteOrTheNewOne() async throws {
        let directory = try book(Self.versionA)
        // The two sites, rendered into the real output folder once each.
        var result = try await RenderProcess.run(["--quiet"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let siteA = Self.hashes(directory + "/output")
        try setChapters(directory, Self.versionB)
        let began = Date()
        result = try await RenderProcess.run(["--quiet"], in: directory)
        let duration = Date().timeIntervalSince(began)
        #expect(result.status == 0, "\(result.standardError)")
        let siteB = Self.hashes(directory + "/output")
        #expect(siteA != siteB && siteA.count > 5)

        var current = siteB
        var kills = 0, completed = 0, attempts = 0
        // Kill moments are drawn over the shortest render seen so far: on a
        // shared machine the first renders can be slow, and moments drawn over
        // a slow one would mostly come after faster renders had finished.
        var shortest = duration
        while kills < 21 && attempts < 200 {
            attempts += 1
            let next = current == siteA ? Self.versionB : Self.versionA
            try setChapters(directory, next)
            let started = Date()
            let watch = try ProcessWatch(["--quiet"], in: directory)
            let delay = Double.random(in: 0...(shortest * 1.1))
            let end = Date().addingTimeInterval(delay)
            var killed = false
            while watch.process.isRunning {
                if Date() >= end {
                    killed = kill(watch.pid, SIGKILL) == 0
                    break
                }
                watch.scan()
                try await Task.sleep(for: .milliseconds(1))
            }
            watch.process.waitUntilExit()
            if killed && watch.process.terminationReason == .uncaughtSignal {
                kills += 1
            } else {
                completed += 1
                shortest = min(shortest, Date().timeIntervalSince(started))
            }
            let survivors = await watch.survivors(within: 5)
            if !survivors.isEmpty { watch.killSurvivors() }
            #expect(survivors.isEmpty)
            let now = Self.hashes(directory + "/output")
            #expect(now == siteA || now == siteB, "after kill \(kills): the output is a mix (\(now.count) files)")
            if now != siteA && now != siteB { break }
            current = now
        }
        #expect(kills >= 20, "only \(kills) kills landed in \(attempts) attempts")
        // And the next render finishes the job.
        result = try await RenderProcess.run(["--quiet"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let final = Self.hashes(directory + "/output")
        #expect(final == siteA || final == siteB)
        // Nothing is left beside the output but its lock file.
        let beside = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".output.render-") }
        #expect(beside == [".output.render-lock"], "\(beside)")
    }

    @Test func twoRendersAtOnceIntoOneOutputTakeTurns() async throws {
        let chapters = [
            "01-a": "```swift hide\nlet x = 1.25\n```\n\nValue \\(x).\n",
            "02-b": "```swift hide\nlet y = [1.0, 2.0].reduce(0, +)\n```\n\nSum \\(y ≈ 3).\n",
        ]
        let directory = try book(chapters)
        let reference = try book(chapters)
        let made = try await RenderProcess.run(["--quiet"], in: reference)
        #expect(made.status == 0)
        for _ in 0..<2 {
            let first = try ProcessWatch(["--no-cache"], in: directory)
            let second = try ProcessWatch(["--no-cache"], in: directory)
            async let a = first.finish(deadline: 300)
            async let b = second.finish(deadline: 300)
            let (statusA, statusB) = await (a, b)
            #expect(statusA == 0 && statusB == 0, "\(first.errors)\n\(second.errors)")
            #expect(!first.errors.contains("error") && !second.errors.contains("error"), "\(first.errors)\n\(second.errors)")
            #expect((first.errors + second.errors).contains("waiting for another render"), "one of them must have waited")
            #expect(Self.hashes(directory + "/output") == Self.hashes(reference + "/output"))
        }
    }

    @Test func noWaitFailsInsteadOfWaiting() async throws {
        let directory = try book(Self.versionA)
        let lock = try RenderLock.acquire(RenderLock.path(forOutput: directory + "/output"), what: "test", wait: false)
        let result = try await RenderProcess.run(["--no-wait"], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("another render (process \(getpid())) is using the output folder 'output'"), "\(result.standardError)")
        withExtendedLifetime(lock) {}
    }

    @Test func theSiteHoldsOnlyTheSiteAndTheCacheIsBesideTheBook() async throws {
        let directory = try book(["01-a": "```swift hide\nlet x = 1.25\n```\n\nValue \\(x).\n"])
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let site = Self.hashes(directory + "/output")
        #expect(!site.keys.contains { $0.hasPrefix(".cache") || $0.contains("programs") || $0.hasPrefix("run-") || $0.hasSuffix(".swift") })
        #expect(FileManager.default.fileExists(atPath: directory + "/.render-cache/programs"))
        // The manifest lists every file with its hash, in sha256sum's format.
        let manifest = try String(contentsOfFile: directory + "/output/.render-manifest", encoding: .utf8)
        let listed = Dictionary(uniqueKeysWithValues: manifest.split(separator: "\n").map {
            (String($0.dropFirst(66)), String($0.prefix(64)))
        })
        #expect(listed == site.filter { $0.value != "folder" && $0.key != ".render-manifest" })
        // --cache puts it elsewhere.
        let elsewhere = try RenderProcess.temporaryDirectory("cache-elsewhere")
        let moved = try await RenderProcess.run(["--cache", elsewhere, "--output", "other"], in: directory)
        #expect(moved.status == 0, "\(moved.standardError)")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/programs"))
    }

    @Test func aFailedBuildDoesNotCreateTheOutputFolder() async throws {
        let directory = try book(["01-a": "Bad claim \\(1.0 ≈ 2).\n"])
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory + "/output"))
    }

    @Test func aTamperedCacheEntryIsRecomputedNotTrusted() async throws {
        let directory = try book(["01-a": "```swift hide\nlet price = 1.25\n```\n\nPrice \\(price).\n"])
        #expect(try await RenderProcess.run([], in: directory).status == 0)
        var poisoned = 0
        let programs = directory + "/.render-cache/programs"
        for key in try FileManager.default.contentsOfDirectory(atPath: programs) {
            for file in try FileManager.default.contentsOfDirectory(atPath: programs + "/" + key) where file.hasPrefix("run-") {
                let path = programs + "/" + key + "/" + file
                let text = try String(contentsOfFile: path, encoding: .utf8)
                try text.replacingOccurrences(of: "1.25", with: "9.99").write(toFile: path, atomically: true, encoding: .utf8)
                poisoned += text.contains("1.25") ? 1 : 0
            }
        }
        #expect(poisoned == 1)
        for arguments in [["check"], []] {
            let result = try await RenderProcess.run(arguments, in: directory)
            #expect(result.status == 0, "\(result.standardError)")
        }
        let page = try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8)
        #expect(page.contains("<span class=\"value\" title=\"price\">1.25</span>"))
        #expect(!page.contains("9.99"))
    }

    @Test func aLinkInTheCacheIsRefused() async throws {
        let directory = try book(["01-a": "```swift hide\nlet x = 1\n```\n\nValue \\(x).\n"])
        let elsewhere = try RenderProcess.temporaryDirectory("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere + "/keep", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory + "/.render-cache", withDestinationPath: elsewhere)
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("is a symbolic link; render refuses links in its cache"), "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/keep"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == ["keep"])
        // A link inside the cache, too.
        try FileManager.default.removeItem(atPath: directory + "/.render-cache")
        try FileManager.default.createDirectory(atPath: directory + "/.render-cache", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory + "/.render-cache/programs", withDestinationPath: elsewhere)
        let inside = try await RenderProcess.run([], in: directory)
        #expect(inside.status == 2, "\(inside.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == ["keep"])
    }

    @Test func aPlantedManifestDoesNotLetRenderIntoAFolder() async throws {
        let directory = try book(Self.versionA)
        try FileManager.default.createDirectory(atPath: directory + "/output", withIntermediateDirectories: true)
        try "".write(toFile: directory + "/output/.render-manifest", atomically: true, encoding: .utf8)
        try "precious".write(toFile: directory + "/output/notes.txt", atomically: true, encoding: .utf8)
        let result = try await RenderProcess.run([], in: directory)
        #expect(result.status == 2)
        #expect(result.standardError.contains("holds 'notes.txt', a file that is not in its .render-manifest"), "\(result.standardError)")
        #expect(try String(contentsOfFile: directory + "/output/notes.txt", encoding: .utf8) == "precious")
        // A file of render's that someone changed is not replaced either.
        try FileManager.default.removeItem(atPath: directory + "/output")
        #expect(try await RenderProcess.run([], in: directory).status == 0)
        try "edited by hand".write(toFile: directory + "/output/01-one.html", atomically: true, encoding: .utf8)
        let edited = try await RenderProcess.run([], in: directory)
        #expect(edited.status == 2)
        #expect(edited.standardError.contains("'01-one.html', a file changed since render wrote it"), "\(edited.standardError)")
    }

    /// Without `RENAME_EXCHANGE`: the old folder is moved aside, then the new
    /// one into place; a render that dies in between leaves the old site
    /// aside, and the next one puts it back before anything else.
    @Test func withoutExchangeTheFallbackNeverMixesAndRecovers() throws {
        let parent = try RenderProcess.temporaryDirectory("fallback")
        var writer = SiteWriter(output: parent + "/site")
        writer.exchangeUnsupported = true
        var a = SiteFiles()
        a.add("index.html", "A")
        a.add("sub/page.html", "A page")
        var b = SiteFiles()
        b.add("index.html", "B")
        try writer.write(a)
        #expect(try String(contentsOfFile: parent + "/site/index.html", encoding: .utf8) == "A")
        try writer.write(b)
        #expect(Self.hashes(parent + "/site").keys.sorted() == [".render-manifest", "index.html"])
        #expect(try String(contentsOfFile: parent + "/site/index.html", encoding: .utf8) == "B")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["site"])

        // A render died between its two renames: the old site is aside, none in place.
        #expect(rename(parent + "/site", parent + "/.site.render-old-99999") == 0)
        try FileManager.default.createDirectory(atPath: parent + "/.site.render-new-99999", withIntermediateDirectories: true)
        RenderMark.set(parent + "/.site.render-new-99999")  // as render marks the folders it stages
        try writer.claimFolder()
        #expect(try String(contentsOfFile: parent + "/site/index.html", encoding: .utf8) == "B")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == ["site"])
    }

    @Test func theExchangeSwapsTwoFoldersInOneStep() throws {
        let parent = try RenderProcess.temporaryDirectory("exchange")
        try FileManager.default.createDirectory(atPath: parent + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: parent + "/b", withIntermediateDirectories: true)
        try "a".write(toFile: parent + "/a/file", atomically: true, encoding: .utf8)
        try "b".write(toFile: parent + "/b/file", atomically: true, encoding: .utf8)
        #expect(SiteWriter.exchange(parent + "/a", parent + "/b") == 0)
        #expect(try String(contentsOfFile: parent + "/a/file", encoding: .utf8) == "b")
        #expect(try String(contentsOfFile: parent + "/b/file", encoding: .utf8) == "a")
    }
    /// `render pdf` publishes book.pdf with the site; a later build replaces
    /// it without calling it foreign (running `make test` twice once failed so).
    @Test func aFileAddedToTheSiteIsInItsManifestAndTheNextBuildReplacesIt() throws {
        let parent = try RenderProcess.temporaryDirectory("add")
        let writer = SiteWriter(output: parent + "/site")
        var site = SiteFiles()
        site.add("index.html", "A")
        try writer.write(site)
        try writer.add("book.pdf", bytes: Array("%PDF".utf8))
        let manifest = try String(contentsOfFile: parent + "/site/" + SiteWriter.manifestName, encoding: .utf8)
        #expect(manifest.contains("  book.pdf\n"))
        #expect(try String(contentsOfFile: parent + "/site/index.html", encoding: .utf8) == "A")
        #expect(throws: SetupError.self) { try writer.add("../escape.pdf", bytes: []) }

        site.add("index.html", "B")
        try writer.write(site)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent + "/site").sorted() == [SiteWriter.manifestName, "index.html"])
    }

    @Test func addingToAFolderWithoutASiteFails() throws {
        let parent = try RenderProcess.temporaryDirectory("add-empty")
        #expect(throws: SetupError.self) { try SiteWriter(output: parent + "/site").add("book.pdf", bytes: []) }
    }
}
