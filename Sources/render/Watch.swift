import ArgumentParser
import Foundation
import Tutorial

/// `render watch`: build, then rebuild on every change until Ctrl-C.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, then rebuild whenever a chapter, book.toml (read again), the book's shared sources or packages, or the runtime's sources change. Ctrl-C stops.")

    @OptionGroup var book: BookOptions
    @OptionGroup var site: SiteFolder

    @Option(name: .long, help: ArgumentHelp("How often to look for changes, in seconds.", valueName: "seconds"))
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
        var options = try book.resolvedOptions(writeSite: true, output: site.output)
        options.nodeWorker = NodeWorker()  // node stays up between rebuilds: a save does not pay for starting it
        options.rebuildMemo = RebuildMemo()  // and the chapters a save did not touch are not parsed again
        let root = try? Toolchain.locate().packageRoot
        let folders = book.watchPaths(options, packageRoot: root)
        var watcher = SourceWatcher(folders: folders)

        var snapshot = watcher.snapshot()
        _ = await BuildRun.perform(options, reporter: reporter)
        let cwd = FileManager.default.currentDirectoryPath + "/"
        reporter.note("watching \(folders.map { $0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0 }.joined(separator: ", ")) — Ctrl-C to stop")
        while !interrupt.received {
            try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
            let next = watcher.snapshot()
            let changed = SourceWatcher.changes(from: snapshot, to: next)
            guard !changed.isEmpty, !interrupt.received else { continue }
            snapshot = next
            let cwd = FileManager.default.currentDirectoryPath + "/"
            reporter.note("changed: \(changed.map { $0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0 }.joined(separator: ", "))")
            if book.touchesConfig(changed) {
                // book.toml is read again; with a mistake in it, the errors are printed and the last options kept.
                do {
                    options = try book.reloaded(options, output: site.output)
                } catch let error as BookConfigError {
                    reporter.diagnostics(error.diagnostics)
                    continue
                }
                // It may name other files to watch (a stylesheet, a sources folder, a package).
                let paths = book.watchPaths(options, packageRoot: root)
                if paths != watcher.folders {
                    watcher = SourceWatcher(folders: paths)
                    snapshot = watcher.snapshot()
                }
            }
            if WatchList.touchesRuntime(changed, packageRoot: root), let root {
                reporter.note("rebuilding the chapter runtime (swift build --product ChapterRuntime)")
                guard await RuntimeRebuild.run(packageRoot: root) else { continue }
            }
            _ = await BuildRun.perform(options.changed, reporter: reporter)
        }
        reporter.note("stopped watching")
    }
}
