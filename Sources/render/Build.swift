import Foundation
import ArgumentParser
import Tutorial

/// `render build` (the default): check everything and write the site.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every chapter and write the HTML book (the default command).")

    @OptionGroup var book: BookOptions
    @OptionGroup var site: SiteFolder

    func run() async throws {
        let status = await BuildRun.perform(try book.resolvedOptions(writeSite: true, output: site.output), session: book.session(), reporter: book.reporter)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `render check`: everything `build` does except writing; or `render check
/// FILE.md`, one Markdown file outside any book.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every snippet and check every claim, derivation and formula; write nothing. Exit 0 only if all pass.",
        discussion: "With FILE.md, checks that one Markdown file (an article with front matter and checks in HTML comments) and writes nothing unless --output is given.")

    @Argument(help: ArgumentHelp("One Markdown file to check on its own, outside any book (its folder's book.toml is not read unless --book is given).", valueName: "file.md"))
    var file: String?

    @Flag(name: .long, help: "List every display equation and decimal number in prose that no check covers, as notes.")
    var unchecked = false

    @Option(name: .long, help: ArgumentHelp("How diagnostics are printed: text, github (GitHub Actions annotations) or json (one object per line).", valueName: "text|github|json"))
    var format: DiagnosticFormat = .text

    @OptionGroup var book: BookOptions
    @OptionGroup var site: SiteFolder

    func validate() throws {
        if let file, !file.hasSuffix(".md") { throw ValidationError("render check takes a Markdown file ending in .md, got '\(file)'") }
    }

    func run() async throws {
        var reporter = book.reporter
        reporter.format = format
        var options: BuildOptions
        if let file {
            options = try book.resolvedOptions(writeSite: site.output != nil, output: site.output, loadConfig: book.book != nil)
            options.chaptersDirectory = (file as NSString).deletingLastPathComponent.isEmpty ? "." : (file as NSString).deletingLastPathComponent
            options.chapterFiles = [file]
        } else {
            options = try book.resolvedOptions(writeSite: false, output: site.output)
        }
        options.listUnchecked = unchecked
        let status = await BuildRun.perform(options, session: book.session(), reporter: reporter)
        if status != 0 { throw ExitCode(status) }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
