import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The derivation readers see is the one that is checked: edits to the TeX
/// of the book's own gradient derivation fail `render check` at the edited
/// line, and say how the step was read.
@Suite(.timeLimit(.minutes(5))) struct TeXCheckEndToEndTests {
    static let chapter = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("chapters/06-derivative.md").path

    /// Copies the derivative chapter with `old` replaced by `new`, runs
    /// `render check`, and returns the edited line's number and stderr.
    func check(replacing old: String, with new: String, _ name: String) async throws -> (line: Int, status: Int32, errors: String) {
        let text = try String(contentsOfFile: Self.chapter, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains(old) }) + 1
        let directory = try RenderProcess.temporaryDirectory(name)
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try text.replacingOccurrences(of: old, with: new)
            .write(toFile: directory + "/chapters/06-derivative.md", atomically: true, encoding: .utf8)
        try RenderProcess.nameCECore(in: directory)
        let result = try await RenderProcess.run(["check", "--quiet", "--allow-outside"], in: directory)
        return (line, result.status, result.standardError)
    }

    @Test func aFlippedSignInTheGradientFailsAtItsLineWithTheReading() async throws {
        let (line, status, errors) = try await check(
            replacing: #"&= q_i - \mathbb{1}(y = i)"#, with: #"&= q_i + \mathbb{1}(y = i)"#, "sign")
        #expect(status == 1)
        #expect(errors.contains("chapters/06-derivative.md:\(line):4: error: derivation step disagrees"), "\(errors)")
        #expect(errors.contains("read as: q[i] + indicator(y == i)"), "\(errors)")
        // The chapter alone cannot resolve references to other chapters' equations;
        // of the checks, only the edited step fails.
        #expect(errors.components(separatedBy: "derivation step disagrees").count == 2, "\(errors)")
    }

    @Test func swappedIndicesInTheSoftmaxFailAtTheirLine() async throws {
        let (line, status, errors) = try await check(
            replacing: #"&= \frac{e^{z_i}}{\sum_j e^{z_j}} - \nabla_{z_i} z_y"#,
            with: #"&= \frac{e^{z_j}}{\sum_i e^{z_i}} - \nabla_{z_i} z_y"#, "indices")
        #expect(status == 1)
        #expect(errors.contains("chapters/06-derivative.md:\(line):15: error: `j` is not declared"), "\(errors)")
    }

    @Test func aWorkedExampleWithTheArticlesRoundedLossFails() async throws {
        let chapter = """
            # Worked

            ```swift
            let z: [Double] = [1, 2, 0.5]
            let q = softmax(z)
            let p: [Double] = oneHot(1, count: 3)
            ```

            ```derivation
            % let H(p: [Double], q: [Double]) = crossEntropy(p, q)
            H(p, q) &= -\\log q_1 \\approx -\\log 0.6285 \\approx 0.4644 \\approx 0.462
            ```

            """
        let directory = try RenderProcess.book(chapter: "01-worked.md", chapter)
        try RenderProcess.nameCECore(in: directory)
        let result = try await RenderProcess.run(["check", "--quiet", "--allow-outside"], in: directory)
        #expect(result.status == 1)
        let errors = result.standardError.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "only the last step fails: \(result.standardError)")
        #expect(errors.first?.hasPrefix("chapters/01-worked.md:11:66: error: derivation step disagrees") == true, "\(result.standardError)")
        #expect(errors.first?.contains("ranges over [0.4615, 0.4625]") == true)
    }

    @Test func strictFailsOnAStepOnlyATwinChecks() async throws {
        let chapter = """
            # Twins

            ```derivation
            % for z in logits(count: 2...4)
            \\sum_j e^{z_j} &= \\text{the sum of the exponentials} % z.map { Double.exp($0) }.reduce(0, +)
            ```

            """
        let directory = try RenderProcess.book(chapter: "01-twins.md", chapter)
        let plain = try await RenderProcess.run(["check", "--quiet", "--allow-outside"], in: directory)
        #expect(plain.status == 0, "\(plain.standardError)")
        let strict = try await RenderProcess.run(["check", "--quiet", "--strict", "--allow-outside"], in: directory)
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("chapters/01-twins.md:5:56: error: this step is checked only by its Swift twin"), "\(strict.standardError)")
    }
}
