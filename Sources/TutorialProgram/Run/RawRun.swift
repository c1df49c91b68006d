import Foundation
import TutorialBase
import TutorialMarkdown

/// What one run of a chapter program left behind: the side channel's
/// records whose frames checked, standard output split per block, standard error, how it ended,
/// and the first channel line that did not check.
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
    /// The side channel's text: the JSON of one `ChannelRecord` per line,
    /// each of whose frames checked under the run's key, up to the first that did not.
    package var channel: String
    /// What each block printed, by block index: its part of standard output
    /// between the runtime's markers (`OutputMarker.split`), the markers dropped.
    public var printed: [Int: String]
    /// What the program wrote to standard error (a trap's message).
    public var standardError: String
    /// Why the first channel line that render's runtime did not write was
    /// refused (`ChannelFrame.Opened.problem`), or nil when every line checked.
    package var forgery: String? = nil

    /// Creates a run.
    public init(ending: Ending, channel: String, printed: [Int: String], standardError: String, forgery: String? = nil) {
        self.ending = ending
        self.channel = channel
        self.printed = printed
        self.standardError = standardError
        self.forgery = forgery
    }
}
