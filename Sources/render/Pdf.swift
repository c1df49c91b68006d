import ArgumentParser
import Foundation
import Tutorial

/// `render pdf`: build the book, then print `print.html` to a PDF with headless Chromium.
struct Pdf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the book and print it (print.html) to a PDF with headless Chromium: bookmarks for the chapters, page numbers, selectable text.",
        discussion: """
            The site is built into --site (default: output) as usual; the PDF goes to --output \
            (default: SITE/book.pdf). Needs Chromium (Debian: apt-get install chromium); without it \
            render pdf exits with status 2 and says how to install it.
            """)

    @Option(name: .long, help: ArgumentHelp("The PDF to write (default: book.pdf in the site folder).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The folder the HTML site is built into.", valueName: "dir"))
    var site = "output"

    @Option(name: .long, help: ArgumentHelp("The book's folder, holding book.toml (default: the current folder).", valueName: "dir"))
    var book: String?

    @Option(name: .long, help: ArgumentHelp("The folder of Markdown chapters (default: book.toml's, or chapters).", valueName: "dir"))
    var chapters: String?

    @Option(name: .long, help: ArgumentHelp("How many chapter programs to compile and run at once.", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Time limit for each chapter program, in seconds.", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .customLong("no-cache"), help: "Recompile and rerun every chapter and retypeset every formula.")
    var noCache = false

    @Flag(name: .long, help: "Keep raw HTML written in chapters.")
    var unsafe = false

    @Flag(name: .long, help: "Print only errors and the summary of a failed build.")
    var quiet = false

    func run() async throws {
        let printer: PDFPrinter
        var arguments = ["--output", site]
        if let timeout { arguments += ["--timeout", "\(timeout)"] }
        if let book { arguments += ["--book", book] }
        if let chapters { arguments += ["--chapters", chapters] }
        if let jobs { arguments += ["--jobs", "\(jobs)"] }
        if noCache { arguments.append("--no-cache") }
        if unsafe { arguments.append("--unsafe") }
        if quiet { arguments.append("--quiet") }
        let options = try BookOptions.parse(arguments)
        do {
            printer = try PDFPrinter.locate()
        } catch let setup as SetupError {
            options.reporter.setupError(setup)
            throw ExitCode(2)
        }
        let status = await BuildRun.perform(try options.resolvedOptions(writeSite: true), reporter: options.reporter)
        if status != 0 { throw ExitCode(status) }
        let pdf = output ?? (site as NSString).appendingPathComponent("book.pdf")
        do {
            try await printer.print(page: (site as NSString).appendingPathComponent("print.html"), to: pdf)
        } catch let setup as SetupError {
            options.reporter.setupError(setup)
            throw ExitCode(2)
        }
        if !quiet { options.reporter.note("wrote \(pdf)") }
    }
}
