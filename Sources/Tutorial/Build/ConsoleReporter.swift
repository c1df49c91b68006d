import Foundation

/// Prints progress and diagnostics the way a compiler does: one line per
/// chapter once all its checks are in, every diagnostic in `file:line:col: error: …`
/// form, then one summary line. Colour only when writing to a terminal
/// (and `NO_COLOR` is not set).
public struct ConsoleReporter: Sendable {
    /// How much progress to print: `quiet` only problems, `verbose` also where each run came from.
    public enum Verbosity: Sendable { case quiet, normal, verbose }

    /// How much progress to print.
    public var verbosity: Verbosity
    /// Whether to colour marks and errors with ANSI codes.
    public var colour: Bool

    /// Creates a reporter; `colour` defaults to "standard output is a terminal and `NO_COLOR` is not set".
    public init(verbosity: Verbosity = .normal, colour: Bool? = nil) {
        self.verbosity = verbosity
        self.colour = colour ?? (isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// "✓ 05-loss  12 values · 3 claims · 1 derivation  0.84 s"
    public func line(for report: ChapterReport) -> String {
        let mark = report.errors == 0 ? paint("✓", "32") : paint("✗", "31")
        var parts = [
            BuildSummary.count(report.values, "value"), BuildSummary.count(report.claims, "claim"),
            BuildSummary.count(report.derivations, "derivation"),
        ]
        if report.errors > 0 { parts.append(paint(BuildSummary.count(report.errors, "error"), "31")) }
        var text = "\(mark) \(report.name)  \(parts.joined(separator: " · "))  \(BuildSummary.seconds(report.seconds))"
        if verbosity == .verbose && report.hasProgram {
            if report.cached { text += " (cached)" } else if !report.compiled { text += " (rerun, not recompiled)" }
        }
        return text
    }

    /// Prints a chapter's progress line (not when quiet).
    public func chapterFinished(_ report: ChapterReport) {
        guard verbosity != .quiet else { return }
        Self.write(line(for: report) + "\n", to: .output)
    }

    /// Prints every diagnostic to standard error, one per line.
    public func diagnostics(_ list: [Diagnostic]) {
        for d in list {
            let text = d.description.replacingOccurrences(of: ": error: ", with: ": " + paint("error", "1;31") + ": ")
            Self.write(text + "\n", to: .error)
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
        Self.write(paint("error", "1;31") + ": " + error.message + "\n" + (error.fix.map { "  fix: \($0)\n" } ?? ""), to: .error)
    }

    /// Standard output or standard error.
    public enum Stream: Sendable { case output, error }

    /// Writes straight to the file descriptor (unbuffered, so lines from
    /// concurrent chapters never interleave mid-line).
    public static func write(_ text: String, to stream: Stream) {
        let handle = stream == .output ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }
}
