import Foundation
import TutorialBase

/// Scan: checks an article writes in HTML comments, so that the file shows
/// exactly as before on every other Markdown engine (GitHub, Jekyll, Hugo),
/// rewritten line for line into the chapter syntax the rest of the pipeline
/// reads. Lines keep their numbers and columns, so every message points at
/// the article's own text.
///
/// ```markdown
/// ---                                  front matter: blank lines
/// title: A post
/// ---
/// <!-- swift                           ```swift hide
/// let loss = crossEntropy(…)           let loss = crossEntropy(…)
/// -->                                  ```
/// <!-- derivation                      ```derivation
/// % for z in logits(count: 3)          % for z in logits(count: 3)
/// -->
/// $$
/// L = -\log q_y \le 0                  L = -\log q_y \le 0
/// $$                                   ```
/// a loss of 0.4644<!-- ≈ loss -->      a loss of \(loss     ≈ 0.4644)
/// p = 0.25<!-- = p[0] -->              p = \(p[0]    ≈ 0.25), exact
/// ```
///
/// `<!-- unchecked: REASON -->` before a display or after a number marks
/// it as deliberately unchecked; it is blanked, and kept in `marks`.
package struct ArticleComments {
    /// `<!-- unchecked: REASON -->`: where it stands and why.
    package struct Mark: Sendable, Hashable {
        package var line: Int
        package var column: Int
        package var reason: String
        /// Whether it stands on a line of its own (it marks the next display)
        /// rather than after a number on its line.
        package var ownLine: Bool
    }

    package var lines: [String]
    package var file: String
    package var marks: [Mark] = []
    package var diagnostics: [Diagnostic] = []
    /// For each claim written as a comment, where its expression stands in
    /// the rewritten text and the column of the number in the article, so
    /// that a failing claim points at the number.
    var claimColumns: [SourceLocation: Int] = [:]
    /// Where the expressions of exact claims (`<!-- = EXPR -->`) stand in the rewritten text.
    var exactClaims: Set<SourceLocation> = []

    /// The rewritten text, its marks and the problems found.
    package static func rewrite(_ text: String, file: String) -> ArticleComments {
        var rewriter = ArticleComments(lines: text.components(separatedBy: "\n"), file: file)
        guard text.contains("<!--") || text.hasPrefix("---") || text.hasPrefix("+++") else { return rewriter }
        rewriter.frontMatter()
        rewriter.blocks()
        return rewriter
    }

    /// The rewritten text.
    package var text: String { lines.joined(separator: "\n") }

    /// `---` YAML or `+++` TOML front matter at the top becomes blank lines.
    /// It must hold keys (`title: …`, `title = …`): `---`, `Foo`, `---` is
    /// CommonMark's thematic break and setext heading, and stays Markdown.
    mutating func frontMatter() {
        guard let first = lines.first, first == "---" || first == "+++" else { return }
        let closers: Set<String> = first == "---" ? ["---", "..."] : ["+++"]
        guard let end = lines.indices.dropFirst().first(where: { closers.contains(lines[$0]) }) else { return }
        let separator: Character = first == "---" ? ":" : "="
        let keyed = lines[1..<end].contains { line in
            guard let cut = line.firstIndex(of: separator) else { return false }
            let key = line[..<cut].trimmingCharacters(in: .whitespaces)
            return !key.isEmpty && !line.hasPrefix(" ") && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "\"" || $0 == "." }
        }
        guard keyed else { return }
        for k in 0...end { lines[k] = "" }
    }

    /// Walks the lines outside fenced code, rewriting comment blocks and inline comments.
    package mutating func blocks() {
        var fence: (marker: Character, count: Int)?
        var k = 0
        while k < lines.count {
            let line = lines[k]
            let trimmed = line.drop(while: { $0 == " " })
            if let open = fence {
                let run = trimmed.prefix(while: { $0 == open.marker })
                if run.count >= open.count, trimmed.dropFirst(run.count).allSatisfy(\.isWhitespace) { fence = nil }
                k += 1
                continue
            }
            if let marker = trimmed.first, marker == "`" || marker == "~", trimmed.prefix(while: { $0 == marker }).count >= 3,
               line.count - trimmed.count < 4 {
                fence = (marker, trimmed.prefix(while: { $0 == marker }).count)
                k += 1
                continue
            }
            if trimmed.hasPrefix("<!-- swift") || trimmed.hasPrefix("<!--swift") {
                k = hiddenSwift(from: k)
                continue
            }
            if trimmed.hasPrefix("<!-- derivation") || trimmed.hasPrefix("<!--derivation") {
                k = derivation(from: k)
                continue
            }
            if line.contains("<!--") { lines[k] = inlineComments(line, number: k + 1) }
            k += 1
        }
    }

    private mutating func error(_ line: Int, _ column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message))
    }

    /// The index of the first line from `start` that holds `-->`.
    package func closing(from start: Int) -> Int? {
        (start..<lines.count).first { lines[$0].contains("-->") }
    }

    /// `<!-- swift` … `-->`: a hidden Swift block that runs.
    mutating func hiddenSwift(from start: Int) -> Int {
        let indent = String(lines[start].prefix(while: { $0 == " " }))
        let opener = lines[start].trimmingCharacters(in: .whitespaces)
        guard opener == "<!-- swift" || opener == "<!--swift", let end = closing(from: start + 1) else {
            error(start + 1, indent.count + 1, "a hidden Swift block opens with `<!-- swift` alone on its line and closes with `-->` alone on a later line")
            return (closing(from: start) ?? start) + 1
        }
        guard lines[end].trimmingCharacters(in: .whitespaces) == "-->" else {
            error(end + 1, 1, "put the `-->` that closes `<!-- swift` on a line of its own")
            return end + 1
        }
        lines[start] = indent + "```swift hide"
        lines[end] = indent + "```"
        return end + 1
    }

    /// `<!-- derivation` with `%` lines, `-->`, then a `$$…$$` display: a derivation block.
    package mutating func derivation(from start: Int) -> Int {
        let opener = lines[start].trimmingCharacters(in: .whitespaces)
        guard opener == "<!-- derivation" || opener == "<!--derivation", let end = closing(from: start + 1),
              lines[end].trimmingCharacters(in: .whitespaces) == "-->" else {
            error(start + 1, 1, "a derivation comment opens with `<!-- derivation` alone on its line, holds `%` lines, and closes with `-->` alone on a later line")
            return (closing(from: start) ?? start) + 1
        }
        for k in (start + 1)..<end where !lines[k].trimmingCharacters(in: .whitespaces).isEmpty {
            if !lines[k].trimmingCharacters(in: .whitespaces).hasPrefix("%") {
                error(k + 1, 1, "inside `<!-- derivation`, every line is a `%` declaration (`% for …`, `% let …`); the TeX goes in the `$$…$$` display after `-->`")
            }
        }
        // The display: the next non-blank line starts with $$.
        var open = end + 1
        while open < lines.count, lines[open].trimmingCharacters(in: .whitespaces).isEmpty { open += 1 }
        guard open < lines.count, let dollars = lines[open].range(of: "$$"),
              lines[open][..<dollars.lowerBound].allSatisfy({ $0 == " " }) else {
            error(end + 1, 1, "a `<!-- derivation` comment must stand directly before a `$$…$$` display")
            return end + 1
        }
        // Blank the opening $$ (columns stay), then find the closing one.
        lines[open].replaceSubrange(dollars, with: "  ")
        var close = open
        var closeRange: Range<String.Index>?
        while close < lines.count {
            if let found = lines[close].range(of: "$$") { closeRange = found; break }
            close += 1
        }
        guard let closeRange else {
            error(open + 1, 1, "the `$$` display after `<!-- derivation` is not closed")
            return lines.count
        }
        let after = lines[close][closeRange.upperBound...].trimmingCharacters(in: .whitespaces)
        lines[close].replaceSubrange(closeRange, with: "  ")
        if !after.isEmpty {
            error(close + 1, lines[close].distance(from: lines[close].startIndex, to: closeRange.lowerBound) + 1,
                  "nothing may follow the `$$` that closes a checked display on its line (write a label as `% label eq:NAME` in the comment)")
        }
        lines[start] = "```derivation"
        lines[end] = ""
        // The closing fence: the closing $$'s own line when it held nothing else, else the blank line after it.
        if lines[close].trimmingCharacters(in: .whitespaces).isEmpty {
            lines[close] = "```"
        } else if close + 1 < lines.count, lines[close + 1].trimmingCharacters(in: .whitespaces).isEmpty {
            lines[close + 1] = "```"
            return close + 2
        } else if close + 1 == lines.count {
            lines.append("```")
        } else {
            error(close + 2, 1, "leave a blank line after a checked `$$…$$` display")
        }
        return close + 1
    }

    /// `NUMBER<!-- ≈ EXPR -->` becomes the claim `\(EXPR ≈ NUMBER)`, padded
    /// to the comment's length; `<!-- unchecked: REASON -->` is blanked and kept.
    mutating func inlineComments(_ line: String, number: Int) -> String {
        var scalars = Array(line.unicodeScalars)
        var searchFrom = 0
        while let open = Self.find("<!--", in: scalars, from: searchFrom) {
            guard let close = Self.find("-->", in: scalars, from: open + 4) else { break }
            let inside = String(String.UnicodeScalarView(scalars[(open + 4)..<close])).trimmingCharacters(in: .whitespaces)
            let end = close + 3
            searchFrom = end
            if inside.hasPrefix("unchecked") {
                let reason = inside.dropFirst("unchecked".count).drop(while: { $0 == ":" || $0 == " " })
                if reason.isEmpty { error(number, open + 1, "`<!-- unchecked: REASON -->` needs a reason a reader would accept") }
                let ownLine = scalars[..<open].allSatisfy { $0 == " " } && scalars[end...].allSatisfy { $0 == " " }
                marks.append(Mark(line: number, column: open + 1, reason: String(reason), ownLine: ownLine))
                for i in open..<end { scalars[i] = " " }
                continue
            }
            guard let relation = inside.unicodeScalars.first, relation == "≈" || relation == "=" else { continue }
            let expression = String(inside.unicodeScalars.dropFirst()).trimmingCharacters(in: .whitespaces)
            // The number just before the comment (spaces between allowed).
            var numberEnd = open
            while numberEnd > 0, scalars[numberEnd - 1] == " " { numberEnd -= 1 }
            var numberStart = numberEnd
            while numberStart > 0, Self.isNumberScalar(scalars[numberStart - 1]) { numberStart -= 1 }
            let written = String(String.UnicodeScalarView(scalars[numberStart..<numberEnd]))
            guard !expression.isEmpty, numberStart < numberEnd, Double(written.replacingOccurrences(of: "−", with: "-")) != nil else {
                error(number, open + 1, "`<!-- \(relation) EXPR -->` checks the number written right before it, such as `0.4644<!-- ≈ loss -->`")
                continue
            }
            var claim = Array("\\(\(expression) ≈ \(written))".unicodeScalars)
            let length = end - numberStart
            if claim.count < length {
                // Pad inside the expression, so that the rest of the line keeps its columns.
                claim.insert(contentsOf: Array(repeating: " ", count: length - claim.count), at: 2 + expression.unicodeScalars.count)
            }
            scalars.replaceSubrange(numberStart..<end, with: claim)
            claimColumns[SourceLocation(line: number, column: numberStart + 3)] = numberStart + 1
            if relation == "=" { exactClaims.insert(SourceLocation(line: number, column: numberStart + 3)) }
            searchFrom = numberStart + claim.count
        }
        return String(String.UnicodeScalarView(scalars))
    }

    static func isNumberScalar(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || c == "." || c == "-" || c == "−" || c == "e" || c == "E" || c == "+"
    }

    package static func find(_ needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let target = Array(needle.unicodeScalars)
        guard start <= scalars.count - target.count else { return nil }
        for i in start...(scalars.count - target.count) where scalars[i..<(i + target.count)].elementsEqual(target) { return i }
        return nil
    }
}
