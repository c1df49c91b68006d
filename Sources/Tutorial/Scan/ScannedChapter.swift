/// What the scan stage produces: the spans it found and the chapter text with
/// each span replaced by its placeholder, ready for cmark.
public struct ScannedChapter: Sendable {
    public var spans: [Span]
    public var maskedText: String
    public var diagnostics: [Diagnostic]
}
