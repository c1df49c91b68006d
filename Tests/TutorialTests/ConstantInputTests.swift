import Foundation
import Testing

/// A derivation's page says its steps were checked on random draws of its
/// inputs; an input that every draw gave the same value makes that untrue.
@Suite struct ConstantInputTests {
    @Test func anInputDrawnFromOneValueIsAnErrorAtTheForLine() async throws {
        // x = 0 makes x y = 2 x y hold on every draw.
        let directory = try RenderProcess.book(chapter: "01-draws.md", #"""
            ```derivation
            % for x in real(in: 0...0), y in real(in: 1...2)
            x y &= 2 x y
            ```

            ```derivation
            % for z in logits(count: 3), y in label(below: 3)
            \sum_i z_i &= z_0 + z_1 + z_2
            ```
            """#)
        let result = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-draws.md:2:1: error: the input `x` took the same value, 0.00000, on all 200 draws"), "\(result.standardError)")
        #expect(!result.standardError.contains("01-draws.md:7"), "\(result.standardError)")
    }
}
