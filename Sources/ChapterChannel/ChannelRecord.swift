/// One record of the side channel from a chapter program to the engine: the
/// one schema both sides share.
///
/// The program writes each record as one line of JSON with a single
/// `write(2)` (`jsonLine`), so the records written before a trap survive it;
/// the engine decodes each line with `JSONDecoder` (`ChannelRecord.decoder`).
/// The wire shape is Swift's synthesized `Codable` one: `{"at":{"item":3}}`.
public enum ChannelRecord: Codable, Sendable, Hashable {
    /// The program started. `chunkLines` are the chapter lines its chapter
    /// code was compiled at (one per `#sourceLocation`, in program order),
    /// so the engine can move a call's line to where that code is now when
    /// the prose above it changed without a recompile.
    case start(chunkLines: [Int])
    /// The program reached its last item and ended normally.
    case end
    /// The program is now evaluating chapter item `item` (a block, an inline
    /// expression or a derivation, in program order), so a trap can be
    /// reported there.
    case at(item: Int)
    /// Block `index` (its order among the chapter's `swift` blocks) starts.
    /// Where its printed output starts and ends is marked in standard output
    /// itself (`OutputMarker`), which a pipe carries and which has no offset.
    case block(index: Int)
    /// Block `index` ends.
    case blockEnd(index: Int)
    /// The value of inline expression `id`.
    case value(id: Int, value: Value)
    /// The verdict of derivation `id`: how many draws ran, and for each step
    /// that disagreed with the first, its first failing draw.
    case derivation(id: Int, draws: Int, failures: [DerivationFailure])
    /// A figure a block drew with `figure(...)`.
    case figure(FigureRecord)
    /// A table a block made with `table(...)`.
    case table(TableRecord)
    /// The program used up its time limit of `milliseconds`, counted from
    /// its start, and stops itself: the backtrace it prints next names the
    /// chapter line it was at.
    case timeLimit(milliseconds: Int)
}
