import TutorialBase
import TutorialMarkdown

public import ChapterChannel

/// Where a chapter program's chapter code sits in the chapter now, to turn a
/// call's compiled line into its chapter line.
///
/// The compiled program is cached on its text without line information, so
/// an edit of the prose above a block reuses a program compiled when the
/// block sat elsewhere. The program sends the lines it was compiled at (one
/// per `#sourceLocation` chunk, `ChannelRecord.start`); a compiled line
/// inside chunk k moves by chunk k's shift.
package struct ChunkLines: Sendable, Hashable {
    /// The chapter file's name as `#fileID` ends: `NAME.md`.
    public var file: String
    /// The chapter line of each chunk of the current program, in program order.
    public var current: [Int]

    /// Creates the map for a program whose chunks start at `current`.
    public init(file: String, current: [Int]) {
        self.file = file
        self.current = current
    }

    /// The chapter line of `call` now, or nil when it is not in the chapter's own code.
    /// - Parameter compiled: the chunks' lines the program was compiled with.
    func chapterLine(of call: CallSite?, compiled: [Int]) -> Int? {
        guard let call, !file.isEmpty, call.file.split(separator: "/").last.map(String.init) == file else { return nil }
        guard compiled.count == current.count, !compiled.isEmpty else { return call.line }
        // The chunk the call is in: the last, in line order, that starts at or before it.
        let chunk = compiled.indices.filter { compiled[$0] <= call.line }.max { compiled[$0] < compiled[$1] }
        guard let chunk else { return call.line }
        return call.line - compiled[chunk] + current[chunk]
    }
}
