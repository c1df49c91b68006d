import TutorialBase

/// Walks Swift expression text and tells, for each character, whether it is
/// at the top level (outside brackets, strings and string interpolations).
///
/// The scanner needs this to find the `)` that closes `\(` when the
/// expression itself holds parentheses, closures, strings (with their own
/// `\(…)`), and to find a top-level `≈` or `, decimals:`.
struct SwiftTextWalker {
    /// The indices (into `scalars`) of top-level occurrences of `target`.
    static func topLevelIndices(of target: Unicode.Scalar, in scalars: [Unicode.Scalar]) -> [Int] {
        var found: [Int] = []
        var depth = 0
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\"" {
                i = skipString(scalars, from: i) ?? scalars.count
                continue
            }
            if depth == 0 && c == target { found.append(i) }
            if c == "(" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == "]" || c == "}" { depth -= 1 }
            i += 1
        }
        return found
    }

    /// Given `scalars[start] == "\""`, the index just past the string literal
    /// (single-line or `"""` multi-line), or nil when it never closes.
    static func skipString(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let triple = start + 2 < scalars.count && scalars[start + 1] == "\"" && scalars[start + 2] == "\""
        var i = start + (triple ? 3 : 1)
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\" {
                if i + 1 < scalars.count && scalars[i + 1] == "(" {
                    guard let close = matchingParen(scalars, from: i + 1) else { return nil }
                    i = close + 1
                } else {
                    i += 2
                }
                continue
            }
            if !triple && c == "\n" { return nil }
            if c == "\"" {
                if !triple { return i + 1 }
                if i + 2 < scalars.count && scalars[i + 1] == "\"" && scalars[i + 2] == "\"" { return i + 3 }
            }
            i += 1
        }
        return nil
    }

    /// Given `scalars[open] == "("`, the index of its matching `)`, honouring
    /// nested brackets and strings; nil if it is never closed.
    static func matchingParen(_ scalars: [Unicode.Scalar], from open: Int, limit: Int? = nil) -> Int? {
        let end = min(limit ?? scalars.count, scalars.count)
        var stack: [Unicode.Scalar] = []
        var i = open
        while i < end {
            let c = scalars[i]
            switch c {
            case "\"":
                guard let next = skipString(scalars, from: i), next <= end else { return nil }
                i = next
                continue
            case "(": stack.append(")")
            case "[": stack.append("]")
            case "{": stack.append("}")
            case ")", "]", "}":
                guard let expected = stack.popLast(), expected == c else { return nil }
                if stack.isEmpty { return i }
            default: break
            }
            i += 1
        }
        return nil
    }
}
