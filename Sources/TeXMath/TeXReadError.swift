/// Why the reader could not read a step: the column of the token it stopped
/// at and one sentence naming the token and what to write instead.
public struct TeXReadError: Error, Sendable, Hashable {
    /// The column of the token the reader stopped at.
    package var column: Int
    /// What is wrong, and what to write instead.
    public var message: String

    /// Creates an error.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }
}

/// Everything the reader could not read in one step, in column order: the
/// reader goes on past an unknown command, an undeclared name or a prime, so
/// that an author sees every problem of a step in one render.
public struct TeXReadFailure: Error, Sendable, Hashable {
    /// The problems, each at its own column.
    public var problems: [TeXReadError]

    /// Creates a failure from its problems (sorted by column, duplicates removed).
    public init(_ problems: [TeXReadError]) {
        var seen = Set<TeXReadError>()
        self.problems = problems.sorted { $0.column < $1.column }.filter { seen.insert($0).inserted }
    }

    /// The first problem.
    public var first: TeXReadError { problems.first ?? TeXReadError(column: 1, message: "the step could not be read") }
}
