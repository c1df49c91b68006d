import ArgumentParser
import Foundation
import Tutorial

/// `render`: builds the book (the default), checks it, watches it, serves a live preview, or prints it to PDF.
///
/// Exit status: 0 all passed; 1 a check, snippet or formula failed; 2 a usage
/// or set-up problem (a bad option, a missing folder, swiftc, node or
/// libjs-katex missing).
@main
struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Build a literate, self-checking tutorial: run the Swift in Markdown chapters, check every claim and derivation, and write a static HTML book.",
        discussion: """
            Chapters are the *.md files of the chapters folder, in file-name order. \
            Every failure is printed as FILE:LINE:COL: error: MESSAGE.

            Options of build, check, watch, serve and pdf (pdf: --site for the folder, --output for the PDF):
              --book <dir>           the book's folder, with its book.toml (default: the current folder)
              --chapters <dir>       the folder of Markdown chapters (default: chapters)
              --output <dir>         where the site goes; render writes only there (default: output)
              --jobs <n>             chapter programs compiled and run at once (default: cores; runs twice that)
              --timeout <seconds>    time limit per chapter program (default: 30)
              --no-cache             recompile, rerun and retypeset everything
              --cache <dir>          where the cache goes (default: .render-cache beside the chapters)
              --no-sandbox           run chapter programs unconfined (default: in bubblewrap)
              --memory <size>        memory limit per chapter program (default: 4G)
              --compile-timeout <s>  time limit per compile (default: 120)
              --no-wait              fail instead of waiting for another render of the same output
              --unsafe               keep raw HTML written in chapters
              --allow-outside        let book.toml's paths and a linked chapters folder lead outside the book
              --quiet / --verbose    less / more progress output

            Examples:
              render                                   build chapters/ into output/
              render check --chapters notes            check notes/, write nothing
              render watch                             rebuild on every save
              render serve --open                      preview on http://127.0.0.1:3000/, reloading on every save
              render pdf                               print the whole book to output/book.pdf (needs chromium)
              render init notes                        make a new book in notes/ that renders as it is
              render doctor                            list the tools a build needs, and how to install what is missing
              render --version                         print render's version

            Exit status: 0 when everything passed; 1 when a check, snippet or formula failed; \
            2 for a usage or set-up problem (bad option, missing folder, swiftc, node or libjs-katex missing).
            """,
        version: RenderVersion.current,
        subcommands: [Build.self, Check.self, Watch.self, Serve.self, Pdf.self, Init.self, DoctorCommand.self],
        defaultSubcommand: Build.self)

    /// Runs the command with render's exit statuses: argument-parser's own
    /// usage errors become status 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if let exitCode = error as? ExitCode {
                Foundation.exit(exitCode.rawValue)
            }
            FileHandle.standardError.write(Data((TerminalText.escaped(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
