import ArgumentParser
import Foundation
import Tutorial

/// `--output DIR`: the site folder, for every subcommand but `pdf` (where
/// `--output` names the PDF and `--site` the folder).
struct SiteFolder: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder the site is written to (render creates it and writes nowhere else; default: book.toml's, or output).", valueName: "dir"))
    var output: String?
}

/// The options every subcommand shares.
struct BookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The book's folder, holding book.toml (default: the current folder; its book.toml is used if there is one).", valueName: "dir"))
    var book: String?

    @Option(name: .long, help: ArgumentHelp("The folder of Markdown chapters (default: book.toml's, or chapters).", valueName: "dir"))
    var chapters: String?

    @Option(name: .long, help: ArgumentHelp("How many chapter programs to compile and run at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Time limit for each chapter program, in seconds, counted from its start (default: book.toml's, or 30).", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .customLong("no-cache"), help: "Recompile and rerun every chapter and retypeset every formula.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("Where the build cache goes (default: .render-cache beside the chapters folder).", valueName: "dir"))
    var cache: String?

    @Flag(name: .customLong("no-sandbox"), help: "Run chapter programs without the bubblewrap sandbox: with render's own user, files, network and environment.")
    var noSandbox = false

    @Option(name: .long, help: ArgumentHelp("Memory limit for each chapter program, in MiB or with a unit (512M, 4G).", valueName: "size"))
    var memory = "4G"

    @Option(name: .customLong("compile-timeout"), help: ArgumentHelp("Time limit for compiling each chapter program, in seconds.", valueName: "seconds"))
    var compileTimeout: Double = 120

    @Option(name: .customLong("compile-memory"), help: ArgumentHelp("Memory limit for each compiler process (chapter programs, shared sources, the book's packages), in MiB or with a unit (default 4G).", valueName: "size"))
    var compileMemory = "4G"

    @Flag(name: .customLong("allow-fetch"), help: "Let the book's packages fetch their remote dependencies over the network (in a sandbox without secrets), as book.toml's [swift] fetch = true does.")
    var allowFetch = false

    @Flag(name: .customLong("no-wait"), help: "If another render is using the same output folder or cache, stop (exit 2) instead of waiting for it.")
    var noWait = false

    @Flag(name: .customLong("allow-outside"), help: "Let book.toml's css, sources, packages and chapters, and a chapters folder that is a symbolic link, lead outside the book's folder.")
    var allowOutside = false

    @Flag(name: .long, help: "Keep raw HTML written in chapters (by default it is omitted, as cmark's safe mode does).")
    var unsafe = false

    @Flag(name: .long, help: "Fail on any derivation step that is checked only by its Swift twin, not from its TeX.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Number equations, figures and tables through the book (1, 2, …) or per chapter (2.1, 2.2, …).", valueName: "book|chapter"))
    var numbering: Numbering?

    @Option(name: .long, help: ArgumentHelp("A BibTeX (.bib) or CSL-JSON (.json) file that [@key] citations read, instead of book.toml's [book] bibliography; repeat it for several.", valueName: "file"))
    var bibliography: [String] = []

    @Flag(name: .long, help: "Print only errors and the summary of a failed build.")
    var quiet = false

    @Flag(name: .long, help: "Also say which chapters came from the cache.")
    var verbose = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let timeout, !(timeout.isFinite && timeout >= 0.001 && timeout <= 86_400) {
            throw ValidationError("--timeout must be a number of seconds from 0.001 to 86400, got \(timeout)")
        }
        guard compileTimeout.isFinite, compileTimeout >= 0.001, compileTimeout <= 86_400 else {
            throw ValidationError("--compile-timeout must be a number of seconds from 0.001 to 86400, got \(compileTimeout)")
        }
        guard let bytes = Self.bytes(memory), bytes >= 16 << 20 else {
            throw ValidationError("--memory must be a size of at least 16M, such as 512M or 4G, got '\(memory)'")
        }
        _ = bytes
        guard let compileBytes = Self.bytes(compileMemory), compileBytes >= 16 << 20 else {
            throw ValidationError("--compile-memory must be a size of at least 16M, such as 2G or 8G, got '\(compileMemory)'")
        }
        _ = compileBytes
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// The engine's options: the defaults, then book.toml (from `--book DIR`
    /// or the current folder), then the command line; `output` is the site
    /// folder (nil: book.toml's, or the default).
    /// - Throws: `BookConfigError` when book.toml is missing (with `--book`) or holds a mistake.
    func buildOptions(writeSite: Bool, output: String?, loadConfig: Bool = true) throws -> BuildOptions {
        var options = BuildOptions()
        if loadConfig, let config = try BookConfig.load(directory: book ?? ".", required: book != nil, allowOutside: allowOutside) {
            options.apply(config)
        }
        if let chapters { options.chaptersDirectory = chapters }
        if let output { options.outputDirectory = output }
        if let jobs { options.jobs = jobs; options.runJobs = jobs }
        if let timeout { options.timeout = .milliseconds(Int64((timeout * 1000).rounded())) }
        options.useCache = !noCache
        options.cacheDirectory = cache
        options.sandbox = !noSandbox
        options.memoryLimit = Self.bytes(memory) ?? options.memoryLimit
        options.compileTimeout = .milliseconds(Int64((compileTimeout * 1000).rounded()))
        options.compileMemoryLimit = Self.bytes(compileMemory) ?? options.compileMemoryLimit
        if allowFetch { options.allowFetch = true }
        options.waitForLock = !noWait
        options.unsafe = unsafe
        options.allowOutside = allowOutside
        if strict { options.strict = true }
        if let numbering { options.numbering = numbering }
        if !bibliography.isEmpty { options.bibliography = bibliography }
        options.writeSite = writeSite
        return options
    }

    /// A single build's session: where a wait for another render and the
    /// notes of a build are printed (`--quiet` leaves the notes out).
    func session() -> BuildSession {
        var session = BuildSession()
        session.onWait = { message in ConsoleReporter.write(message + "\n", to: .error) }
        if !quiet { session.onNote = { message in ConsoleReporter.write(message + "\n", to: .output) } }
        return session
    }

    /// `512M`, `4G`, `4096` (MiB), `1T`: bytes, or nil if it is not a size.
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var digits = Substring(text.uppercased())
        var shift = 20
        if digits.hasSuffix("IB") { digits = digits.dropLast(2) } else if digits.hasSuffix("B") { digits = digits.dropLast() }
        if let last = digits.last, let unit = units[last] { shift = unit; digits = digits.dropLast() }
        guard let value = Double(digits), value > 0, value < Double(1 << 50) else { return nil }
        let bytes = value * Double(1 << shift)
        return bytes < Double(Int.max / 2) ? Int(bytes) : nil
    }

    /// The options of serve and watch after book.toml changed: read again,
    /// the command line still winning (the session, with its node worker
    /// and memo, is not part of them and stays).
    /// - Throws: `BookConfigError` when book.toml now holds a mistake (the caller keeps `current`).
    func reloaded(_ current: BuildOptions, output: String?) throws -> BuildOptions {
        try buildOptions(writeSite: current.writeSite, output: output)
    }

    /// book.toml's path, standardized, whether or not the file exists yet.
    var configPath: String {
        URL(fileURLWithPath: (book ?? ".") + "/" + BookConfig.fileName).standardizedFileURL.path
    }

    /// What serve and watch watch: the build's inputs, and book.toml even before it exists.
    func watchPaths(_ options: BuildOptions, packageRoot: String?) -> [String] {
        let paths = WatchList.paths(options: options, packageRoot: packageRoot)
        return paths.contains(configPath) ? paths : paths + [configPath]
    }

    /// Whether a batch of changed paths holds book.toml.
    func touchesConfig(_ changed: [String]) -> Bool {
        changed.contains { URL(fileURLWithPath: $0).standardizedFileURL.path == configPath }
    }

    /// `buildOptions`, with book.toml's problems printed and turned into exit status 2.
    func resolvedOptions(writeSite: Bool, output: String?, loadConfig: Bool = true) throws -> BuildOptions {
        do {
            return try buildOptions(writeSite: writeSite, output: output, loadConfig: loadConfig)
        } catch let error as BookConfigError {
            reporter.diagnostics(error.diagnostics)
            throw ExitCode(2)
        }
    }

    var reporter: ConsoleReporter {
        ConsoleReporter(verbosity: quiet ? .quiet : verbose ? .verbose : .normal)
    }
}

extension Numbering: ExpressibleByArgument {}
