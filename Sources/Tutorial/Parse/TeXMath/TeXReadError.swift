/// Why the reader could not read a step: the column of the token it stopped
/// at and one sentence naming the token and what to write instead.
struct TeXReadError: Error, Sendable, Hashable {
    var column: Int
    var message: String
}
