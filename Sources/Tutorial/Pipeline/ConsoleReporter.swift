import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// Prints progress and diagnostics the way a compiler does: one line per
/// chapter once all its checks are in, every diagnostic in `file:line:col: error: …`
/// form, then one summary line. Colour is decided per stream: progress on
/// standard output is coloured only if fd 1 is a terminal, diagnostics on
/// standard error only if fd 2 is; `NO_COLOR` (any value) turns it off.
///
/// Everything render says on the terminal goes through here, and every text
/// that comes from elsewhere — a chapter's name, a compiler's or a trap's
/// message, a file name — is passed through `TerminalText.escaped` before
/// it is coloured, so only render's own colour codes reach the terminal.
public struct ConsoleReporter: Sendable {
    /// How much progress to print: `quiet` only problems, `verbose` also where each run came from.
    public enum Verbosity: Sendable { case quiet, normal, verbose }

    /// How much progress to print.
    public var verbosity: Verbosity
    /// Whether what goes to standard output is coloured.
    var colour: Bool
    /// Whether what goes to standard error is coloured.
    var errorColour: Bool
    /// How diagnostics are printed (`--format`).
    public var format: DiagnosticFormat = .text

    /// Creates a reporter; colour defaults to "the stream is a terminal and `NO_COLOR` is not set".
    public init(verbosity: Verbosity = .normal, colour: Bool? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.verbosity = verbosity
        let allowed = environment["NO_COLOR"] == nil
        self.colour = colour ?? (allowed && isatty(1) == 1)
        self.errorColour = colour ?? (allowed && isatty(2) == 1)
    }

    func paint(_ text: String, _ code: String, on stream: Stream = .output) -> String {
        (stream == .output ? colour : errorColour) ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// "✓ 05-loss  12 values · 3 claims · 1 derivation  0.84 s"
    public func line(for report: ChapterReport) -> String {
        let mark = report.errors == 0 ? paint("✓", "32") : paint("✗", "31")
        var parts = [
            BuildSummary.count(report.values, "value"), BuildSummary.count(report.claims, "claim"),
            BuildSummary.count(report.derivations, "derivation"),
        ]
        if report.errors > 0 { parts.append(paint(BuildSummary.count(report.errors, "error"), "31")) }
        var text = "\(mark) \(TerminalText.escaped(report.name))  \(parts.joined(separator: " · "))  \(BuildSummary.seconds(report.seconds))"
        if verbosity == .verbose {
            if !report.hasProgram {
                text += " (no code)"
            } else if report.cached {
                text += " (cached)"
            } else if !report.compiled {
                text += " (rerun, not recompiled)"
            }
        }
        return text
    }

    /// Prints a chapter's progress line (not when quiet).
    public func chapterFinished(_ report: ChapterReport) {
        // The front page is not a chapter: it gets a line only when it has something to say.
        guard verbosity != .quiet, !report.isFrontPage || report.errors > 0 || report.values + report.claims + report.derivations > 0 else { return }
        Self.emit(line(for: report) + "\n", to: .output)
    }

    /// Prints every diagnostic to standard error, one per line.
    public func diagnostics(_ list: [Diagnostic]) {
        for d in list {
            guard format == .text else {
                // Annotations and JSON go to standard output, where CI steps and tools read them.
                Self.emit(TerminalText.escaped(format.line(d)) + "\n", to: .output)
                continue
            }
            let text = TerminalText.escaped(d.description)
                .replacingOccurrences(of: ": error: ", with: ": " + paint("error", "1;31", on: .error) + ": ")
            Self.emit(text + "\n", to: .error)
        }
    }

    /// Prints the summary line (when quiet, only if something failed).
    public func summary(_ summary: BuildSummary) {
        guard verbosity != .quiet || !summary.diagnostics.isEmpty else { return }
        Self.write(summary.line + "\n", to: .output)
    }

    /// Prints a line of information (not when quiet).
    public func note(_ text: String) {
        guard verbosity != .quiet else { return }
        Self.write(text + "\n", to: .output)
    }

    /// Prints a set-up problem and its fix to standard error.
    public func setupError(_ error: SetupError) {
        let text = TerminalText.escaped(error.message) + "\n" + (error.fix.map { "  fix: \(TerminalText.escaped($0))\n" } ?? "")
        Self.emit(paint("error", "1;31", on: .error) + ": " + text, to: .error)
    }

    /// Standard output or standard error.
    public enum Stream: Sendable { case output, error }

    /// Writes `text`, its control characters escaped, straight to the file
    /// descriptor (unbuffered, so lines from concurrent chapters never
    /// interleave mid-line).
    public static func write(_ text: String, to stream: Stream) {
        emit(TerminalText.escaped(text), to: stream)
    }

    /// Writes text whose parts from elsewhere are escaped already, and which
    /// may hold render's own colour codes.
    static func emit(_ text: String, to stream: Stream) {
        let handle = stream == .output ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }
}
