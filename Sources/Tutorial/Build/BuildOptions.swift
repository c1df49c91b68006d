import Foundation

/// What to build and how; the CLI's options map onto these one to one.
public struct BuildOptions: Sendable {
    /// The folder of Markdown chapters.
    public var chaptersDirectory = "chapters"
    /// Where the site goes; render writes only inside it.
    public var outputDirectory = "output"
    /// Chapter programs compiled and run at once.
    public var jobs = max(ProcessInfo.processInfo.activeProcessorCount, 1)
    /// Time limit for each chapter program.
    public var timeout: Duration = .seconds(30)
    /// Whether compiled programs, runs and formulas are reused from the cache.
    public var useCache = true
    /// `--cache DIR`; nil: `.render-cache` beside the chapters folder.
    public var cacheDirectory: String?
    /// Run chapter programs in the bubblewrap sandbox (`--no-sandbox` turns it off).
    public var sandbox = true
    /// Bytes of memory a chapter program may use (`--memory`).
    public var memoryLimit = 4 << 30
    /// Time limit for compiling one chapter program (`--compile-timeout`).
    public var compileTimeout: Duration = .seconds(120)
    /// Wait for another render of the same output to finish (`--no-wait`: fail instead).
    public var waitForLock = true
    /// Called once if the build has to wait for another render.
    public var onWait: (@Sendable (String) -> Void)?
    /// Keep authors' raw HTML (cmark's unsafe mode).
    public var unsafe = false
    /// Fail on any derivation step that only its Swift twin checks.
    public var strict = false
    /// Equations, figures and tables numbered through the book (1, 2…) or per chapter (2.1, 2.2…).
    public var numbering: Numbering = .book
    /// `render check` sets this to false: check everything, write nothing.
    public var writeSite = true
    /// Debian's libjs-katex, or `TUTORIAL_KATEX_DIR`.
    public var katexDirectory = ProcessInfo.processInfo.environment["TUTORIAL_KATEX_DIR"] ?? "/usr/share/javascript/katex"

    /// Debian's node-lunr (the search index is built under node), or `TUTORIAL_LUNR_NODE`.
    public var lunrModuleDirectory = ProcessInfo.processInfo.environment["TUTORIAL_LUNR_NODE"] ?? "/usr/share/nodejs/lunr"
    /// Debian's libjs-lunr (copied into the site for the search box), or `TUTORIAL_LUNR_JS`.
    public var lunrBrowserScript = ProcessInfo.processInfo.environment["TUTORIAL_LUNR_JS"] ?? "/usr/share/javascript/lunr/lunr.min.js"

    /// The defaults.
    public init() {}

    /// Where the cache is.
    public var resolvedCacheDirectory: String {
        cacheDirectory ?? BuildCache.defaultLocation(chapters: chaptersDirectory)
    }
}
