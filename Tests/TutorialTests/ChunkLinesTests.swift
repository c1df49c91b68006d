import ChapterChannel
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A call's compiled line becomes its chapter line, also when the program was
/// compiled before the prose above it changed.
@Suite struct ChunkLinesTests {
    @Test func aCallMovesWithItsChunk() {
        let lines = ChunkLines(file: "01-a.md", current: [5, 20, 31])
        // Compiled when the chunks sat at 3, 12 and 25: a call on line 14 is 2 lines into chunk 2.
        #expect(lines.chapterLine(of: CallSite(file: "Chapter/01-a.md", line: 14), compiled: [3, 12, 25]) == 22)
        #expect(lines.chapterLine(of: CallSite(file: "Chapter/01-a.md", line: 3), compiled: [3, 12, 25]) == 5)
        #expect(lines.chapterLine(of: CallSite(file: "Chapter/01-a.md", line: 26), compiled: [3, 12, 25]) == 32)
    }

    @Test func hoistedChunksComeFirstInProgramOrderButAreFoundByLine() {
        // A hoisted declaration at line 40 is written before the body's chunks.
        let lines = ChunkLines(file: "01-a.md", current: [42, 10, 30])
        #expect(lines.chapterLine(of: CallSite(file: "Chapter/01-a.md", line: 41), compiled: [40, 8, 28]) == 43)
        #expect(lines.chapterLine(of: CallSite(file: "Chapter/01-a.md", line: 29), compiled: [40, 8, 28]) == 31)
    }

    @Test func aCallOutsideTheChapterHasNoChapterLine() {
        let lines = ChunkLines(file: "01-a.md", current: [5])
        #expect(lines.chapterLine(of: CallSite(file: "Shared/plots.swift", line: 14), compiled: [5]) == nil)
        #expect(lines.chapterLine(of: CallSite(file: "Chapter/02-b.md", line: 14), compiled: [5]) == nil)
        #expect(lines.chapterLine(of: nil, compiled: [5]) == nil)
    }
}
