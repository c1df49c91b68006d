import ArgumentParser
import Tutorial

/// The options every subcommand shares.
struct BookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of Markdown chapters.", valueName: "dir"))
    var chapters = "chapters"

    @Option(name: .long, help: ArgumentHelp("The folder the site is written to (render creates it and writes nowhere else).", valueName: "dir"))
    var output = "output"

    @Option(name: .long, help: ArgumentHelp("How many chapter programs to compile and run at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Time limit for each chapter program, in seconds.", valueName: "seconds"))
    var timeout: Double = 30

    @Flag(name: .customLong("no-cache"), help: "Recompile and rerun every chapter and retypeset every formula.")
    var noCache = false

    @Flag(name: .long, help: "Keep raw HTML written in chapters (by default it is omitted, as cmark's safe mode does).")
    var unsafe = false

    @Flag(name: .long, help: "Fail on any derivation step that is checked only by its Swift twin, not from its TeX.")
    var strict = false

    @Flag(name: .long, help: "Print only errors and the summary of a failed build.")
    var quiet = false

    @Flag(name: .long, help: "Also say which chapters came from the cache.")
    var verbose = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        guard timeout.isFinite, timeout >= 0.001, timeout <= 86_400 else {
            throw ValidationError("--timeout must be a number of seconds from 0.001 to 86400, got \(timeout)")
        }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func buildOptions(writeSite: Bool) -> BuildOptions {
        var options = BuildOptions()
        options.chaptersDirectory = chapters
        options.outputDirectory = output
        if let jobs { options.jobs = jobs }
        options.timeout = .milliseconds(Int64((timeout * 1000).rounded()))
        options.useCache = !noCache
        options.unsafe = unsafe
        options.strict = strict
        options.writeSite = writeSite
        return options
    }

    var reporter: ConsoleReporter {
        ConsoleReporter(verbosity: quiet ? .quiet : verbose ? .verbose : .normal)
    }
}
