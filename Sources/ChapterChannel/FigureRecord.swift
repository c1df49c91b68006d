/// A figure a block drew with `figure(...)`, as the channel carries it.
public struct FigureRecord: Codable, Sendable, Hashable {
    /// The block that started last, or nil when none had started.
    public var block: Int?
    /// Where `figure(...)` was called.
    public var call: CallSite?
    /// The reference label, `fig:…`.
    public var label: String
    /// The caption shown after "Figure N:".
    public var caption: String
    /// The text description for screen readers.
    public var alt: String
    /// The drawing, as SVG.
    public var svg: String

    /// Creates a figure record.
    public init(block: Int?, call: CallSite?, label: String, caption: String, alt: String, svg: String) {
        self.block = block
        self.call = call
        self.label = label
        self.caption = caption
        self.alt = alt
        self.svg = svg
    }
}
