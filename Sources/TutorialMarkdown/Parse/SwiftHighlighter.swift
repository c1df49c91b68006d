import SwiftIDEUtils
import SwiftParser
import SwiftSyntax
import TutorialBase

/// Turns Swift source into HTML with `<span class="hl-…">` around keywords,
/// types, literals, comments, attributes and operators.
///
/// The classification comes from SwiftIDEUtils (the same classifier that
/// SourceKit-LSP uses), so the colours follow Swift's grammar rather than a
/// regular expression. The output is byte-exact: dropping the tags and
/// unescaping the text gives back `code` unchanged.
public enum SwiftHighlighter {
    /// A stretch of the code, by UTF-8 offsets, and its CSS class (nil: plain text).
    public struct Run: Sendable, Hashable {
        /// The UTF-8 offset where the stretch starts.
        public var start: Int
        /// The UTF-8 offset just past its end.
        package var end: Int
        /// Its CSS class, or nil for plain text.
        var cssClass: String?
    }

    /// Highlights a Swift snippet.
    ///
    /// - Parameter code: Swift source; it need not be a complete or valid program.
    /// - Returns: The inner HTML of a code block: escaped text and `hl-*` spans,
    ///   without the surrounding `<pre><code>`.
    public static func html(_ code: String) -> String {
        html(code, runs: runs(Parser.parse(source: code), byteCount: code.utf8.count))
    }

    /// The runs of a parsed snippet of `byteCount` UTF-8 bytes: they cover
    /// it from start to end, and neighbours differ in class.
    package static func runs(_ tree: SourceFileSyntax, byteCount: Int) -> [Run] {
        var runs: [Run] = []
        var position = 0
        func emit(_ cssClass: String?, _ start: Int, _ end: Int) {
            guard start < end else { return }
            if let last = runs.last, last.cssClass == cssClass, last.end == start {
                runs[runs.count - 1].end = end
            } else {
                runs.append(Run(start: start, end: end, cssClass: cssClass))
            }
        }
        for range in tree.classifications {
            let start = max(range.range.lowerBound.utf8Offset, position)
            let end = min(range.range.upperBound.utf8Offset, byteCount)
            guard start < end else { continue }
            emit(nil, position, start)
            emit(cssClass(for: range.kind), start, end)
            position = end
        }
        emit(nil, position, byteCount)
        return runs
    }

    /// The HTML of `code` highlighted by `runs` (from ``runs(_:byteCount:)``;
    /// none: the code as escaped plain text).
    package static func html(_ code: String, runs: [Run]) -> String {
        let bytes = Array(code.utf8)
        guard !runs.isEmpty else { return HTML.escape(code) }
        var output = ""
        output.reserveCapacity(bytes.count * 2)
        for run in runs where run.start < run.end && run.end <= bytes.count {
            let text = HTML.escape(String(decoding: bytes[run.start..<run.end], as: UTF8.self))
            if let cssClass = run.cssClass {
                output += "<span class=\"\(cssClass)\">\(text)</span>"
            } else {
                output += text
            }
        }
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
