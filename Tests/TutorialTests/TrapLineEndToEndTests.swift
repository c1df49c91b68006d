import Foundation
import Testing

/// A trap is reported at the statement that trapped, which the backtrace of
/// the crashed thread names, not at the block's first line.
@Suite(.serialized, .timeLimit(.minutes(5))) struct TrapLineEndToEndTests {
    static func check(_ chapter: String) async throws -> RenderProcess.Result {
        let directory = try RenderProcess.book(chapter: "01-trap.md", chapter)
        return try await RenderProcess.run(["check", "--quiet"], in: directory)
    }

    @Test func anIndexOutOfRangeIsReportedAtItsStatement() async throws {
        let result = try await Self.check("""
            # Out of range

            Some prose.

            ```swift
            let xs = [1, 2, 3]
            let k = xs.count
            print(xs[k + 1])
            print("not reached")
            ```

            """)
        #expect(result.status == 1)
        #expect(result.standardError == "chapters/01-trap.md:8:1: error: this statement of the swift block at line 5 trapped: Fatal error: Index out of range\n",
                "\(result.standardError)")
    }

    /// swiftc gives an overflow's trap instruction no line (the backtrace says
    /// `<compiler-generated>`), so the innermost statement that has one is the call.
    @Test func anOverflowInAFunctionIsReportedAtTheCallingStatement() async throws {
        let result = try await Self.check("""
            # Overflow

            ```swift
            func double(_ x: Int) -> Int {
                x * 2
            }
            ```

            ```swift
            let big = Int.max / 2 + 1
            let twice = double(big)
            ```

            """)
        #expect(result.status == 1)
        #expect(result.standardError == "chapters/01-trap.md:11:1: error: this statement of the swift block at line 9 crashed: Illegal instruction\n",
                "\(result.standardError)")
    }
}
