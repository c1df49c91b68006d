import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Messages that reach the terminal carry no control characters but line
/// breaks and tabs: a trap or compiler message cannot set the window title,
/// write to the clipboard or clear the screen.
@Suite(.timeLimit(.minutes(3))) struct TerminalTextTests {
    @Test func controlCharactersAreWrittenOut() {
        #expect(TerminalText.escaped("plain ≈ 0.462\tand\nmore") == "plain ≈ 0.462\tand\nmore")
        #expect(TerminalText.escaped("\u{1B}]0;pwned\u{07}") == "\\u{1B}]0;pwned\\u{7}")
        #expect(TerminalText.escaped("\u{1B}]52;c;ZXZpbA==\u{1B}\\") == "\\u{1B}]52;c;ZXZpbA==\\u{1B}\\")
        #expect(TerminalText.escaped("over\rwrite\u{0}\u{7F}") == "over\\u{D}write\\u{0}\\u{7F}")
        #expect(TerminalText.escaped("C1 \u{9B}2J and \u{85}") == "C1 \\u{9B}2J and \\u{85}")
        #expect(TerminalText.escaped("é\u{A0}€") == "é\u{A0}€", "printable text beyond C1 is kept")
    }

    @Test func aDiagnosticIsEscapedBeforeItIsColoured() {
        let reporter = ConsoleReporter(colour: true)
        let d = Diagnostic(file: "chapters/01-a.md", line: 3, "trapped: \u{1B}[2J")
        let text = TerminalText.escaped(d.description)
            .replacingOccurrences(of: ": error: ", with: ": " + reporter.paint("error", "1;31", on: .error) + ": ")
        #expect(text == "chapters/01-a.md:3:1: \u{1B}[1;31merror\u{1B}[0m: trapped: \\u{1B}[2J")
    }

    /// A chapter program's trap message, printed by render, reaches the terminal escaped.
    @Test func aTrapMessageReachesTheTerminalEscaped() async throws {
        let directory = try RenderProcess.book(chapter: "01-escape.md", """
            # Escape

            ```swift
            let title = "\\u{1B}]0;pwned\\u{07}\\u{1B}[2J"
            fatalError(title)
            ```
            """)
        let result = try await RenderProcess.run(["check"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("\\u{1B}]0;pwned\\u{7}\\u{1B}[2J"), "\(result.standardError)")
        #expect(!result.standardError.unicodeScalars.contains { TerminalText.isControl($0) }, "\(result.standardError.debugDescription)")
        #expect(!result.standardOutput.unicodeScalars.contains { TerminalText.isControl($0) })
    }
}
