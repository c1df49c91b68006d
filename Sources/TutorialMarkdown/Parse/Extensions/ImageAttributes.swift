import TutorialBase

/// Pandoc's attributes after an image alone in its paragraph:
/// `![Caption](plot.png){#fig:loss width=60%}`.
///
/// `#fig:name` makes the image a numbered figure with its description as
/// the caption, which `@fig:name` links to; `width=` sets its width, as a
/// percentage of the text's width in steps of 5 (`60%`) or in pixels
/// (`480px`). Pages carry no inline styles, so a percentage becomes a class.
/// Anything else in the braces is reported, and never shown as text.
package struct ImageAttributes: Sendable, Hashable {
    /// The figure's label, `fig:name`, if it is a figure.
    package var label: String?
    /// The width: a percentage (`60`) …
    package var percent: Int?
    /// … or pixels.
    package var pixels: Int?

    /// Reads the braces' inside (`#fig:a width=60%`); the problem, if any, is the second value.
    package static func read(_ inside: Substring) -> (ImageAttributes, String?) {
        var attributes = ImageAttributes()
        var problems: [String] = []
        for word in inside.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if word.hasPrefix("#fig:"), attributes.label == nil, word.count > 5, HeadingAttributes.isID(word.dropFirst()) {
                attributes.label = String(word.dropFirst())
            } else if word.hasPrefix("width="), let width = Self.width(word.dropFirst(6)) {
                (attributes.percent, attributes.pixels) = width
            } else {
                problems.append("'\(word)'")
            }
        }
        let problem = problems.isEmpty ? nil
            : "the image attribute \(problems.joined(separator: ", ")) is not understood: an image takes {#fig:NAME} to be a numbered figure and width=60% (a multiple of 5) or width=480px"
        return (attributes, problem)
    }

    private static func width(_ text: Substring) -> (Int?, Int?)? {
        if text.hasSuffix("%"), let n = Int(text.dropLast()), n >= 5, n <= 100, n % 5 == 0 { return (n, nil) }
        if text.hasSuffix("px"), let n = Int(text.dropLast(2)), n > 0 { return (nil, n) }
        return nil
    }
}
