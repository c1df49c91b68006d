import Foundation
import Testing

/// A problem with a `figure(...)` or `table(...)` call is reported at the
/// call's own line, not at the block's fence, before and after the prose
/// above it moves (the program is then not recompiled).
@Suite(.serialized, .timeLimit(.minutes(5))) struct CallLineEndToEndTests {
    static let chapter = """
        # Figures

        ```swift
        let drawing = Drawing(width: 10, height: 10)
        let rows = [["1", "2"]]
        figure("fig:bad label", caption: "A figure", alt: "nothing", drawing)
        table("tbl:twice", caption: "One", header: ["a", "b"], rows: rows)
        table("tbl:twice", caption: "Two", header: ["a", "b"], rows: rows)
        ```

        """

    @Test func aBadOrDuplicateLabelIsReportedAtItsCall() async throws {
        let directory = try RenderProcess.book(chapter: "01-figures.md", Self.chapter)
        // A build, not a check: a check keeps nothing in the cache.
        let first = try await RenderProcess.run(["--verbose"], in: directory)
        #expect(first.status == 1)
        #expect(first.standardError.contains("chapters/01-figures.md:6:1: error: figure: the label 'fig:bad label'"), "\(first.standardError)")
        #expect(first.standardError.contains("chapters/01-figures.md:8:1: error: table: the label 'tbl:twice' is already used"), "\(first.standardError)")

        // Three lines of prose above the block: the cached program runs again, and the lines move with the code.
        let moved = Self.chapter.replacingOccurrences(of: "# Figures\n", with: "# Figures\n\nOne.\nTwo.\nThree.\n")
        try moved.write(toFile: directory + "/chapters/01-figures.md", atomically: true, encoding: .utf8)
        let second = try await RenderProcess.run(["--verbose"], in: directory)
        #expect(second.standardOutput.contains("(cached)"), "the program compiled before the edit ran: \(second.standardOutput)")
        #expect(second.standardError.contains("chapters/01-figures.md:10:1: error: figure: the label 'fig:bad label'"), "\(second.standardError)")
        #expect(second.standardError.contains("chapters/01-figures.md:12:1: error: table: the label 'tbl:twice' is already used"), "\(second.standardError)")
    }
}
