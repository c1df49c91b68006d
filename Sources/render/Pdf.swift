import ArgumentParser
import Foundation
import Tutorial

/// `render pdf`: build the book, then print `print.html` to a PDF with headless Chromium.
struct Pdf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the book and print it (print.html) to a PDF with headless Chromium: bookmarks for the chapters, page numbers, selectable text.",
        discussion: """
            The site is built into --site (default: output) as usual. The PDF is published \
            with it as book.pdf (listed in the site's manifest, so the next render replaces it \
            like any other page), or written to --output FILE instead. Needs Chromium (Debian: \
            apt-get install chromium); without it render pdf exits with status 2 and says how \
            to install it.
            """)

    @OptionGroup var book: BookOptions

    @Option(name: .long, help: ArgumentHelp("The folder the HTML site is built into (default: output).", valueName: "dir"))
    var site: String?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write the PDF to this file instead of book.pdf in the site.", valueName: "file"))
    var pdfFile: String?

    @Flag(name: .long, help: "Print the solutions to the exercises, open (the instructor's edition); by default they are left out, as the title page says. The site's print.html follows until the next render.")
    var solutions = false

    func run() async throws {
        let printer: PDFPrinter
        do {
            printer = try PDFPrinter.locate()
        } catch let setup as SetupError {
            book.reporter.setupError(setup)
            throw ExitCode(2)
        }
        var options = try book.resolvedOptions(writeSite: true, output: site)
        options.printSolutions = solutions
        let status = await BuildRun.perform(options, session: book.session(), reporter: book.reporter)
        if status != 0 { throw ExitCode(status) }
        let folder = options.outputDirectory
        let page = (folder as NSString).appendingPathComponent("print.html")
        do {
            if let pdfFile {
                try await printer.print(page: page, to: pdfFile)
                if !book.quiet { book.reporter.note("wrote \(pdfFile)") }
                return
            }
            // Printed outside the site, then published into it with the rest.
            let scratch = NSTemporaryDirectory() + "render-pdf-\(getpid())-\(UUID().uuidString).pdf"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            try await printer.print(page: page, to: scratch)
            guard let bytes = FileManager.default.contents(atPath: scratch) else {
                throw SetupError("cannot read the printed PDF '\(scratch)'")
            }
            try SiteWriter(output: folder).add("book.pdf", bytes: [UInt8](bytes), waitForLock: options.waitForLock)
            if !book.quiet { book.reporter.note("wrote \((folder as NSString).appendingPathComponent("book.pdf"))") }
        } catch let setup as SetupError {
            book.reporter.setupError(setup)
            throw ExitCode(2)
        }
    }
}
