import ChapterRuntime
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Figures are standalone, well-formed SVG with escaped text, classes for
/// colours, no ids and deterministic numbers.
@Suite struct DrawingTests {
    /// Whether `xml` parses as XML.
    func isWellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    /// A figure that uses every kind of element.
    func sample() -> Drawing {
        var drawing = Drawing(width: 420, height: 300, title: "Logits <z> & \"p\"")
        let logits = drawing.box(x: 10, y: 10, width: 100, height: 50, label: "z < 0 & 'y'", sublabel: "(2, 1, 0.1)")
        let probs = drawing.box(x: 300, y: 10, width: 100, height: 50, label: "p", style: .accent)
        drawing.arrow(from: logits.right, to: probs.left, label: "softmax")
        drawing.line(from: (0, 80), to: (420, 80), dashed: true)
        drawing.circle(x: 200, y: 100, radius: 12, label: "Σ", style: .muted)
        drawing.text("−log p", x: 5, y: 100, anchor: .start, size: 12, weight: .bold)
        drawing.barChart(values: [1.5, -0.25, 0], labels: ["a", "b", "c"], frame: .init(x: 10, y: 120, width: 190, height: 170))
        drawing.linePlot(xs: [0.01, 0.5, 1], ys: [4.6, 0.69, 0], frame: .init(x: 210, y: 120, width: 200, height: 170), xLabel: "p", yLabel: "loss")
        return drawing
    }

    /// The runtime escapes figure text with the engine's own `HTML.escape`:
    /// a control character, which XML does not allow, becomes U+FFFD.
    @Test func aControlCharacterInALabelStaysWellFormed() {
        var drawing = Drawing(width: 100, height: 40, title: "bell \u{7}")
        drawing.text("a\u{1}b & c", x: 5, y: 20)
        #expect(isWellFormed(drawing.svg), "\(drawing.svg)")
        #expect(drawing.svg.contains("a\u{FFFD}b &amp; c"))
        #expect(!drawing.svg.contains("\u{1}"))
    }

    @Test func isAStandaloneWellFormedSVG() {
        let svg = sample().svg
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420 300" width="420" height="300" role="img" class="figure-svg">"#))
        #expect(svg.hasSuffix("</svg>"))
        #expect(!svg.contains("<?xml"))
        #expect(isWellFormed(svg))
    }

    @Test func escapesText() {
        let svg = sample().svg
        #expect(svg.contains("<title>Logits &lt;z&gt; &amp; &quot;p&quot;</title>"))
        #expect(svg.contains(">z &lt; 0 &amp; &#39;y&#39;</text>"))
        #expect(!svg.contains("z < 0"))
    }

    @Test func usesClassesNotColoursAndNoIDs() {
        let svg = sample().svg
        for cssClass in ["fig-box", "fig-box fig-box-accent", "fig-arrow", "fig-arrowhead", "fig-text", "fig-line fig-dashed",
                         "fig-circle fig-circle-muted", "fig-bar fig-bar-positive", "fig-bar fig-bar-negative", "fig-axis", "fig-plot-line"] {
            #expect(svg.contains("class=\"\(cssClass)\""), "missing class \(cssClass)")
        }
        #expect(!svg.contains(" id="))
        #expect(!svg.contains("fill=\"#"))
        #expect(!svg.contains("stroke=\"#"))
        #expect(!svg.contains("<style"))
    }

    @Test func barChartDrawsNegativeBarsBelowTheZeroAxis() {
        var drawing = Drawing(width: 200, height: 120)
        drawing.barChart(values: [1, -1], labels: [], frame: .init(x: 0, y: 0, width: 200, height: 120))
        // Plot area 16…104, zero in the middle at 60: the positive bar ends there, the negative one starts there.
        #expect(drawing.svg.contains(#"<rect class="fig-bar fig-bar-positive" x="20" y="16" width="60" height="44"/>"#))
        #expect(drawing.svg.contains(#"<rect class="fig-bar fig-bar-negative" x="120" y="60" width="60" height="44"/>"#))
        #expect(drawing.svg.contains(#"<line class="fig-axis" x1="0" y1="60" x2="200" y2="60"/>"#))
        #expect(drawing.svg.contains(">1.00</text>"))
        #expect(drawing.svg.contains(">−1.00</text>"), "value labels use a true minus sign")
    }

    @Test func numbersAreShortAndNeverNegativeZero() {
        var drawing = Drawing(width: 100.004, height: 50)
        drawing.line(from: (-0.001, 1.0 / 3.0), to: (12.5, -2.999))
        let svg = drawing.svg
        #expect(svg.contains(#"viewBox="0 0 100 50""#))
        #expect(svg.contains(#"x1="0" y1="0.33" x2="12.5" y2="-3""#))
        #expect(!svg.contains("-0\""))
    }

    @Test func linePlotTicksAreRoundNumbers() {
        var drawing = Drawing(width: 300, height: 200)
        drawing.linePlot(xs: [0, 0.25, 0.5, 0.75, 1], ys: [0, 0.06, 0.25, 0.56, 1], frame: .init(x: 0, y: 0, width: 300, height: 200))
        let labels = drawing.svg.matches(of: /fig-tick-label"[^>]*>([^<]*)</).map { String($0.output.1) }
        #expect(labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func sameCallsGiveTheSameBytes() {
        #expect(sample().svg == sample().svg)
    }
}
