import Foundation
import Testing

/// `render watch` rebuilds on a change (with serve's watcher and rebuild
/// loop), says what changed, and stops cleanly on Ctrl-C.
@Suite(.timeLimit(.minutes(2))) struct WatchTests {
    /// Waits until `condition` holds, checking every 50 ms, for at most `seconds`.
    func waitUntil(_ seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func rebuildsOnAChangeAndStopsOnInterrupt() async throws {
        let directory = try RenderProcess.temporaryDirectory("watch")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        let chapter = directory + "/chapters/01-a.md"
        try "# A\n\n```swift\nlet x = 1.5\n```\n\nx = \\(x).\n".write(toFile: chapter, atomically: true, encoding: .utf8)
        let log = directory + "/watch.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RenderProcess.executable)
        process.arguments = ["watch", "--interval", "0.1"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        func text() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        /// Builds that ended well so far. One save may be seen as more than one change
        /// (an atomic write is a new file renamed over the old), so each step waits for
        /// a build after it, not for an exact count.
        func builds() -> Int { text().components(separatedBy: "0 failed").count - 1 }

        #expect(try await waitUntil(60) { text().contains("watching") }, "\(text())")
        // The watcher serve uses: inotify on Linux, as ChangeWatcherTests expect.
        #expect(text().contains("with inotify — Ctrl-C to stop"), "\(text())")
        try "# A\n\n```swift\nlet x = 2.5\n```\n\nx = \\(x).\n".write(toFile: chapter, atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { builds() >= 2 }, "\(text())")
        #expect(text().contains("changed: chapters/01-a.md"))
        let page = try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8)
        #expect(page.contains(#"<span class="value" title="x">2.5</span>"#))

        // book.toml is read again: its title shows on the next build; a mistake in it is reported at its line.
        try "[book]\ntitle = 3\n".write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { text().contains("book.toml:2:1: error: 'book.title' must be a string") }, "\(text())")
        let beforeTitle = builds()
        try "[book]\ntitle = \"Watched\"\n".write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) { builds() > beforeTitle }, "\(text())")
        #expect(try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8).contains("<title>A – Watched</title>"))

        // Any file the chapters folder holds is watched, not only .md and .swift (an image, say).
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n".write(toFile: directory + "/chapters/figure.svg", atomically: true, encoding: .utf8)
        #expect(try await waitUntil(60) {
            let log = text()
            guard let changed = log.range(of: "changed: chapters/figure.svg") else { return false }
            return log[changed.upperBound...].contains("0 failed")
        }, "\(text())")

        process.interrupt()
        #expect(try await waitUntil(10) { !process.isRunning })
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(text().contains("stopped watching"))
    }
}
