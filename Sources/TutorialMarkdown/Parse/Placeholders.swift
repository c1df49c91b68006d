import TutorialBase

/// Finds the placeholders `U+E000 index U+E001` that the scanner left in text.
enum Placeholders {
    enum Part: Equatable {
        case text(String)
        case placeholder(Int)
    }

    package static func split(_ text: String) -> [Part] {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "\u{E000}") {
            guard let close = rest[open...].firstIndex(of: "\u{E001}"),
                  let index = Int(rest[rest.index(after: open)..<close])
            else { break }
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.placeholder(index))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }

    /// The index when `parts` is one placeholder, alone but for white space.
    package static func lone(_ parts: [Part]) -> Int? {
        let meaningful = parts.filter { part in
            if case .text(let t) = part { return !t.allSatisfy(\.isWhitespace) }
            return true
        }
        if meaningful.count == 1, case .placeholder(let index) = meaningful[0] { return index }
        return nil
    }
}
