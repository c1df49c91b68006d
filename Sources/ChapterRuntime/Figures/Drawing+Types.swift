extension Drawing {
    /// Where a text's x coordinate is: at its start, middle or end (SVG's `text-anchor`).
    public enum Anchor: String, Sendable {
        /// The text starts at x.
        case start
        /// The text is centred on x.
        case middle
        /// The text ends at x.
        case end
    }

    /// The look of a box or circle; the site stylesheet gives each its colours.
    public enum BoxStyle: String, Sendable {
        /// Neutral outline (`fig-box`).
        case plain
        /// Highlighted: the thing the figure is about (`fig-box-accent`).
        case accent
        /// Faded: context, or a step not taken (`fig-box-muted`).
        case muted

        /// The classes for a shape of the given base class, e.g. `fig-box fig-box-accent`.
        func classes(base: String) -> String {
            self == .plain ? base : "\(base) \(base)-\(rawValue)"
        }
    }

    /// The weight of a text.
    public enum Weight: String, Sendable {
        /// Regular text.
        case regular
        /// Bold text.
        case bold
    }

    /// A rectangle in the drawing, as returned by ``Drawing/box(x:y:width:height:label:sublabel:style:)``
    /// and passed to the charts; its edge midpoints are handy ends for arrows.
    public struct Frame: Sendable, Equatable {
        /// The left edge.
        public var x: Double
        /// The top edge.
        public var y: Double
        /// The width.
        public var width: Double
        /// The height.
        public var height: Double

        /// Creates a frame from its top-left corner and size.
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }

        /// The centre point.
        public var center: Point { (x + width / 2, y + height / 2) }
        /// The midpoint of the left edge.
        public var left: Point { (x, y + height / 2) }
        /// The midpoint of the right edge.
        public var right: Point { (x + width, y + height / 2) }
        /// The midpoint of the top edge.
        public var top: Point { (x + width / 2, y) }
        /// The midpoint of the bottom edge.
        public var bottom: Point { (x + width / 2, y + height) }
    }
}
