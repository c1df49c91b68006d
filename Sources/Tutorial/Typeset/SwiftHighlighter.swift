import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Turns Swift source into HTML with `<span class="hl-…">` around keywords,
/// types, literals, comments, attributes and operators.
///
/// The classification comes from SwiftIDEUtils (the same classifier that
/// SourceKit-LSP uses), so the colours follow Swift's grammar rather than a
/// regular expression. The output is byte-exact: dropping the tags and
/// unescaping the text gives back `code` unchanged.
public enum SwiftHighlighter {
    /// Highlights a Swift snippet.
    ///
    /// - Parameter code: Swift source; it need not be a complete or valid program.
    /// - Returns: The inner HTML of a code block: escaped text and `hl-*` spans,
    ///   without the surrounding `<pre><code>`.
    public static func html(_ code: String) -> String {
        let bytes = Array(code.utf8)
        let tree = Parser.parse(source: code)
        var output = ""
        output.reserveCapacity(bytes.count * 2)
        var position = 0
        var pending: (cssClass: String?, start: Int, end: Int)? = nil

        func flush() {
            guard let run = pending else { return }
            let text = HTML.escape(String(decoding: bytes[run.start..<run.end], as: UTF8.self))
            if let cssClass = run.cssClass {
                output += "<span class=\"\(cssClass)\">\(text)</span>"
            } else {
                output += text
            }
            pending = nil
        }
        func emit(_ cssClass: String?, _ start: Int, _ end: Int) {
            guard start < end else { return }
            if let run = pending, run.cssClass == cssClass, run.end == start {
                pending = (cssClass, run.start, end)
            } else {
                flush()
                pending = (cssClass, start, end)
            }
        }

        for range in tree.classifications {
            let start = max(range.range.lowerBound.utf8Offset, position)
            let end = min(range.range.upperBound.utf8Offset, bytes.count)
            guard start < end else { continue }
            emit(nil, position, start)
            emit(cssClass(for: range.kind), start, end)
            position = end
        }
        emit(nil, position, bytes.count)
        flush()
        return output
    }

    /// The CSS class for one kind of token, or `nil` for plain text.
    static func cssClass(for kind: SyntaxClassification) -> String? {
        switch kind {
        case .keyword: "hl-keyword"
        case .type: "hl-type"
        case .stringLiteral: "hl-string"
        case .regexLiteral: "hl-string"
        case .integerLiteral, .floatLiteral: "hl-number"
        case .lineComment, .blockComment: "hl-comment"
        case .docLineComment, .docBlockComment: "hl-doc-comment"
        case .attribute: "hl-attribute"
        case .operator: "hl-operator"
        case .ifConfigDirective: "hl-directive"
        case .none, .identifier, .dollarIdentifier, .editorPlaceholder, .argumentLabel: nil
        }
    }
}
