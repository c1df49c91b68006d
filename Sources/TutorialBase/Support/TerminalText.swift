/// Text made safe for a terminal: every control character but the line
/// break and the tab is written out as `\u{1B}`, so a compiler message, a
/// trap message or a file name cannot send escape sequences (set the window
/// title, write to the clipboard, move the cursor, hide a line with `\r`).
///
/// Escaped: C0 (U+0000–U+001F) except `\n` and `\t`, DEL (U+007F) and C1
/// (U+0080–U+009F, which some terminals read as escape sequences too).
public enum TerminalText {
    /// `text` with its control characters written as `\u{XX}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` without the colour and style sequences a tool writes for a
    /// terminal (`ESC [ … m`, and any other CSI sequence), so that its
    /// messages can be read as plain `file:line:column: error: …` lines.
    package static func withoutEscapes(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else { out.append(scalar); continue }
            guard let next = scalars.next(), next == "[" else { continue }
            // Parameters and intermediates, up to the final byte (0x40–0x7E).
            while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
        }
        return String(out)
    }

    /// Whether a terminal could act on `scalar` rather than show it.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
