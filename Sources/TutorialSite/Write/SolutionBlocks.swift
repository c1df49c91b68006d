import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The solutions in a chapter's body HTML, as ``HTMLRenderer`` writes them:
/// `<details class="callout callout-solution">` … its matching `</details>`
/// (a solution may hold other `<details>`; the match counts them).
enum SolutionBlocks {
    static let opening = "<details class=\"callout callout-solution\">"

    /// How many solutions `html` holds.
    package static func count(in html: String) -> Int {
        ByteSearch.count(of: opening, in: html)
    }

    /// `html` with every solution shown open (`<details … open>`).
    static func opened(in html: String) -> String {
        ByteSearch.replacing(opening, with: "<details class=\"callout callout-solution\" open>", in: html)
    }

    /// `html` without its solutions, each removed with everything in it.
    static func removed(from html: String) -> String {
        let bytes = Array(html.utf8)
        let opening = Array(Self.opening.utf8), open = Array("<details".utf8), close = Array("</details>".utf8)
        var out: [UInt8] = []
        var rest = 0
        while let start = ByteSearch.offset(of: opening, in: bytes, from: rest) {
            out += bytes[rest..<start]
            var depth = 1
            var cursor = start + opening.count
            while depth > 0 {
                guard let end = ByteSearch.offset(of: close, in: bytes, from: cursor) else { cursor = bytes.count; break }
                if let inner = ByteSearch.offset(of: open, in: bytes, from: cursor), inner < end {
                    depth += 1
                    cursor = inner + open.count
                } else {
                    depth -= 1
                    cursor = end + close.count
                }
            }
            rest = cursor
            if rest < bytes.count, bytes[rest] == UInt8(ascii: "\n") { rest += 1 }
        }
        if rest == 0 { return html }
        out += bytes[rest...]
        return String(decoding: out, as: UTF8.self)
    }
}
