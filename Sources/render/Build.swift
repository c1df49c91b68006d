import ArgumentParser
import Tutorial

/// `render build` (the default): check everything and write the site.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every chapter and write the HTML book (the default command).")

    @OptionGroup var book: BookOptions
    @OptionGroup var site: SiteFolder

    func run() async throws {
        let status = await BuildRun.perform(try book.resolvedOptions(writeSite: true, output: site.output), reporter: book.reporter)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `render check`: everything `build` does except writing.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every snippet and check every claim, derivation and formula; write nothing. Exit 0 only if all pass.")

    @OptionGroup var book: BookOptions
    @OptionGroup var site: SiteFolder

    func run() async throws {
        let status = await BuildRun.perform(try book.resolvedOptions(writeSite: false, output: site.output), reporter: book.reporter)
        if status != 0 { throw ExitCode(status) }
    }
}
