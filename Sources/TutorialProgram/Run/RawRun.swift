import Foundation
import TutorialBase
import TutorialMarkdown

/// What one run of a chapter program left behind, exactly as produced:
/// the side channel's lines, standard output and error, and how it ended.
/// This is what the cache stores; `ChapterRun` is parsed from it.
public struct RawRun: Sendable, Codable, Hashable {
    /// How the run ended.
    public enum Ending: Sendable, Codable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut(seconds: Double)
        case outputCapExceeded(bytes: Int)
        case channelCapExceeded(bytes: Int)
    }

    /// How the run ended.
    public var ending: Ending
    /// The side channel's text: one `ChannelRecord` per line.
    public var channel: String
    /// Everything the program printed, whose byte offsets the block records name.
    public var standardOutput: Data
    /// What the program wrote to standard error (a trap's message).
    public var standardError: String
}
