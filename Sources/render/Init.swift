import ArgumentParser
import Foundation
import Tutorial

/// `render init DIR`: scaffold a new book that renders and checks as it is.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a new book in DIR (new or empty): book.toml, a front page, a chapter using every construct, Sources/Helpers.swift and a .gitignore.")

    @Argument(help: ArgumentHelp("The folder of the new book; it must not exist or be empty.", valueName: "dir"))
    var directory: String

    func run() throws {
        do {
            try BookScaffold.write(to: directory)
        } catch let setup as SetupError {
            ConsoleReporter(verbosity: .normal).setupError(setup)
            throw ExitCode(2)
        }
        ConsoleReporter.write("made a new book in \(directory): cd \(directory) && render\n", to: .output)
    }
}
