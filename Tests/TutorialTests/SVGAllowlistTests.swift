import Foundation
import Testing
@testable import Tutorial
@testable import TutorialProgram
@testable import TutorialSite

/// Figure SVG is parsed and written again through an allowlist: what
/// `Drawing` writes passes, markup a hostile program sends does not.
@Suite(.timeLimit(.minutes(5))) struct SVGAllowlistTests {
    static let hostile = """
        <svg xmlns="http://www.w3.org/2000/svg" onload="document.body.dataset.ran='onload'" width="10" style="background:url(https://x.test/t)">
        <script>document.body.dataset.ran='script'</script><title>T &amp; <b>x</b></title>
        <foreignObject><iframe src="file:///etc/passwd"></iframe></foreignObject>
        <image href="https://x.test/i.png" onerror="document.body.dataset.ran='onerror'"/>
        <a href="javascript:document.body.dataset.ran='link'"><text x="1">click</text></a>
        <rect x="1" y="2" width="3" height="4" class="fig-box" fill="url(https://x.test/#p)" ONCLICK="x()"/>
        <use href="https://x.test/s.svg#a"/><style>@import url(https://x.test/s.css)</style>
        <text x="1" y="2" transform="translate(1 2)">&lt;script&gt;not markup&lt;/script&gt;</text>
        <!-- <script>comment</script> --><![CDATA[<script>cdata</script>]]>
        </svg><script>after</script><p>after</p>
        """

    @Test func aDrawingsOwnSVGPassesUnchanged() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420 160" width="420" height="160" role="img" class="figure-svg">
            <title>Logits &lt;become&gt; probabilities</title>
            <rect class="fig-box fig-accent" x="20" y="50" width="110" height="60" rx="6"/>
            <g class="fig-arrow"><line x1="130" y1="80" x2="280" y2="80"/><path class="fig-arrowhead" d="M290 80L280 75L280 85Z"/></g>
            <text class="fig-label" x="75" y="80" text-anchor="middle" dominant-baseline="central" font-size="13" font-weight="bold">z &amp; p</text>
            </svg>
            """
        #expect(SVGAllowlist.clean(svg) == svg)
    }

    @Test func hostileMarkupIsDroppedAndTextStaysText() {
        let clean = SVGAllowlist.clean(Self.hostile, label: "a \"figure\"")
        for forbidden in ["<script", "onload", "onerror", "onclick", "foreignobject", "<iframe", "<image", "<use", "<a ", "href", "style", "url(", "javascript", "<p>", "after", "cdata", "comment", "<b>"] {
            #expect(!clean.lowercased().contains(forbidden), "\(forbidden) in \(clean)")
        }
        #expect(clean.hasPrefix("<svg aria-label=\"a &quot;figure&quot;\" xmlns=\"http://www.w3.org/2000/svg\" width=\"10\">"), "\(clean)")
        #expect(clean.contains("<title>T &amp; </title>"), "the text of a dropped element inside an allowed one is dropped with it: \(clean)")
        #expect(clean.contains("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" class=\"fig-box\"/>"), "\(clean)")
        #expect(clean.contains("&lt;script&gt;not markup&lt;/script&gt;"), "\(clean)")
        #expect(clean.hasSuffix("</svg>"))
    }

    @Test func brokenMarkupIsClosedAndDeepNestingDropped() {
        #expect(SVGAllowlist.clean("<svg><g><text x=\"1\">open") == "<svg><g><text x=\"1\">open</text></g></svg>")
        #expect(SVGAllowlist.clean("<p>no svg root</p>") == "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")
        #expect(SVGAllowlist.clean("<svg><rect x=\"1\" y=\"<script>\"/></svg>") == "<svg><rect x=\"1\" y=\"&lt;script&gt;\"/></svg>")
        let deep = "<svg>" + String(repeating: "<g>", count: 10_000) + String(repeating: "</g>", count: 10_000) + "</svg>"
        let clean = SVGAllowlist.clean(deep)
        #expect(clean.components(separatedBy: "<g>").count - 1 == SVGAllowlist.maxDepth - 1)
    }

    static let chromium = ChildProcess.find(["chromium", "chromium-browser", "google-chrome"], environment: ProcessInfo.processInfo.environment)

    /// The hostile figure as the engine writes it into a page (`figureHTML`),
    /// in a page with no Content-Security-Policy, so that only the allowlist
    /// stands between it and the browser: Chromium runs the page, and its
    /// DOM afterwards shows that no script ran and nothing forbidden is in it.
    @Test(.enabled(if: chromium != nil, "needs chromium"))
    func noScriptRunsInChromium() async throws {
        let document = ChapterParser.parse(ChapterSource(path: "p.md", name: "p", text: "# Figures\n"))
        let typesetter = ChapterTypesetter(
            document: document, run: nil, page: "p.html", formulas: ChapterFormulas(document, values: [:]),
            formulaHTML: [:], references: CrossReferences(), unsafe: true)
        let figure = ChapterRun.Figure(block: 0, line: 1, label: "fig:x", caption: "<script>document.body.dataset.ran='caption'</script>", alt: "\"><script>x</script>", svg: Self.hostile)
        let directory = try RenderProcess.temporaryDirectory("svg-allowlist")
        let file = directory + "/page.html"
        let marker = "<script>document.body.dataset.control='ran'</script>"
        try "<!DOCTYPE html><html><body>\(typesetter.figureHTML(figure))\(marker)</body></html>".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try await ChildProcess.run(Self.chromium!, arguments: [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory)/profile", "--virtual-time-budget=2000", "--dump-dom", "file://" + file,
        ], timeout: .seconds(120))
        let dom = run.standardOutput
        #expect(dom.contains("data-control=\"ran\""), "the page's own script ran, so a figure's would have: \(dom) \(run.standardError)")
        #expect(!dom.contains("data-ran"), "a script of the figure ran: \(dom)")
        let figurePart = dom.components(separatedBy: "<figure").dropFirst().first?.components(separatedBy: "</figure>").first ?? ""
        #expect(!figurePart.isEmpty, "\(dom)")
        for forbidden in ["<script", "onload", "onerror", "onclick", "foreignobject", "<iframe", "<image", "<use", "href", "style=", "url("] {
            #expect(!figurePart.lowercased().contains(forbidden), "\(forbidden) in the figure's DOM: \(figurePart)")
        }
    }
}
