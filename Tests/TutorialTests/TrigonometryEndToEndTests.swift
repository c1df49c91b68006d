import Foundation
import Testing

/// `\sin`, `\cos`, `\tan`, their inverses and the hyperbolic functions read
/// as themselves: identities written the way articles write them check, and
/// a slip in one fails at its line.
@Suite struct TrigonometryEndToEndTests {
    @Test func identitiesCheckAndASlipFailsAtItsLine() async throws {
        let directory = try RenderProcess.book(chapter: "01-trig.md", #"""
            ```derivation
            % for x in real(in: 0.1...1.2)
            \sin^2 x + \cos^2 x &= 1
            ```

            ```derivation
            % for z in logits(count: 3), i in index(below: z.count)
            \tanh(z)_i &= \frac{e^{z_i} - e^{-z_i}}{e^{z_i} + e^{-z_i}} = \frac{\sinh z_i}{\cosh z_i}
            ```

            ```derivation
            % for x in real(in: 0.1...0.9)
            \arctan(\tan x) &= x = \arcsin(\sin x)
            ```

            ```derivation
            % for x in real(in: 0.1...1.2)
            \cos(2x) &= \cos^2 x + \sin^2 x
            ```
            """#)
        let result = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(result.status == 1)
        // cos(2x) is cos²x − sin²x: the sign slip, and nothing else.
        #expect(result.standardError.contains("chapters/01-trig.md:18:13: error: derivation step disagrees"), "\(result.standardError)")
        #expect(result.standardError.components(separatedBy: "error:").count == 2, "\(result.standardError)")
    }
}
