import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Derivations written in the styles public articles, course notes and
/// answers use (`Fixtures/published-math`): every right one is read and
/// passes with only `%` lines added; every wrong one
/// (`Fixtures/published-math-wrong`, one per chapter, its first line
/// `<!-- expect: LINE:COL -->`) fails at that line and column.
@Suite(.timeLimit(.minutes(10))) struct PublishedMathFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test func everyRightDerivationPassesAsWritten() async throws {
        let result = try await RenderProcess.run(["check", "--quiet"], in: Self.fixtures + "/published-math")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardError.contains("error:"), "\(result.standardError)")
        let chapters = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures + "/published-math/chapters")
        let blocks = try chapters.map { try String(contentsOfFile: Self.fixtures + "/published-math/chapters/" + $0, encoding: .utf8) }
            .map { $0.components(separatedBy: "```derivation").count - 1 }.reduce(0, +)
        #expect(blocks >= 30, "only \(blocks) derivations")
    }

    @Test func everyWrongDerivationFailsAtItsLineAndColumn() async throws {
        let folder = Self.fixtures + "/published-math-wrong"
        let result = try await RenderProcess.run(["check", "--quiet"], in: folder)
        #expect(result.status == 1)
        let chapters = try FileManager.default.contentsOfDirectory(atPath: folder + "/chapters").filter { $0.hasSuffix(".md") }.sorted()
        #expect(chapters.count >= 12)
        for chapter in chapters {
            let text = try String(contentsOfFile: folder + "/chapters/" + chapter, encoding: .utf8)
            let first = try #require(text.split(separator: "\n").first)
            let expected = try #require(first.split(separator: " ").dropFirst(2).first, "\(chapter) has no `<!-- expect: LINE:COL -->`")
            #expect(result.standardError.contains("chapters/\(chapter):\(expected): error:"), "\(chapter): expected an error at \(expected) in \(result.standardError)")
        }
    }
}
