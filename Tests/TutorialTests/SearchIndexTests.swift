import Foundation
import Testing
@testable import TutorialSite

/// The search index is read from the pages as they are written: every
/// section it lists is an anchor its page has, whatever the heading holds.
@Suite(.timeLimit(.minutes(5))) struct SearchIndexTests {
    @Test func everySectionTheIndexListsIsAnAnchorOnItsPage() async throws {
        let directory = try RenderProcess.book(chapter: "01-a.md", """
            # Logits

            Some prose about $z$ here.

            ## The softmax of $z_i$

            The softmax of $z$ sums to one.

            ## Plain words

            Nothing else.

            $$
            q_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}
            $$

            """)
        let result = try await RenderProcess.run(["--quiet"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let page = try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8)
        let script = try String(contentsOfFile: directory + "/output/assets/search-index.js", encoding: .utf8)
        let docsStart = try #require(script.range(of: "\"docs\": ")).upperBound
        let json = script[docsStart...].dropLast(3)  // "};\n"
        let docs = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
        let urls = docs.map { $0[0] }
        #expect(urls.count == 3, "\(urls)")
        for url in urls where url.contains("#") {
            let id = String(url.split(separator: "#")[1])
            #expect(page.contains("id=\"\(id)\""), "the index links \(url), which the page does not have")
        }
        #expect(docs.map { $0[1] }.contains("The softmax of …"))
        #expect(docs.allSatisfy { !$0[3].contains("katex") && !$0[3].contains("frac") })
    }
}
