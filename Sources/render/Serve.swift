import ArgumentParser
import Foundation
import Tutorial

/// `render serve`: build, serve the site, rebuild on every change and reload open pages.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the book on http://127.0.0.1:3000/, rebuild on every change and reload open pages. Ctrl-C stops.",
        discussion: """
            Pages reload when a build passes. When one fails, the last good site stays up with an \
            overlay listing the errors (file:line:col and message); it clears on the next good build. \
            The live-reload script is added by the server only: the files in the output folder are the \
            published ones. book.toml is read again when it changes (a mistake in it shows in the overlay). \
            Watches the chapters, book.toml, the shared sources, the packages' sources \
            and stylesheets it names, and the chapter runtime, with inotify (polling where inotify is unavailable, or with RENDER_WATCH=poll).
            """)

    @OptionGroup var book: BookOptions
    @OptionGroup var site: SiteFolder

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 3000

    @Option(name: .long, help: ArgumentHelp("The address to listen on; the default is loopback only. 0.0.0.0 shares the preview with your network.", valueName: "address"))
    var host = "127.0.0.1"

    @Flag(name: .long, help: "Open the book in the default browser (xdg-open).")
    var open = false

    @Option(name: .long, help: ArgumentHelp("How often to look for changes when polling, in seconds.", valueName: "seconds"))
    var interval: Double = 0.5

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
        guard interval.isFinite, interval >= 0.05, interval <= 3600 else {
            throw ValidationError("--interval must be a number of seconds from 0.05 to 3600, got \(interval)")
        }
    }

    func run() async throws {
        let reporter = book.reporter
        let options = try book.resolvedOptions(writeSite: true, output: site.output)
        var session = book.session()
        session.nodeWorker = NodeWorker()  // node stays up between rebuilds: a save does not pay for starting it
        session.rebuildMemo = RebuildMemo()  // and the chapters a save did not touch are not parsed again
        let hub = ReloadHub()
        let server: PreviewServer
        let bound: UInt16
        do {
            server = try PreviewServer(site: options.outputDirectory, host: host, port: UInt16(port), hub: hub)
            bound = try await server.start()
        } catch let setup as SetupError {
            reporter.setupError(setup)
            throw ExitCode(2)
        }
        let url = server.url(port: bound)
        if host != "127.0.0.1" && host != "localhost" && host != "::1" {
            reporter.note("warning: listening on \(host): anyone who can reach this machine can read the preview")
        }

        let root = try? Toolchain.locate().packageRoot
        let loop = RebuildLoop(
            book: book, output: site.output, packageRoot: root, reporter: reporter,
            building: { hub.building() },
            finished: { problems, failure in hub.finished(problems: problems.map(PreviewStatus.Problem.init), failure: failure) })
        let watchers = loop.watcher(for: options, interval: .milliseconds(Int64(interval * 1000)))

        let stop = StopSignal()
        let open = self.open
        let work = Task { [session] in
            await loop.run(options, session: session, watchers: watchers) { mechanism in
                // Printed even with --quiet: the address is what the author needs.
                ConsoleReporter.write("serving \(url) — watching with \(mechanism.rawValue); Ctrl-C to stop\n", to: .output)
                if open { Self.openBrowser(url) }
            }
        }
        await stop.wait()
        watchers.stop()
        work.cancel()
        await server.stop()
        _ = await work.result
        reporter.note("stopped serving")
    }

    static func openBrowser(_ url: String) {
        guard let opener = ["xdg-open", "open"].lazy.compactMap({ ChildProcess.find([$0]) }).first else {
            ConsoleReporter.write("note: no xdg-open; open \(url) yourself\n", to: .error)
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
