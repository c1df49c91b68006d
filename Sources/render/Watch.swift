import ArgumentParser
import Foundation
import Tutorial

/// `render watch`: build, then rebuild on every change until Ctrl-C.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, then rebuild whenever a chapter, book.toml (read again), the book's shared sources or packages, or the runtime's sources change. Ctrl-C stops.",
        discussion: """
            Watches with inotify (polling where inotify is unavailable, or with RENDER_WATCH=poll), \
            and rebuilds as render serve does, without serving.
            """)

    @OptionGroup var book: BookOptions
    @OptionGroup var site: SiteFolder

    @Option(name: .long, help: ArgumentHelp("How often to look for changes when polling, in seconds.", valueName: "seconds"))
    var interval: Double = 0.5

    func validate() throws {
        guard interval.isFinite, interval >= 0.05, interval <= 3600 else {
            throw ValidationError("--interval must be a number of seconds from 0.05 to 3600, got \(interval)")
        }
    }

    func run() async throws {
        let reporter = book.reporter
        // SIGINT only: a SIGTERM still ends watch at once, as it always has.
        let interrupt = StopSignal([SIGINT])
        let options = try book.resolvedOptions(writeSite: true, output: site.output)
        var session = book.session()
        session.nodeWorker = NodeWorker()  // node stays up between rebuilds: a save does not pay for starting it
        session.rebuildMemo = RebuildMemo()  // and the chapters a save did not touch are not parsed again
        let root = try? Toolchain.locate().packageRoot
        let folders = book.watchPaths(options, packageRoot: root)
        let loop = RebuildLoop(book: book, output: site.output, packageRoot: root, reporter: reporter)
        let watchers = loop.watcher(for: options, interval: .milliseconds(Int64(interval * 1000)))
        let work = Task { [session] in
            await loop.run(options, session: session, watchers: watchers) { mechanism in
                let cwd = FileManager.default.currentDirectoryPath + "/"
                let shown = folders.map { $0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0 }.joined(separator: ", ")
                reporter.note("watching \(shown) with \(mechanism.rawValue) — Ctrl-C to stop")
            }
        }
        await interrupt.wait()
        watchers.stop()
        work.cancel()
        _ = await work.result  // a build that is running is finished first
        reporter.note("stopped watching")
    }
}
