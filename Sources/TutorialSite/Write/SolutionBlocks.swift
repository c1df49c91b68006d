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
        html.components(separatedBy: opening).count - 1
    }

    /// `html` with every solution shown open (`<details … open>`).
    static func opened(in html: String) -> String {
        html.replacingOccurrences(of: opening, with: "<details class=\"callout callout-solution\" open>")
    }

    /// `html` without its solutions, each removed with everything in it.
    static func removed(from html: String) -> String {
        var out = Substring()
        var rest = Substring(html)
        while let start = rest.range(of: opening) {
            out += rest[..<start.lowerBound]
            var depth = 1
            var cursor = start.upperBound
            while depth > 0 {
                let open = rest[cursor...].range(of: "<details")
                guard let close = rest[cursor...].range(of: "</details>") else { cursor = rest.endIndex; break }
                if let open, open.lowerBound < close.lowerBound {
                    depth += 1
                    cursor = open.upperBound
                } else {
                    depth -= 1
                    cursor = close.upperBound
                }
            }
            rest = rest[cursor...]
            if rest.first == "\n" { rest = rest.dropFirst() }
        }
        return String(out + rest)
    }
}
