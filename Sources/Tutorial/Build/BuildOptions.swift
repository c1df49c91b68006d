import Foundation

/// What to build and how; the CLI's options map onto these one to one.
public struct BuildOptions: Sendable {
    public var chaptersDirectory = "chapters"
    public var outputDirectory = "output"
    /// Chapter programs compiled and run at once.
    public var jobs = max(ProcessInfo.processInfo.activeProcessorCount, 1)
    /// Time limit for each chapter program.
    public var timeout: Duration = .seconds(30)
    public var useCache = true
    /// Keep authors' raw HTML (cmark's unsafe mode).
    public var unsafe = false
    /// Fail on any derivation step that only its Swift twin checks.
    public var strict = false
    /// `render check` sets this to false: check everything, write nothing.
    public var writeSite = true
    /// Debian's libjs-katex, or `TUTORIAL_KATEX_DIR`.
    public var katexDirectory = ProcessInfo.processInfo.environment["TUTORIAL_KATEX_DIR"] ?? "/usr/share/javascript/katex"

    /// Debian's node-lunr (the search index is built under node), or `TUTORIAL_LUNR_NODE`.
    public var lunrModuleDirectory = ProcessInfo.processInfo.environment["TUTORIAL_LUNR_NODE"] ?? "/usr/share/nodejs/lunr"
    /// Debian's libjs-lunr (copied into the site for the search box), or `TUTORIAL_LUNR_JS`.
    public var lunrBrowserScript = ProcessInfo.processInfo.environment["TUTORIAL_LUNR_JS"] ?? "/usr/share/javascript/lunr/lunr.min.js"

    public init() {}
}
