import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The search box's own query code (`assets/search.js`), run under node
/// against an index built as a render builds it: a word, a prefix of one or
/// an inflection finds the section holding it.
@Suite(.timeLimit(.minutes(2))) struct SearchQueryTests {
    static let sections = [
        SearchDocument(url: "03-loss.html#label-smoothing", title: "Label smoothing", chapter: "Loss",
                       text: "Smoothing the labels mixes a little of the uniform distribution into every target."),
        SearchDocument(url: "04-kl.html", title: "KL divergence", chapter: "KL divergence",
                       text: "The divergence of two probability distributions is never negative; softplus(x) = log(1 + e^x) keeps it stable."),
        SearchDocument(url: "04-kl.html#entropy", title: "Entropy", chapter: "KL divergence",
                       text: "Cross-entropy is entropy plus the divergence, 0.4644 nats here."),
        SearchDocument(url: "05-notation.html", title: "Notation", chapter: "Notation",
                       text: "The indicator prints as 𝟙, and 𝑥𝑦 is a product."),
    ]

    /// Builds the index with render's node batch, writes the site's two search files and runs `queries`.
    func run(_ queries: [(query: String, url: String)]) async throws -> ChildProcess.Outcome {
        let request = SearchRequest(documents: Self.sections, lunrModule: InstalledTools().lunrModuleDirectory)
        let index = try await MathTypesetter(cacheDirectory: nil).searchIndex(request)
        let site = try RenderProcess.temporaryDirectory("search")
        try FileManager.default.createDirectory(atPath: site + "/assets", withIntermediateDirectories: true)
        try SearchAssets.script.write(toFile: site + "/assets/search.js", atomically: true, encoding: .utf8)
        try SearchAssets.indexScript(index: index, documents: Self.sections)
            .write(toFile: site + "/assets/search-index.js", atomically: true, encoding: .utf8)
        let cases = queries.map { ["query": $0.query, "url": $0.url] }
        try JSONSerialization.data(withJSONObject: cases).write(to: URL(fileURLWithPath: site + "/cases.json"))
        let node = try #require(ChildProcess.find(["node", "nodejs"], environment: ProcessInfo.processInfo.environment))
        return try await ChildProcess.run(
            node, arguments: [RenderProcess.repositoryRoot + "/scripts/search-query-check.js", site, site + "/cases.json"],
            workingDirectory: site)
    }

    @Test func aWordItsPrefixAndItsInflectionsFindTheSection() async throws {
        let outcome = try await run([
            ("smoothing", "03-loss.html#label-smoothing"),
            ("Label smoothing", "03-loss.html#label-smoothing"),
            ("smoothi", "03-loss.html#label-smoothing"),
            ("smoothed", "03-loss.html#label-smoothing"),
            ("divergence", "04-kl.html"),
            ("diverg", "04-kl.html#entropy"),
            ("probabilities", "04-kl.html"),
            ("softplus", "04-kl.html"),
            ("entropy", "04-kl.html#entropy"),
            ("cross", "04-kl.html#entropy"),
            ("4644", "04-kl.html#entropy"),
            ("the divergence", "04-kl.html"),
            // Letters and digits outside the BMP, two UTF-16 units each.
            ("𝟙", "05-notation.html"),
            ("𝑥𝑦", "05-notation.html"),
        ])
        #expect(outcome.standardOutput.hasSuffix("14 queries, 0 missed\n"), "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.status == .exited(0))
    }

    @Test func everyWordOfAQueryMustBeInTheSection() async throws {
        let outcome = try await run([("smoothing divergence", "03-loss.html#label-smoothing")])
        #expect(outcome.standardOutput.contains(#"missed: "smoothing divergence" does not list 03-loss.html#label-smoothing (0 found"#),
                "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.status == .exited(1))
    }
}
