import TutorialSite

/// What lives for the whole run of one command, across its builds: the
/// objects serve and watch keep between rebuilds, and how the run talks to
/// its user. None of it can change a page, so none of it is in the stamp.
public struct BuildSession: Sendable {
    /// The node that `render serve` and `render watch` keep between builds
    /// (``NodeWorker``); nil runs node once per build.
    public var nodeWorker: NodeWorker?
    /// What serve and watch remember between builds (``RebuildMemo``); nil for a single build.
    public var rebuildMemo: RebuildMemo?
    /// Called once if the build has to wait for another render.
    public var onWait: (@Sendable (String) -> Void)?
    /// Called with a note worth telling the author (building the book's packages).
    public var onNote: (@Sendable (String) -> Void)?
    /// Whether a build with nothing changed may stop at the stamp
    /// (``BuildStamp``). A rebuild that a watched change started skips the
    /// stamp (``changed``): it would not hold, and checking and writing it
    /// cost 30 ms of every preview rebuild.
    var useStamp = true

    /// A single build: no worker, no memo, nothing said.
    public init() {}

    /// This session for a rebuild that a watched change started (serve,
    /// watch): no stamp is checked or written. The last stamp stays and no
    /// longer matches the chapters or the output, so a later render builds.
    public var changed: BuildSession {
        var copy = self
        copy.useStamp = false
        return copy
    }
}
