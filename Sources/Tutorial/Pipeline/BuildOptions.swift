import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// What the user asked for: the command line's flags and book.toml.
///
/// Nothing here depends on the machine or on an earlier build: the tools
/// found on this machine are ``InstalledTools``, and what serve and watch
/// keep between builds is a ``BuildSession``. The CLI's options map onto
/// these one to one, and every one that can change a page is in the stamp
/// (``BuildStamp``).
public struct BuildOptions: Sendable {
    /// The folder of Markdown chapters.
    public var chaptersDirectory = "chapters"
    /// Where the site goes; render writes only inside it.
    public var outputDirectory = "output"
    /// Chapter programs compiled at once (and run at once, unless `runJobs` says otherwise).
    public var jobs = max(ProcessInfo.processInfo.activeProcessorCount, 1)
    /// Compiled chapter programs run at once; nil: twice `jobs`, since a run
    /// mostly waits for its sandbox and its program to start. `--jobs N` sets
    /// both to N.
    public var runJobs: Int?
    /// `runJobs`, or its default.
    public var resolvedRunJobs: Int { runJobs ?? 2 * jobs }
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
    /// Keep authors' raw HTML (cmark's unsafe mode).
    public var unsafe = false
    /// Fail on any derivation step that only its Swift twin checks.
    public var strict = false
    /// `render check FILE.md`: only these chapter files, not the folder's.
    public var chapterFiles: [String]?
    /// `--unchecked`: a note for each display and prose number no check covers.
    public var listUnchecked = false
    /// Equations, figures and tables numbered through the book (1, 2…) or per chapter (2.1, 2.2…).
    public var numbering: Numbering = .book
    /// How a floating-point `\(x)` without a format prints (book.toml's `[format]`).
    var plainNumbers: PlainNumberFormat = .shortest
    /// `[math] indices`: the first index of a vector in derivations (0, or 1 as most articles count).
    var indexBase = 0
    /// print.html (and so `render pdf`) prints the solutions open; without, it leaves them out.
    public var printSolutions = false
    /// `render check` sets this to false: check everything, write nothing.
    public var writeSite = true
    /// book.toml as diagnostics name it, when the book has one.
    var configFile: String?
    /// `[book] title`: overrides the front page's first heading as the book's title.
    public var title: String?
    /// `[book] authors`, shown on the front page and in `<meta name="author">`.
    var authors: [String] = []
    /// `[book] language`, for `<html lang>`.
    var language = "en"
    /// `[book] description`, shown on the front page and in `<meta name="description">`.
    var bookDescription: String?
    /// `[html] css`: stylesheets copied into the site and linked after the built-in one.
    public var stylesheets: [String] = []
    /// `[book] bibliography` or `--bibliography`: the files `[@key]` citations read.
    public var bibliography: [String] = []
    /// `[swift] sources`: folders whose `.swift` files make the shared module every chapter imports.
    var sharedSources: [String] = []
    /// `[swift] packages`: local packages whose products every chapter imports.
    public var packages: [BookPackage] = []
    /// `[swift] fetch` or `--allow-fetch`: the book's packages may fetch
    /// their remote dependencies; without it a package that needs to fails
    /// with an error saying what to add.
    public var allowFetch = false
    /// Bytes of address space each compiler process may use (`--compile-memory`),
    /// for chapter programs, shared sources and the book's packages alike.
    public var compileMemoryLimit = 4 << 30
    /// `[html] files`: hidden files or folders that chapters' links may publish all the same.
    var publishedFiles: [String] = []
    /// `--allow-outside`: a chapters folder that is a symbolic link out of the
    /// book is read (book.toml's paths are checked when it is loaded).
    public var allowOutside = false

    /// The defaults.
    public init() {}

    /// Takes what book.toml sets; the command line is applied after, so it overrides.
    public mutating func apply(_ config: BookConfig) {
        configFile = config.file
        if let chapters = config.chapters { chaptersDirectory = chapters } else { chaptersDirectory = config.resolve(chaptersDirectory) }
        if let output = config.output { outputDirectory = output } else { outputDirectory = config.resolve(outputDirectory) }
        if let timeout = config.timeout { self.timeout = .milliseconds(Int64((timeout * 1000).rounded())) }
        if let strict = config.strict { self.strict = strict }
        title = config.title
        authors = config.authors
        if let language = config.language { self.language = language }
        bookDescription = config.description
        stylesheets = config.stylesheets
        bibliography = config.bibliography
        if let numbering = config.numbering { self.numbering = numbering }
        plainNumbers = config.plainNumbers ?? .shortest
        indexBase = config.indexBase ?? 0
        sharedSources = config.sources
        packages = config.packages
        allowFetch = config.fetch ?? false
        publishedFiles = config.publishedFiles
    }

    /// Where the cache is.
    var resolvedCacheDirectory: String {
        cacheDirectory ?? BuildCache.defaultLocation(chapters: chaptersDirectory)
    }
}
