import TutorialBase

/// The chapter's link reference definitions (`[label]: /url "title"`), as
/// text to put before a leaf whose inlines are read again on their own, so
/// that `[text][label]` still resolves.
///
/// cmark keeps its reference map to itself; the definitions are found as
/// lines that start (after any `>` markers and up to three spaces) with
/// `[label]:`, together with a title on the line after.
enum ReferenceDefinitions {
    /// The definitions, one per line; empty when there are none.
    package static func text(in lines: SourceLines) -> String {
        var found: [String] = []
        var number = 1
        while number <= lines.count {
            let line = lines[number]
            let start = LeafText.contentStart(line, containers: Array(repeating: .quote, count: 8))
            let rest = line[start...]
            if rest.first == "[", let close = rest.firstIndex(of: "]"), close + 1 < line.count, line[close + 1] == ":" {
                var definition = String(String.UnicodeScalarView(rest))
                let next = lines[number + 1]
                let nextStart = LeafText.contentStart(next, containers: Array(repeating: .quote, count: 8))
                if nextStart < next.count, ["\"", "'", "("].contains(next[nextStart]) {
                    definition += "\n" + String(String.UnicodeScalarView(next[nextStart...]))
                    number += 1
                }
                found.append(definition)
            }
            number += 1
        }
        return found.joined(separator: "\n")
    }
}
