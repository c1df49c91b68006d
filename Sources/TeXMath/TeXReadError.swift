/// Why the reader could not read a step: the column of the token it stopped
/// at and one sentence naming the token and what to write instead.
public struct TeXReadError: Error, Sendable, Hashable {
    /// The column of the token the reader stopped at.
    public var column: Int
    /// What is wrong, and what to write instead.
    public var message: String

    /// Creates an error.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }
}
