import Foundation

/// What one run of a chapter program left behind, exactly as produced:
/// the side channel's lines, standard output and error, and how it ended.
/// This is what the cache stores; `ChapterRun` is parsed from it.
public struct RawRun: Sendable, Codable, Hashable {
    public enum Ending: Sendable, Codable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut(seconds: Double)
        case outputCapExceeded(bytes: Int)
        case channelCapExceeded(bytes: Int)
    }

    public var ending: Ending
    public var channel: String
    public var standardOutput: Data
    public var standardError: String
}
