import MarkupText

extension Drawing {
    /// Draws a rounded rectangle with a label centred in it and, optionally, a smaller second line.
    ///
    /// - Parameters:
    ///   - x: The left edge.
    ///   - y: The top edge.
    ///   - width: The width.
    ///   - height: The height.
    ///   - label: The main text, centred.
    ///   - sublabel: A second, smaller line under the label (a value, say).
    ///   - style: Plain, accent or muted.
    /// - Returns: The box's frame, whose edge midpoints are convenient arrow ends.
    @discardableResult
    public mutating func box(
        x: Double, y: Double, width: Double, height: Double,
        label: String = "", sublabel: String? = nil, style: BoxStyle = .plain
    ) -> Frame {
        let frame = Frame(x: x, y: y, width: width, height: height)
        let f = SVGFormat.number
        append("<rect class=\"\(style.classes(base: "fig-box"))\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" rx=\"6\"/>")
        let center = frame.center
        if let sublabel {
            if !label.isEmpty { text(label, x: center.x, y: center.y - 9) }
            text(sublabel, x: center.x, y: label.isEmpty ? center.y : center.y + 10, size: 12, cssClass: "fig-text fig-sublabel")
        } else if !label.isEmpty {
            text(label, x: center.x, y: center.y)
        }
        return frame
    }

    /// Draws a straight arrow with a filled arrowhead at `to`, and an optional label beside its middle.
    ///
    /// - Parameters:
    ///   - from: Where the arrow starts.
    ///   - to: Where the tip of the arrowhead is.
    ///   - label: Text beside the arrow: above a mostly horizontal arrow, right of a mostly vertical one.
    public mutating func arrow(from: Point, to: Point, label: String? = nil) {
        let dx = to.x - from.x, dy = to.y - from.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return }
        let (ux, uy) = (dx / length, dy / length)
        let head = min(9.0, length / 2), halfWidth = head * 0.45
        let base = (x: to.x - ux * head, y: to.y - uy * head)
        let f = SVGFormat.number
        let wing1 = (x: base.x - uy * halfWidth, y: base.y + ux * halfWidth)
        let wing2 = (x: base.x + uy * halfWidth, y: base.y - ux * halfWidth)
        append("<g class=\"fig-arrow\">"
            + "<line x1=\"\(f(from.x))\" y1=\"\(f(from.y))\" x2=\"\(f(base.x + ux))\" y2=\"\(f(base.y + uy))\"/>"
            + "<path class=\"fig-arrowhead\" d=\"M\(f(to.x)) \(f(to.y))L\(f(wing1.x)) \(f(wing1.y))L\(f(wing2.x)) \(f(wing2.y))Z\"/>"
            + "</g>")
        guard let label, !label.isEmpty else { return }
        let middle = (x: (from.x + to.x) / 2, y: (from.y + to.y) / 2)
        if abs(dx) >= abs(dy) {
            text(label, x: middle.x, y: middle.y - 10, size: 12, cssClass: "fig-text fig-arrow-label")
        } else {
            text(label, x: middle.x + 8, y: middle.y, anchor: .start, size: 12, cssClass: "fig-text fig-arrow-label")
        }
    }

    /// Draws a straight line.
    /// - Parameters:
    ///   - from: One end.
    ///   - to: The other end.
    ///   - dashed: Whether the line is dashed (`fig-dashed`), for guides and thresholds.
    public mutating func line(from: Point, to: Point, dashed: Bool = false) {
        let f = SVGFormat.number
        append("<line class=\"fig-line\(dashed ? " fig-dashed" : "")\" x1=\"\(f(from.x))\" y1=\"\(f(from.y))\" x2=\"\(f(to.x))\" y2=\"\(f(to.y))\"/>")
    }

    /// Draws a circle, optionally with a label centred in it.
    /// - Parameters:
    ///   - x: The centre's x.
    ///   - y: The centre's y.
    ///   - radius: The radius.
    ///   - label: Text centred in the circle.
    ///   - style: Plain, accent or muted.
    public mutating func circle(x: Double, y: Double, radius: Double, label: String? = nil, style: BoxStyle = .plain) {
        let f = SVGFormat.number
        append("<circle class=\"\(style.classes(base: "fig-circle"))\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\"/>")
        if let label, !label.isEmpty { text(label, x: x, y: y) }
    }

    /// Writes a line of text, vertically centred on `y`.
    /// - Parameters:
    ///   - content: The text (escaped for you).
    ///   - x: The x of the anchor point.
    ///   - y: The vertical centre of the text.
    ///   - anchor: Whether `x` is the start, middle or end of the text.
    ///   - size: The font size in pixels; `nil` keeps the stylesheet's.
    ///   - weight: Regular or bold; `nil` keeps the stylesheet's.
    public mutating func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .middle, size: Double? = nil, weight: Weight? = nil
    ) {
        text(content, x: x, y: y, anchor: anchor, size: size, weight: weight, cssClass: "fig-text")
    }

    /// Writes a line of text with the given classes; the shared body of the public text calls.
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .middle, size: Double? = nil,
        weight: Weight? = nil, cssClass: String
    ) {
        let f = SVGFormat.number
        var attributes = "class=\"\(cssClass)\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor.rawValue)\" dominant-baseline=\"central\""
        if let size { attributes += " font-size=\"\(f(size))\"" }
        if let weight { attributes += " font-weight=\"\(weight == .bold ? "bold" : "normal")\"" }
        append("<text \(attributes)>\(HTML.escape(content))</text>")
    }
}
