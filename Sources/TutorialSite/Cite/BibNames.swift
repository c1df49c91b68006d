import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// BibTeX's name lists: names separated by `and` (outside braces), each
/// `Family, Given`, `Given Family` or `{Corporate Name}`; a final
/// `and others` means "et al.".
enum BibNames {
    /// The names of `list`, and whether it ends with `and others`.
    package static func split(_ list: String) -> ([BibEntry.Name], Bool) {
        var names: [BibEntry.Name] = []
        var others = false
        for part in parts(list) {
            if part.lowercased() == "others" { others = true; continue }
            names.append(name(part))
        }
        return (names, others)
    }

    /// The list cut at each ` and ` outside braces.
    package static func parts(_ list: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        let words = list.split(whereSeparator: \.isWhitespace)
        for word in words {
            if depth == 0 && word.lowercased() == "and" {
                result.append(current)
                current = ""
                continue
            }
            for ch in word { if ch == "{" { depth += 1 } else if ch == "}" { depth = max(depth - 1, 0) } }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { result.append(current) }
        return result.filter { !$0.isEmpty }
    }

    /// One name: `Family, Given` or `Given von Family` (lower-case words before the last belong to the family name).
    package static func name(_ text: String) -> BibEntry.Name {
        if let comma = topLevelComma(text) {
            let family = LaTeXText.plain(String(text[..<comma])).trimmingCharacters(in: .whitespaces)
            let given = LaTeXText.plain(String(text[text.index(after: comma)...])).trimmingCharacters(in: .whitespaces)
            return BibEntry.Name(family: family, given: given)
        }
        let words = braceAwareWords(text)
        guard words.count > 1 else { return BibEntry.Name(family: LaTeXText.plain(text)) }
        var start = words.count - 1
        while start > 1 && words[start - 1].first?.isLowercase == true { start -= 1 }
        if words[start - 1].first?.isLowercase == true && start - 1 > 0 { start -= 1 }
        let family = words[start...].joined(separator: " ")
        let given = words[..<start].joined(separator: " ")
        return BibEntry.Name(family: LaTeXText.plain(family), given: LaTeXText.plain(given))
    }

    private static func topLevelComma(_ text: String) -> String.Index? {
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "{": depth += 1
            case "}": depth -= 1
            case "," where depth == 0: return index
            default: break
            }
        }
        return nil
    }

    private static func braceAwareWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            if ch == "{" { depth += 1 } else if ch == "}" { depth -= 1 }
            if ch.isWhitespace && depth == 0 {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
