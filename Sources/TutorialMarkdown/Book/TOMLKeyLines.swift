import TutorialBase

/// The line of every key in a TOML document, which TOMLKit does not report.
///
/// A small scanner over the text: it skips comments and strings (basic,
/// literal and multi-line), follows `[table]` and `[[array of tables]]`
/// headers, dotted keys, inline tables and arrays, and records each key's
/// full path with the line it is written on. Elements of arrays are named by
/// their index, so `packages = [{ path = "a" }, { path = "b" }]` gives
/// `swift.packages.1.path` for the second `path`. A header's own line is
/// recorded for the table it opens.
struct TOMLKeyLines {
    private(set) var lines: [String: Int] = [:]

    /// The line of `path` (`["swift", "packages", "0", "path"]`), or of the
    /// nearest enclosing key written in the text; 1 if none is.
    package func line(of path: [String]) -> Int {
        var path = path
        while !path.isEmpty {
            if let line = lines[path.joined(separator: "\u{1F}")] { return line }
            path.removeLast()
        }
        return 1
    }

    package init(_ text: String) {
        var scanner = Scanner(Array(text.unicodeScalars))
        scanner.document(&lines)
    }

    private struct Scanner {
        package let s: [Unicode.Scalar]
        package var i = 0
        package var line = 1
        var arrayTableCounts: [String: Int] = [:]

        package init(_ scalars: [Unicode.Scalar]) { s = scalars }

        var atEnd: Bool { i >= s.count }
        package var current: Unicode.Scalar? { i < s.count ? s[i] : nil }

        package mutating func advance() {
            if s[i] == "\n" { line += 1 }
            i += 1
        }

        /// Skips spaces, tabs, comments and (when `newlines`) line breaks.
        mutating func skipBlank(newlines: Bool) {
            while let c = current {
                if c == " " || c == "\t" || c == "\r" { advance() }
                else if c == "\n" && newlines { advance() }
                else if c == "#" { while let d = current, d != "\n" { advance() } }
                else { return }
            }
        }

        package mutating func document(_ lines: inout [String: Int]) {
            var table: [String] = []
            while true {
                skipBlank(newlines: true)
                guard let c = current else { return }
                if c == "[" {
                    let headerLine = line
                    advance()
                    let isArray = current == "["
                    if isArray { advance() }
                    skipBlank(newlines: false)
                    var name = key()
                    if isArray {
                        let joined = name.joined(separator: "\u{1F}")
                        let index = arrayTableCounts[joined, default: 0]
                        arrayTableCounts[joined] = index + 1
                        name.append(String(index))
                    }
                    table = name
                    lines[table.joined(separator: "\u{1F}")] = lines[table.joined(separator: "\u{1F}")] ?? headerLine
                    while let d = current, d != "\n" { advance() }
                } else {
                    keyValue(prefix: table, into: &lines)
                    while let d = current, d != "\n" { if d == "#" { skipBlank(newlines: false) } else { advance() } }
                }
            }
        }

        /// `a.b."c d" = value`: records the key, then reads the value.
        mutating func keyValue(prefix: [String], into lines: inout [String: Int]) {
            let keyLine = line
            let name = prefix + key()
            if lines[name.joined(separator: "\u{1F}")] == nil { lines[name.joined(separator: "\u{1F}")] = keyLine }
            skipBlank(newlines: false)
            guard current == "=" else { return }
            advance()
            skipBlank(newlines: false)
            value(path: name, into: &lines)
        }

        /// A dotted key: bare or quoted parts separated by dots; empty when there is none.
        package mutating func key() -> [String] {
            var parts: [String] = []
            while true {
                skipBlank(newlines: false)
                guard let c = current else { break }
                if c == "\"" || c == "'" {
                    parts.append(string())
                } else {
                    var part = ""
                    while let d = current, d.properties.isAlphabetic || ("0"..."9").contains(d) || d == "_" || d == "-" {
                        part.unicodeScalars.append(d)
                        advance()
                    }
                    if part.isEmpty { break }
                    parts.append(part)
                }
                skipBlank(newlines: false)
                if current == "." { advance() } else { break }
            }
            return parts
        }

        /// Any value: inline tables and arrays are entered, everything else skipped.
        package mutating func value(path: [String], into lines: inout [String: Int]) {
            guard let c = current else { return }
            if c == "{" {
                advance()
                while true {
                    skipBlank(newlines: true)
                    guard let d = current else { return }
                    if d == "}" { advance(); return }
                    if d == "," { advance(); continue }
                    let before = i
                    keyValue(prefix: path, into: &lines)
                    if i == before { advance() }  // not TOML (TOMLKit has parsed it already): never stall
                }
            } else if c == "[" {
                advance()
                var index = 0
                while true {
                    skipBlank(newlines: true)
                    guard let d = current else { return }
                    if d == "]" { advance(); return }
                    if d == "," { advance(); index += 1; continue }
                    let elementLine = line
                    let element = path + [String(index)]
                    if lines[element.joined(separator: "\u{1F}")] == nil { lines[element.joined(separator: "\u{1F}")] = elementLine }
                    let before = i
                    value(path: element, into: &lines)
                    if i == before { advance() }
                }
            } else if c == "\"" || c == "'" {
                _ = string()
            } else {
                while let d = current, d != ",", d != "]", d != "}", d != "\n", d != "#" { advance() }
            }
        }

        /// A basic, literal or multi-line string; returns its raw text (escapes kept).
        package mutating func string() -> String {
            let quote = s[i]
            let triple = i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote
            let width = triple ? 3 : 1
            for _ in 0..<width { advance() }
            var text = ""
            while let c = current {
                if quote == "\"" && c == "\\" {
                    advance()
                    if current != nil { advance() }
                    continue
                }
                if c == quote && (!triple || (i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote)) {
                    for _ in 0..<width { advance() }
                    // A multi-line string may end in up to two more quotes.
                    while triple && current == quote { text.unicodeScalars.append(quote); advance() }
                    return text
                }
                if c == "\n" && !triple { return text }
                text.unicodeScalars.append(c)
                advance()
            }
            return text
        }
    }
}
