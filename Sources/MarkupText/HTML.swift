/// The one place where text becomes HTML.
///
/// Everything the engine puts into a page is either *text* (a title, a value,
/// a snippet's output), which goes through ``escape(_:)``, or HTML that an
/// earlier stage already built (KaTeX output, highlighted code, the body
/// `HTMLRenderer` wrote), which is inserted as-is; such values are named
/// `…HTML` (`titleHTML`, `bodyHTML`) so the difference shows at every use.
public enum HTML {
    /// Which characters ``escape(_:as:)`` replaces.
    public enum Escaping: Sendable {
        /// `&`, `<`, `>`, `"` and `'`, and control characters: text that reads
        /// as itself in element content and inside a quoted attribute value.
        case text
        /// `&`, `<`, `>` and `"` only, as cmark writes text and attributes:
        /// the chapter body matches cmark's own HTML byte for byte (no
        /// `&#39;`; control characters pass through, as cmark passes them).
        case commonMark
    }

    /// Escapes `text` so that it reads as itself in a page.
    ///
    /// - Parameters:
    ///   - text: Plain text, for example a chapter title.
    ///   - escaping: `.text` (the default) replaces `&`, `<`, `>`, `"` and `'`
    ///     with `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`, and control
    ///     characters other than tab, newline and carriage return with U+FFFD
    ///     (a NUL would cut cmark's C strings short); `.commonMark` replaces
    ///     only the first four, as cmark does.
    /// - Returns: The escaped text; everything else is unchanged.
    public static func escape(_ text: String, as escaping: Escaping = .text) -> String {
        let commonMark = escaping == .commonMark
        guard text.utf8.contains(where: {
            commonMark ? Self.needsCommonMarkEscape($0)
                : Self.needsEscape($0) || ($0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D) || $0 == 0x7F
        }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'" where !commonMark: result += "&#39;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            // NUL would end cmark's C string; other control characters are not allowed in HTML.
            case _ where !commonMark && (scalar.value < 0x20 || scalar.value == 0x7F): result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a UTF-8 code unit is one of the five characters ``escape(_:)`` replaces.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Whether a UTF-8 code unit is one of the four characters cmark replaces.
    private static func needsCommonMarkEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
    }
}
