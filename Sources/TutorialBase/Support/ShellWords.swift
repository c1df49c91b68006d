import Foundation

/// POSIX shell words: reading a line of them, as `swiftc -###` prints its
/// jobs, and quoting one, as `CompilePlan` writes its script.
package enum ShellWords {
    /// The words of `line`: whitespace separates words; single quotes keep
    /// everything literally; double quotes keep everything but `\"`, `\\`,
    /// `\$` and `` \` ``; a backslash outside quotes keeps the next character.
    package static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var it = line.makeIterator()
        while let c = it.next() {
            switch c {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                while let q = it.next(), q != "'" { word.append(q) }
            case "\"":
                inWord = true
                while let q = it.next(), q != "\"" {
                    if q == "\\", let n = it.next() {
                        if !"\"\\$`".contains(n) { word.append(q) }
                        word.append(n)
                    } else {
                        word.append(q)
                    }
                }
            case "\\":
                inWord = true
                if let n = it.next() { word.append(n) }
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// `word` as one shell word: as it is when every character is plainly
    /// safe, else in single quotes (a `'` inside written `'\''`).
    package static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
}
