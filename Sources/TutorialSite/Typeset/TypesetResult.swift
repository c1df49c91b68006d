import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// What KaTeX made of one ``Formula``: its HTML, or KaTeX's error message.
public enum TypesetResult: Hashable, Sendable {
    /// The formula's HTML (KaTeX's HTML and MathML), ready to insert as-is.
    case html(String)
    /// KaTeX rejected the TeX; `message` is KaTeX's own, for example
    /// "KaTeX parse error: Expected '}', got 'EOF' at end of input: \frac{".
    case failure(message: String)

    /// The HTML, or `nil` for a failure.
    public var html: String? {
        if case .html(let html) = self { html } else { nil }
    }

    /// KaTeX's message, or `nil` when the formula was typeset.
    var failureMessage: String? {
        if case .failure(let message) = self { message } else { nil }
    }
}
