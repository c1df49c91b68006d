import Foundation
import Testing

/// `\|v\|` is the Euclidean norm, with `_1`, `_\infty` and `_F` for the
/// others, as ML articles write regularisers and losses; an unknown one, and
/// a wrong expansion, fail at their place.
@Suite struct NormEndToEndTests {
    @Test func normsCheckAndAWrongExpansionFails() async throws {
        let directory = try RenderProcess.book(chapter: "01-norm.md", #"""
            ```derivation
            % for x in logits(count: 3), y in logits(count: x.count)
            \|x - y\|^2 &= \|x\|^2 - 2 x^\top y + \|y\|^2
            ```

            ```derivation
            % for x in logits(count: 3)
            \|x\|_1 &= \sum_i |x_i| \ge \|x\|_2 \ge \|x\|_\infty = \max_i |x_i|
            ```

            ```derivation
            % for x in logits(count: 3), y in logits(count: x.count)
            \|x + y\|^2 &= \|x\|^2 + \|y\|^2
            ```

            ```derivation
            % for x in logits(count: 3)
            \|x\|_3 &= 0
            ```
            """#)
        let result = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(result.status == 1)
        // Pythagoras needs x ⊥ y: the step fails; a 3-norm is not read.
        #expect(result.standardError.contains("chapters/01-norm.md:13:16: error: derivation step disagrees"), "\(result.standardError)")
        #expect(result.standardError.contains("chapters/01-norm.md:18:7: error: `\\|…\\|_3` is not a norm the reader knows"), "\(result.standardError)")
        #expect(!result.standardError.contains("01-norm.md:3:") && !result.standardError.contains("01-norm.md:8:"), "\(result.standardError)")
    }
}
