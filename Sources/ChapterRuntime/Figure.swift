/// Shows `drawing` as a numbered figure under the block that calls this.
///
/// The engine numbers figures through the whole book in reading order, so
/// prose can write `@fig:forward-pass` and read "Figure 2" with a link.
///
/// - Parameters:
///   - label: the reference label, `fig:` followed by letters, digits, `-` or `_`.
///   - caption: the caption text shown after "Figure N:".
///   - alt: a text description of the drawing for screen readers.
///   - drawing: the SVG drawing, built from computed values.
///   - file: the calling file (leave the default): a problem with the figure is reported at the call.
///   - line: the calling line (leave the default).
public func figure(_ label: String, caption: String, alt: String, _ drawing: Drawing, file: String = #fileID, line: Int = #line) {
    sendFigure(label: label, caption: caption, alt: alt, svg: drawing.svg, file: file, line: line)
}
