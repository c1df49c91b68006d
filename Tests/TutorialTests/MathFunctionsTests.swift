import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Authors write `log(x)`: the elementary functions are in scope in every
/// chapter, for Float and Double, with or without `import Foundation`.
@Suite(.timeLimit(.minutes(5))) struct MathFunctionsTests {
    func check(_ chapter: String, _ name: String) async throws -> RenderProcess.Result {
        let directory = try RenderProcess.book(chapter: "01-\(name).md", chapter)
        return try await RenderProcess.run(["check", "--quiet"], in: directory)
    }

    @Test func elementaryFunctionsWorkForDoubleAndFloat() async throws {
        let result = try await check("""
            # Math

            ```swift
            let x = 0.5
            let f: Float = 0.5
            let d = log(exp(x)) + sqrt(4.0) + pow(2.0, 3.0) + pow(-2.0, 3) + sin(0.0) + cos(0.0) + tanh(0.0) + log1p(0.0)
            let g = Double(log(exp(f)) + sqrt(f * f) + tanh(f))
            let m = max(abs(-3), min(1, 2))
            ```

            \\(d ≈ 3.5) and \\(g ≈ 1.462117) and \\(m ≈ 3).

            """, "math")
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test func foundationsOverloadsDoNotMakeThemAmbiguous() async throws {
        let result = try await check("""
            # Math

            ```swift
            import Foundation
            let y = log(2.0) + exp(1.0) + sqrt(2.0)
            let h = log(Float(2))
            ```

            \\(y ≈ 4.82564) and \\(Double(h) ≈ 0.693147).

            """, "foundation")
        #expect(result.status == 0, "\(result.standardError)")
    }
}
