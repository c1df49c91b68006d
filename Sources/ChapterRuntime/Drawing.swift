import MarkupText

/// An SVG figure built from computed values inside a chapter program.
///
/// A chapter draws with a few mutating calls and hands ``svg`` to the page:
///
///     var drawing = Drawing(width: 420, height: 160, title: "Logits become probabilities")
///     let logits = drawing.box(x: 20, y: 50, width: 110, height: 60, label: "z", sublabel: "(2, 1, 0.1)")
///     let probs = drawing.box(x: 290, y: 50, width: 110, height: 60, label: "p", style: .accent)
///     drawing.arrow(from: logits.right, to: probs.left, label: "softmax")
///
/// Colours are not in the SVG: every element carries a `fig-*` class that the
/// site stylesheet styles, so figures follow the reader's light or dark theme.
/// The SVG has no ids (arrowheads are drawn, not `<marker>`s), so any number
/// of figures can share a page. Coordinates are printed with at most two
/// decimals, so the same values always give the same bytes.
public struct Drawing: Sendable {
    /// A point in the drawing's coordinates: x to the right, y down.
    public typealias Point = (x: Double, y: Double)

    /// The width of the drawing, in CSS pixels at its natural size.
    public let width: Double
    /// The height of the drawing, in CSS pixels at its natural size.
    public let height: Double
    /// A short description read by screen readers (the SVG's `<title>`).
    public var title: String?
    /// The SVG elements drawn so far, in painting order.
    var elements: [String] = []

    /// Creates an empty drawing.
    /// - Parameters:
    ///   - width: The width in CSS pixels; the figure scales down on narrow screens.
    ///   - height: The height in CSS pixels.
    ///   - title: An accessible name for the figure, if the page does not give one.
    public init(width: Double, height: Double, title: String? = nil) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// The finished figure: a standalone `<svg>` element for inlining into HTML5.
    public var svg: String {
        let size = "viewBox=\"0 0 \(SVGFormat.number(width)) \(SVGFormat.number(height))\" width=\"\(SVGFormat.number(width))\" height=\"\(SVGFormat.number(height))\""
        var lines = ["<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) role=\"img\" class=\"figure-svg\">"]
        if let title { lines.append("<title>\(HTML.escape(title))</title>") }
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// Appends one element, already serialised.
    mutating func append(_ element: String) { elements.append(element) }
}
