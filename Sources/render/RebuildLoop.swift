import Foundation
import Tutorial

/// The one rebuild loop of `render watch` and `render serve`: build, then
/// build again on every batch of changes that one ``ChangeWatcher`` reports
/// (inotify, or polling where inotify is unavailable), until the watcher is
/// stopped.
///
/// For each batch, in this order:
/// 1. If book.toml changed, it is read again. A mistake in it is reported,
///    the last good options are kept, and nothing is built.
/// 2. If book.toml now names other files (a stylesheet, a sources folder, a
///    package), the watcher is replaced by one that watches them.
/// 3. If the chapter runtime's sources changed, the runtime is rebuilt
///    first. If it does not build, nothing else is.
/// 4. The book is built again; only what changed is redone.
///
/// A build that is running when the watcher stops is finished, not cut short.
/// What a command adds around each build (serve tells the open pages) goes
/// in ``building`` and ``finished``.
struct RebuildLoop {
    /// The command's book options: where book.toml is, and what to watch.
    var book: BookOptions
    /// The site folder given with `--output`, if any.
    var output: String?
    /// render's own package, when render runs from it: its runtime is watched and rebuilt.
    var packageRoot: String?
    /// Where builds and changes are printed.
    var reporter: ConsoleReporter
    /// Called as a build starts.
    var building: @Sendable () -> Void = {}
    /// Called when a build ends, or when a batch could not be built: the
    /// build's errors, and why there was no site (nil when there was one).
    var finished: @Sendable (_ problems: [Diagnostic], _ failure: String?) -> Void = { _, _ in }

    /// A watcher on everything a build with `options` reads.
    /// - Parameter interval: How often to look for changes, when polling.
    func watcher(for options: BuildOptions, interval: Duration) -> CurrentWatcher {
        CurrentWatcher(ChangeWatcher(paths: book.watchPaths(options, packageRoot: packageRoot), interval: interval))
    }

    /// Builds, calls `ready`, then rebuilds on each change until `watchers` is stopped.
    /// - Parameters:
    ///   - options: The first build's options; book.toml may change them later.
    ///   - session: Kept for every build: the node worker and the memo.
    ///   - watchers: The watcher from ``watcher(for:interval:)``.
    ///   - ready: Called once, after the first build, with how changes are noticed.
    func run(_ options: BuildOptions, session: BuildSession, watchers: CurrentWatcher, ready: (ChangeWatcher.Mechanism) -> Void) async {
        var options = options
        var watched = book.watchPaths(options, packageRoot: packageRoot)
        // Asked for before the first build, so a save during that build is not missed.
        var changes = watchers.current.changes().makeAsyncIterator()
        building()
        await build(options, session: session)
        ready(watchers.current.mechanism)
        while let batch = await changes.next() {
            if Task.isCancelled { break }
            let cwd = FileManager.default.currentDirectoryPath + "/"
            reporter.note("changed: \(batch.map { $0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0 }.joined(separator: ", "))")
            building()
            if book.touchesConfig(batch) {
                do {
                    options = try book.reloaded(options, output: output)
                } catch let error as BookConfigError {
                    reporter.diagnostics(error.diagnostics)
                    finished(error.diagnostics, nil)
                    continue
                } catch {
                    reporter.setupError(SetupError("\(error)"))
                    finished([], "\(error)")
                    continue
                }
                let paths = book.watchPaths(options, packageRoot: packageRoot)
                if paths != watched, let next = watchers.replace(paths: paths) {
                    watched = paths
                    changes = next.changes().makeAsyncIterator()
                }
            }
            if WatchList.touchesRuntime(batch, packageRoot: packageRoot), let packageRoot {
                reporter.note("rebuilding the chapter runtime (swift build --product ChapterRuntime)")
                guard await RuntimeRebuild.run(packageRoot: packageRoot) else {
                    finished([], "the chapter runtime (ChapterRuntime) did not build: see the terminal")
                    continue
                }
            }
            await build(options, session: session.changed)
        }
    }

    /// Builds and passes the outcome to ``finished``.
    private func build(_ options: BuildOptions, session: BuildSession) async {
        let outcome = await BuildRun.performReporting(options, session: session, reporter: reporter)
        finished(outcome.problems, outcome.failure)
    }
}
