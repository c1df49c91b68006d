import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// What a link or image destination points at, as far as the text tells.
enum LinkDestination: Equatable {
    /// A URL with a scheme (`https:`, `mailto:`), protocol-relative (`//host`)
    /// or site-absolute (`/x`): left as written.
    case external
    /// `#name`: an anchor on the same page.
    case fragment(String)
    /// A file relative to the chapter (percent-decoded), and an optional anchor.
    case local(path: String, fragment: String?)

    /// Classifies a destination as cmark read it.
    package init(_ destination: String) {
        if destination.isEmpty || destination.hasPrefix("/") || Self.hasScheme(destination) {
            self = .external
            return
        }
        var rest = Substring(destination)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        if rest.isEmpty {
            self = fragment.map { .fragment($0.removingPercentEncoding ?? $0) } ?? .external
            return
        }
        self = .local(path: rest.removingPercentEncoding ?? String(rest), fragment: fragment.map { $0.removingPercentEncoding ?? $0 })
    }

    /// RFC 3986: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon].unicodeScalars
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        guard let first = scheme.first, isLetter(first) else { return false }
        return scheme.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
    }
}
