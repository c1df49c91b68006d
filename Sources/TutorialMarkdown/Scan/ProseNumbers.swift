import TutorialBase

/// Scan: the decimal numbers typed in a chapter's prose (`0.4644`, `-1.5`,
/// `2.5e-3`), outside code, math, `\(…)` values, HTML comments, link
/// destinations and version-like names (`0.16.4`, `v1.2`).
package enum ProseNumbers {
    package struct Found: Sendable, Hashable {
        package var line: Int
        package var column: Int
        package var text: String
    }

    package static func find(in text: String) -> [Found] {
        var found: [Found] = []
        var fence: (Character, Int)?
        var inDisplay = false
        var inComment = false
        for (offset, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.drop(while: { $0 == " " })
            if let (marker, count) = fence {
                if trimmed.prefix(while: { $0 == marker }).count >= count, trimmed.drop(while: { $0 == marker }).allSatisfy(\.isWhitespace) { fence = nil }
                continue
            }
            if let marker = trimmed.first, marker == "`" || marker == "~", trimmed.prefix(while: { $0 == marker }).count >= 3 {
                fence = (marker, trimmed.prefix(while: { $0 == marker }).count)
                continue
            }
            if line.count - trimmed.count >= 4 && !inDisplay { continue }  // indented code (or a deep list item: left alone)
            let scalars = Array(line.unicodeScalars)
            var i = 0
            var inMath = false
            while i < scalars.count {
                let c = scalars[i]
                if inComment {
                    if matches("-->", scalars, i) { inComment = false; i += 3 } else { i += 1 }
                    continue
                }
                if inDisplay {
                    if matches("$$", scalars, i) { inDisplay = false; i += 2 } else { i += 1 }
                    continue
                }
                if c == "\\", i + 1 < scalars.count {
                    if scalars[i + 1] == "(" { i = skipValue(scalars, from: i + 2); continue }
                    i += 2
                    continue
                }
                if matches("<!--", scalars, i) { inComment = true; i += 4; continue }
                if matches("$$", scalars, i) { inDisplay = true; i += 2; continue }
                if c == "$" { inMath.toggle(); i += 1; continue }
                if inMath { i += 1; continue }
                if c == "`" {
                    let run = scalars[i...].prefix { $0 == "`" }.count
                    var j = i + run
                    while j < scalars.count, !(scalars[j] == "`" && scalars[j...].prefix { $0 == "`" }.count == run) { j += 1 }
                    i = j + run
                    continue
                }
                if c == "]", i + 1 < scalars.count, scalars[i + 1] == "(" {
                    while i < scalars.count, scalars[i] != ")" { i += 1 }
                    continue
                }
                if c == "<" {
                    // An autolink or inline HTML: left alone.
                    var j = i + 1
                    while j < scalars.count, scalars[j] != ">", scalars[j] != " " { j += 1 }
                    if j < scalars.count, scalars[j] == ">" { i = j + 1; continue }
                }
                if isDigit(c), i == 0 || !isWordish(scalars[i - 1]) {
                    var j = i
                    while j < scalars.count, isDigit(scalars[j]) { j += 1 }
                    guard j + 1 < scalars.count, scalars[j] == ".", isDigit(scalars[j + 1]) else { i = max(j, i + 1); continue }
                    j += 1
                    while j < scalars.count, isDigit(scalars[j]) { j += 1 }
                    if j + 1 < scalars.count, scalars[j] == "e" || scalars[j] == "E", isDigit(scalars[j + 1]) || scalars[j + 1] == "-" {
                        var k = j + 1
                        if scalars[k] == "-" { k += 1 }
                        if k < scalars.count, isDigit(scalars[k]) { j = k; while j < scalars.count, isDigit(scalars[j]) { j += 1 } }
                    }
                    // A version or a dotted name (0.16.4, 3.2.1) is not a number.
                    let dotted = j + 1 < scalars.count && scalars[j] == "." && isDigit(scalars[j + 1])
                    let glued = j < scalars.count && isWordish(scalars[j]) && scalars[j] != "."
                    var start = i
                    if start > 0, scalars[start - 1] == "-" || scalars[start - 1] == "−", start == 1 || !isWordish(scalars[start - 2]) { start -= 1 }
                    if !dotted && !glued {
                        found.append(Found(line: offset + 1, column: start + 1, text: String(String.UnicodeScalarView(scalars[start..<j]))))
                    }
                    i = j
                    while i < scalars.count, isDigit(scalars[i]) || scalars[i] == "." { i += 1 }
                    continue
                }
                i += 1
            }
        }
        return found
    }

    /// The index after the `)` that closes a `\(` whose inside starts at `start`.
    static func skipValue(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 1
        var i = start
        while i < s.count {
            if s[i] == "(" { depth += 1 }
            if s[i] == ")" { depth -= 1; if depth == 0 { return i + 1 } }
            i += 1
        }
        return s.count
    }

    package static func matches(_ needle: String, _ s: [Unicode.Scalar], _ i: Int) -> Bool {
        let n = Array(needle.unicodeScalars)
        return i + n.count <= s.count && s[i..<(i + n.count)].elementsEqual(n)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    static func isWordish(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || isDigit(c) || c == "_" || c == "." || c == "/" || c == "#" || c == "@"
    }
}
