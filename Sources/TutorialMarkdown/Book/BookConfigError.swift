import TutorialBase

/// book.toml could not be read or holds a mistake: every problem, each at
/// `book.toml:LINE`. render exits with status 2 (a set-up problem).
public struct BookConfigError: Error, Sendable, CustomStringConvertible {
    /// The problems, in line order.
    public var diagnostics: [Diagnostic]

    /// An error with these problems.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// One compiler-style line per problem.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
