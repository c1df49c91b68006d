import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// `render serve`: serves the site on loopback, reloads pages after a good
/// build, shows an overlay over the last good site after a failed one,
/// refuses to serve anything outside the site, and stops on Ctrl-C.
@Suite(.timeLimit(.minutes(4)), .serialized) struct ServeTests {
    /// Waits until `condition` holds, checking every 50 ms, for at most `seconds`.
    func waitUntil(_ seconds: Double, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? condition()) == true { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    /// A running `render serve --port 0` in a fresh book; stopped with SIGINT by the test.
    struct Server {
        var process: Process
        var directory: String
        var port: UInt16
        var log: String
        func text() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
    }

    func startServer(chapter: String, toml: String? = nil, environment: [String: String] = [:]) async throws -> Server {
        let directory = try RenderProcess.temporaryDirectory("serve")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        if let toml { try toml.write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8) }
        try chapter.write(toFile: directory + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let log = directory + "/serve.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RenderProcess.executable)
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"].merging(environment) { $1 }) { $1 }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        func text() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        let ready = try await waitUntil(120) { text().contains("serving http://127.0.0.1:") }
        if !ready { process.interrupt() }
        try #require(ready, "\(text())")
        let line = text().components(separatedBy: "serving http://127.0.0.1:")[1]
        let port = try #require(UInt16(line.prefix { $0.isNumber }))
        return Server(process: process, directory: directory, port: port, log: log)
    }

    func stop(_ server: Server) async throws {
        server.process.interrupt()
        #expect(try await waitUntil(20) { !server.process.isRunning }, "render serve did not stop on SIGINT")
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)
        #expect(server.text().contains("stopped serving"))
    }

    static let good1 = "# A\n\n```swift\nlet x = 1.5\n```\n\nThe value is \\(x).\n"
    static let good2 = "# A\n\n```swift\nlet x = 2.5\n```\n\nThe value is \\(x).\n"
    static let broken = "# A\n\n```swift\nlet x = 2.5\n```\n\nThe value is \\(y).\n"

    @Test func reloadsAfterAnEditAndShowsAnOverlayOverTheLastGoodSite() async throws {
        let server = try await startServer(chapter: Self.good1)
        let chapter = server.directory + "/chapters/01-a.md"

        let first = try RawHTTP.get(port: server.port, "/01-a.html")
        #expect(first.status == 200)
        #expect(first.body.contains(#"<span class="value" title="x">1.5</span>"#))
        #expect(first.body.contains(LiveReload.scriptPath), "the server injects its script")
        #expect(first.headers.lowercased().contains("cache-control: no-store"))
        let published = try String(contentsOfFile: server.directory + "/output/01-a.html", encoding: .utf8)
        #expect(!published.contains("__render"), "the published page has no live-reload script")
        let script = try RawHTTP.get(port: server.port, LiveReload.scriptPath)
        #expect(script.status == 200 && script.body.contains("EventSource"))

        let events = try EventStreamClient(port: server.port)
        #expect(try await waitUntil(10) { events.count("status") == 1 }, "\(events.text)")

        // A good edit: a reload message, and the served page changed.
        try Self.good2.write(toFile: chapter, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("reload") == 1 }, "\(events.text)\n\(server.text())")
        let second = try RawHTTP.get(port: server.port, "/01-a.html")
        #expect(second.body.contains(#"<span class="value" title="x">2.5</span>"#))
        #expect(!second.body.contains(#"<div id="render-overlay""#))

        // A broken chapter: the overlay names file:line:col, and the last good page is still served.
        try Self.broken.write(toFile: chapter, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("failed") == 1 }, "\(events.text)\n\(server.text())")
        #expect(events.text.contains("chapters/01-a.md:7:"), "\(events.text)")
        let failed = try RawHTTP.get(port: server.port, "/01-a.html")
        #expect(failed.status == 200)
        #expect(failed.body.contains(#"<div id="render-overlay""#))
        #expect(failed.body.contains("chapters/01-a.md:7:"))
        #expect(failed.body.contains(#"<span class="value" title="x">2.5</span>"#), "the previous site is still served")

        // Fixed: a reload, and no overlay.
        try Self.good1.write(toFile: chapter, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("reload") == 2 }, "\(events.text)\n\(server.text())")
        let fixed = try RawHTTP.get(port: server.port, "/01-a.html")
        #expect(!fixed.body.contains(#"<div id="render-overlay""#))
        #expect(fixed.body.contains(#"<span class="value" title="x">1.5</span>"#))

        try await stop(server)
    }

    @Test func bookTomlIsReadAgainWhenItChangesAndAMistakeInItShowsInTheOverlay() async throws {
        let server = try await startServer(chapter: Self.good1, toml: "[book]\ntitle = \"First\"\n")
        let toml = server.directory + "/book.toml"
        #expect(try RawHTTP.get(port: server.port, "/01-a.html").body.contains("<title>A – First</title>"))
        let events = try EventStreamClient(port: server.port)
        #expect(try await waitUntil(10) { events.count("status") == 1 }, "\(events.text)")

        try "[book]\ntitle = \"Second\"\n[format]\ndecimals = 2\n".write(toFile: toml, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("reload") == 1 }, "\(events.text)\n\(server.text())")
        let second = try RawHTTP.get(port: server.port, "/01-a.html").body
        #expect(second.contains("<title>A – Second</title>"), "\(second)")
        #expect(second.contains(#"<span class="value" title="x">1.50</span>"#), "[format] is read again too")

        try "[book]\ntitle = 3\n".write(toFile: toml, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("failed") == 1 }, "\(events.text)\n\(server.text())")
        let failed = try RawHTTP.get(port: server.port, "/01-a.html").body
        #expect(failed.contains(#"<div id="render-overlay""#) && failed.contains("book.toml:2:"), "\(failed)")
        #expect(failed.contains("&#39;book.title&#39; must be a string") || failed.contains("'book.title' must be a string"), "\(failed)")
        #expect(failed.contains("<title>A – Second</title>"), "the last good site is still served")

        try "[book]\ntitle = \"Third\"\n".write(toFile: toml, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("reload") == 2 }, "\(events.text)\n\(server.text())")
        let fixed = try RawHTTP.get(port: server.port, "/01-a.html").body
        #expect(fixed.contains("<title>A – Third</title>") && !fixed.contains(#"<div id="render-overlay""#))

        // A stylesheet book.toml now names is watched too: saving it rebuilds.
        try "p { color: red; }\n".write(toFile: server.directory + "/a.css", atomically: true, encoding: .utf8)
        try "[book]\ntitle = \"Third\"\n[html]\ncss = [\"a.css\"]\n".write(toFile: toml, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("reload") == 3 }, "\(events.text)\n\(server.text())")
        try "p { color: blue; }\n".write(toFile: server.directory + "/a.css", atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { events.count("reload") == 4 }, "\(events.text)\n\(server.text())")
        #expect(try RawHTTP.get(port: server.port, "/assets/css/a.css").body == "p { color: blue; }\n")
        try await stop(server)
    }

    @Test func refusesEverythingOutsideTheSite() async throws {
        let server = try await startServer(chapter: Self.good1, environment: ["RENDER_WATCH": "poll"])
        #expect(server.text().contains("watching with polling"))
        let secret = "the secret outside the site"
        try secret.write(toFile: server.directory + "/secret.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: server.directory + "/output/escape.txt", withDestinationPath: server.directory + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: server.directory + "/output/up", withDestinationPath: server.directory)
        for target in [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/assets/../../secret.txt",
            "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/escape.txt",
            "/up/secret.txt", "/.render-manifest", "/..\\secret.txt", "/%00/secret.txt",
        ] {
            let response = try RawHTTP.get(port: server.port, target)
            #expect([400, 403, 404].contains(response.status), "\(target): \(response.status)")
            #expect(!response.body.contains(secret), "\(target) served a file outside the site")
        }
        #expect(try RawHTTP.get(port: server.port, "/assets/site.css").status == 200)
        #expect(try RawHTTP.get(port: server.port, "/").body.contains("<h1>"))
        try await stop(server)
    }

    /// DNS rebinding: a page of another site whose name resolves to 127.0.0.1
    /// sends its own name in `Host`, and is refused.
    @Test func answersOnlyLoopbackHostNames() async throws {
        let server = try await startServer(chapter: Self.good1)
        for host in ["127.0.0.1", "localhost", "LOCALHOST:\(server.port)", "127.0.0.1:\(server.port)", "[::1]", "[::1]:\(server.port)"] {
            let response = try RawHTTP.get(port: server.port, "/01-a.html", host: host)
            #expect(response.status == 200 && response.body.contains("The value is"), "Host: \(host) got \(response.status)")
        }
        for host in ["evil.example", "evil.example:\(server.port)", "localhost.evil.example", "127.0.0.1.nip.io:\(server.port)",
                     "localhost:x", "[::2]", "0.0.0.0"] {
            let response = try RawHTTP.get(port: server.port, "/01-a.html", host: host)
            #expect(response.status == 421, "Host: \(host) got \(response.status)")
            #expect(!response.body.contains("The value is"), "Host: \(host) was served the page")
            let events = try RawHTTP.get(port: server.port, LiveReload.scriptPath, host: host)
            #expect(events.status == 421)
        }
        try await stop(server)
    }

    /// The live-reload snippet keeps to the pages' Content-Security-Policy:
    /// its stylesheet and script are files of the server, nothing inline.
    @Test func theLiveReloadSnippetIsNotInline() async throws {
        let server = try await startServer(chapter: Self.good1)
        let page = try RawHTTP.get(port: server.port, "/01-a.html")
        #expect(page.body.contains(ContentSecurityPolicy.metaTag))
        #expect(page.body.contains("<link rel=\"stylesheet\" id=\"render-live-style\" href=\"\(LiveReload.stylesheetPath)\">"))
        #expect(InlineCode.find(in: page.body).isEmpty, "\(InlineCode.find(in: page.body))")
        let css = try RawHTTP.get(port: server.port, LiveReload.stylesheetPath)
        #expect(css.status == 200 && css.headers.lowercased().contains("content-type: text/css") && css.body.contains("#render-overlay"))
        try await stop(server)
    }
}

/// Which `Host` names the preview answers, for each `--host`.
@Suite struct HostCheckTests {
    @Test func loopbackAnswersOnlyLoopbackNames() {
        let check = HostCheck(listen: "127.0.0.1")
        #expect(["localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000", "[::1]", " Localhost "].allSatisfy(check.accepts))
        #expect(check.accepts(nil), "HTTP/1.0 without a Host names no other site")
        #expect(!["evil.example", "evil.example:3000", "localhost.evil.example", "localhost:", "localhost:30x", "[::1", "::1"].contains(where: check.accepts))
    }

    @Test func anotherAddressIsAnsweredByItsOwnNameAndEveryInterfaceByAny() {
        let lan = HostCheck(listen: "192.168.1.5")
        #expect(lan.accepts("192.168.1.5:3000") && lan.accepts("localhost") && !lan.accepts("evil.example"))
        #expect(HostCheck(listen: "::1").accepts("[::1]:80") && !HostCheck(listen: "::1").accepts("evil.example"))
        #expect(HostCheck(listen: "0.0.0.0").accepts("evil.example") && HostCheck(listen: "::").accepts("my-laptop.local:3000"))
    }
}

/// The path rules on their own, without a server.
@Suite struct SitePathResolverTests {
    @Test func resolvesFilesInsideAndRefusesTraversal() throws {
        let directory = try RenderProcess.temporaryDirectory("resolver")
        let site = directory + "/site"
        try FileManager.default.createDirectory(atPath: site + "/assets", withIntermediateDirectories: true)
        try "page".write(toFile: site + "/index.html", atomically: true, encoding: .utf8)
        try "a b".write(toFile: site + "/a b.html", atomically: true, encoding: .utf8)
        try "secret".write(toFile: directory + "/secret.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site + "/link.txt", withDestinationPath: directory + "/secret.txt")
        let resolver = SitePathResolver(root: site)
        let real = SitePathResolver.realPath(site)!
        #expect(resolver.resolve("/") == .file(real + "/index.html"))
        #expect(resolver.resolve("/index.html?x=1") == .file(real + "/index.html"))
        #expect(resolver.resolve("/a%20b.html") == .file(real + "/a b.html"))
        #expect(resolver.resolve("/assets/") == .notFound)
        #expect(resolver.resolve("/missing.html") == .notFound)
        #expect(resolver.resolve("/../secret.txt") == .forbidden)
        #expect(resolver.resolve("/%2e%2e/secret.txt") == .forbidden)
        #expect(resolver.resolve("/assets/%2E%2E%2F%2E%2E%2Fsecret.txt") == .forbidden)
        #expect(resolver.resolve("/link.txt") == .forbidden)
        #expect(resolver.resolve("/%zz") == .forbidden)
    }

    /// Until the first build has written a front page, every page is "Building the book…", which reloads itself.
    @Test func everyPageIsThePlaceholderUntilTheSiteHasAFrontPage() throws {
        let site = try RenderProcess.temporaryDirectory("first-build")
        let building = SitePathResolver(root: site)
        for page in ["/", "/index.html", "/02-softmax.html", "/checks.html", "/guide/"] {
            #expect(PreviewServer.servesPlaceholder(page, resolver: building), "\(page)")
        }
        #expect(!PreviewServer.servesPlaceholder("/assets/site.css", resolver: building), "an asset is not a page")
        #expect(LiveReload.placeholderPage(status: PreviewStatus()).contains("Building the book…"))
        try "page".write(toFile: site + "/index.html", atomically: true, encoding: .utf8)
        let built = SitePathResolver(root: site)
        #expect(!PreviewServer.servesPlaceholder("/02-softmax.html", resolver: built), "once built, a missing page is Not found")
        #expect(PreviewServer.servesPlaceholder("/", resolver: built))
    }
}

/// The watcher sees a save through inotify and by polling, and a file that did not exist yet.
@Suite(.timeLimit(.minutes(5))) struct ChangeWatcherTests {
    /// Reads batches until one names a path ending in `suffix` (a save may arrive as more than one batch).
    func next(_ iterator: inout AsyncStream<[String]>.AsyncIterator, until suffix: String) async -> [String] {
        var seen: [String] = []
        while let batch = await iterator.next() {
            seen += batch
            if batch.contains(where: { $0.hasSuffix(suffix) }) { break }
        }
        return seen
    }

    func sees(_ forcePolling: Bool) async throws {
        let directory = try RenderProcess.temporaryDirectory("watcher")
        try FileManager.default.createDirectory(atPath: directory + "/chapters/sub", withIntermediateDirectories: true)
        try "# A\n".write(toFile: directory + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let watcher = ChangeWatcher(
            paths: [directory + "/chapters", directory + "/book.toml"], interval: .milliseconds(50), forcePolling: forcePolling)
        #expect(watcher.mechanism == (forcePolling ? .polling : .inotify))
        var iterator = watcher.changes().makeAsyncIterator()

        try "# A, edited\n".write(toFile: directory + "/chapters/01-a.md", atomically: false, encoding: .utf8)
        let first = await next(&iterator, until: "/chapters/01-a.md")
        #expect(first.contains { $0.hasSuffix("/chapters/01-a.md") }, "\(first)")

        try "x".write(toFile: directory + "/chapters/sub/02-b.md", atomically: true, encoding: .utf8)
        let second = await next(&iterator, until: "/chapters/sub/02-b.md")
        #expect(second.contains { $0.hasSuffix("/chapters/sub/02-b.md") }, "\(second)")

        try "title = 'x'\n".write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        let third = await next(&iterator, until: "/book.toml")
        #expect(third.contains { $0.hasSuffix("/book.toml") }, "\(third)")
        #expect(!(first + second + third).contains { $0.contains("/.") }, "hidden temporary files are not reported")
        watcher.stop()
    }

    /// Foundation's atomic write renames before it closes, so one save can be
    /// named by two batches; the second finds nothing new and is dropped.
    @Test func aFileNamedAgainUnchangedIsNotReportedAgain() throws {
        let directory = try RenderProcess.temporaryDirectory("watcher")
        let file = directory + "/01-a.md"
        try "# A\n".write(toFile: file, atomically: true, encoding: .utf8)
        var reported: [String: String] = [:]
        #expect(ChangeWatcher.unreported([file], since: &reported) == [file])
        #expect(ChangeWatcher.unreported([file], since: &reported) == [], "the close after the rename")
        try "# B\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(ChangeWatcher.unreported([file], since: &reported) == [file], "same size, new bytes")
        try FileManager.default.removeItem(atPath: file)
        #expect(ChangeWatcher.unreported([file], since: &reported) == [file], "a deletion")
        #expect(ChangeWatcher.unreported([file], since: &reported) == [])
    }

    /// serve replaces its watcher after book.toml changes, while the save that
    /// changed it may not have closed the file yet. The new watcher knows what
    /// the old one reported, so that close is no second change; a watcher that
    /// knows nothing reports it.
    @Test(.timeLimit(.minutes(1)))
    func aReplacementWatcherDoesNotReportASaveItsPredecessorReported() async throws {
        let directory = try RenderProcess.temporaryDirectory("watcher")
        let toml = directory + "/book.toml", chapter = directory + "/01-a.md"
        try "[book]\ntitle = 'x'\n".write(toFile: toml, atomically: true, encoding: .utf8)
        let predecessor = [toml: ChangeWatcher.identity(toml)]  // it reported this save
        func batchesUntilTheChapter(_ watcher: ChangeWatcher) async throws -> [String] {
            var iterator = watcher.changes().makeAsyncIterator()
            let descriptor = open(toml, O_WRONLY)  // the save's late close: IN_CLOSE_WRITE, nothing written
            #expect(descriptor >= 0)
            close(descriptor)
            try "# A \(UUID())\n".write(toFile: chapter, atomically: false, encoding: .utf8)
            defer { watcher.stop() }
            return await next(&iterator, until: "/01-a.md")
        }
        let replacement = try await batchesUntilTheChapter(ChangeWatcher(paths: [directory], reported: predecessor))
        #expect(!replacement.contains(toml), "\(replacement)")
        let unaware = try await batchesUntilTheChapter(ChangeWatcher(paths: [directory]))
        #expect(unaware.contains(toml), "\(unaware)")
    }

    @Test func inotifySeesSavesNewFilesAndBookToml() async throws { try await sees(false) }
    @Test func pollingSeesSavesNewFilesAndBookToml() async throws { try await sees(true) }
}
