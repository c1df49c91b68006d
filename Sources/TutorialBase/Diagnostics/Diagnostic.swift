/// One problem found in a chapter, with the place it points at.
///
/// `description` is the compiler-style line editors and CI logs understand:
/// `chapters/05-loss.md:42:7: error: claim 0.462 disagrees with …`.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a problem is; only errors fail the build.
    public enum Severity: String, Sendable, Codable { case error, warning, note }

    /// The chapter's path as shown to the user, e.g. `chapters/05-loss.md`.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    package var column: Int
    /// How serious the problem is.
    public var severity: Severity
    /// One sentence saying what is wrong.
    public var message: String
    /// For a derivation step, how the reader understood it
    /// (`q[i] - indicator(y == i)`); nil otherwise.
    package var reading: String? = nil

    /// A diagnostic at `file:line:column`; lines and columns below 1 become 1.
    public init(file: String, line: Int, column: Int = 1, severity: Severity = .error, _ message: String) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.severity = severity
        self.message = message
    }

    /// One line, always: line breaks in a message (KaTeX quotes TeX) become spaces.
    public var description: String {
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(file):\(line):\(column): \(severity.rawValue): \(oneLine)"
    }
}

/// A problem with the set-up rather than with a chapter: a missing tool,
/// folder or package. render exits with status 2 for these.
public struct SetupError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, in one sentence.
    public var message: String
    /// The command that fixes it, when there is one.
    package var fix: String?

    /// Creates a set-up error with an optional fix.
    public init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    /// The diagnostics, one per line.
    public var description: String {
        if let fix { return "error: \(message)\n  fix: \(fix)" }
        return "error: \(message)"
    }
}

/// The chapters have problems: every diagnostic of the build, in chapter order.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in order.
    public var diagnostics: [Diagnostic]
    /// The counts of the failed build, for the summary line.
    public var summary: BuildSummary?

    /// Creates a failure from the build's problems and its summary.
    public init(_ diagnostics: [Diagnostic], summary: BuildSummary? = nil) {
        self.diagnostics = diagnostics
        self.summary = summary
    }

    /// The diagnostics, one per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
