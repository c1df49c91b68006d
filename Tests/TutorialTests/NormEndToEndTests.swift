import Foundation
import Testing

/// `\|v\|` is the Euclidean norm (with `_1`, `_\infty` and `_F` for the
/// others), `\langle a, b \rangle` the inner product and `a \odot b` the
/// Hadamard product, as ML articles write regularisers and losses; an unknown
/// norm, a wrong expansion and a number ⊙ a vector fail at their place.
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

    @Test func innerAndHadamardProductsCheckAndAScalarHadamardIsAnError() async throws {
        let directory = try RenderProcess.book(chapter: "01-products.md", #"""
            ```derivation
            % for x in logits(count: 3), y in logits(count: x.count)
            \langle x, x \odot y \rangle &= \sum_i x_i^2 y_i = \langle x \odot x, y \rangle
            ```

            ```derivation
            % for x in logits(count: 3)
            2 \odot x &= 2 x
            ```
            """#)
        let result = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-products.md:8:1: error: the first step could not be evaluated"), "\(result.standardError)")
        #expect(result.standardError.contains("`⊙` multiplies two vectors of one length or two matrices of one shape"), "\(result.standardError)")
        #expect(!result.standardError.contains("01-products.md:3:"), "\(result.standardError)")
    }

    @Test func aSquareMatrixToAWholePowerAndItsInverse() async throws {
        let directory = try RenderProcess.book(chapter: "01-inverse.md", #"""
            ```derivation
            % for A in matrix(rows: 2, columns: 2), B in matrix(rows: 2, columns: 2)
            (A B)^{-1} &= B^{-1} A^{-1}
            ```

            ```derivation
            % for A in matrix(rows: 3, columns: 3)
            A^{2} &= A A = (A^{-1})^{-2}
            ```

            ```derivation
            % for A in matrix(rows: 2, columns: 2), B in matrix(rows: 2, columns: 2)
            (A B)^{-1} &= A^{-1} B^{-1}
            ```

            ```derivation
            % let S = [[1.0, 2.0], [2.0, 4.0]]
            S^{-1} &= S
            ```
            """#)
        let result = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(result.status == 1)
        // The inverse of a product reverses it; a singular matrix has no inverse.
        #expect(result.standardError.contains("chapters/01-inverse.md:13:15: error: derivation step disagrees"), "\(result.standardError)")
        #expect(result.standardError.contains("chapters/01-inverse.md:18:1: error: the first step could not be evaluated on the chapter's values: a negative power of a 2×2 matrix that is singular"), "\(result.standardError)")
        #expect(!result.standardError.contains("01-inverse.md:3:") && !result.standardError.contains("01-inverse.md:8:"), "\(result.standardError)")
    }
}
