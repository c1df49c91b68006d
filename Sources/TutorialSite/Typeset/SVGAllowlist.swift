import Foundation
import TutorialBase

/// Figure SVG, parsed and written again through an allowlist, so that no
/// markup a chapter program sends reaches a page as it was sent.
///
/// `Drawing` writes only the elements and attributes listed here; a figure
/// that holds anything else was not drawn by it. The reader:
/// - keeps the allowed elements (`elements`) with their allowed attributes
///   (`attributes`), each value written again HTML-escaped, and drops a value
///   that could reach outside the figure (`url(`, `javascript:`, `data:`, `@import`, `expression(`);
/// - drops every other element with everything inside it (`script`,
///   `foreignObject`, `style`, `image`, `use`, `a`, `iframe`…), every other
///   attribute (event handlers, `style`, `href`, `src`), and comments,
///   CDATA sections, processing instructions and declarations;
/// - writes text again HTML-escaped, reading the five named entities and
///   numeric ones;
/// - closes what is left open, ignores a close tag that matches nothing, and
///   always gives one `<svg>` root: content outside it is dropped.
/// Its cost is linear in the figure, and nesting deeper than `maxDepth` is dropped.
enum SVGAllowlist {
    static let elements: Set<String> = [
        "svg", "g", "title", "desc", "line", "path", "rect", "circle", "ellipse", "polyline", "polygon", "text", "tspan",
    ]
    static let attributes: Set<String> = [
        "xmlns", "viewbox", "width", "height", "role", "class", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
        "d", "points", "dx", "dy", "text-anchor", "dominant-baseline", "font-size", "font-weight", "transform", "aria-label",
        "aria-hidden", "stroke-dasharray", "opacity",
    ]
    /// How deep elements may nest; deeper ones are dropped.
    static let maxDepth = 64
    static let forbiddenValues = ["url(", "javascript:", "data:", "@import", "expression("]

    /// `svg` re-serialised through the allowlist; `label` becomes the root's `aria-label`.
    static func clean(_ svg: String, label: String? = nil) -> String {
        var out = ""
        var open: [String] = []
        var skipping: (name: String, depth: Int)?
        var rootClosed = false
        var reader = Reader(Array(svg.utf8))
        while let token = reader.next() {
            switch token {
            case .text(let text):
                if skipping == nil, !open.isEmpty { out += HTML.escape(text) }
            case .open(let name, let attributes, let selfClosing):
                if var skip = skipping {
                    if !selfClosing, name == skip.name { skip.depth += 1; skipping = skip }
                    continue
                }
                let isRoot = open.isEmpty
                guard !rootClosed, elements.contains(name), isRoot == (name == "svg"), open.count < maxDepth else {
                    if !selfClosing { skipping = (name, 1) }
                    continue
                }
                out += "<" + name
                if isRoot, let label { out += " aria-label=\"\(HTML.escape(label))\"" }
                for (key, value) in attributes where Self.attributes.contains(key.lowercased()) && !(isRoot && label != nil && key == "aria-label") {
                    let lower = value.lowercased().filter { !$0.isWhitespace }
                    if forbiddenValues.contains(where: lower.contains) { continue }
                    if key == "xmlns", value != "http://www.w3.org/2000/svg" { continue }
                    out += " \(key)=\"\(HTML.escape(value))\""
                }
                if selfClosing {
                    out += "/>"
                    if isRoot { rootClosed = true }
                } else {
                    out += ">"
                    open.append(name)
                }
            case .close(let name):
                if var skip = skipping {
                    if name == skip.name { skip.depth -= 1; skipping = skip.depth == 0 ? nil : skip }
                    continue
                }
                guard let k = open.lastIndex(of: name) else { continue }
                while open.count > k { out += "</\(open.removeLast())>" }
                if open.isEmpty { rootClosed = true }
            }
        }
        while let name = open.popLast() { out += "</\(name)>" }
        return out.isEmpty ? "<svg xmlns=\"http://www.w3.org/2000/svg\"\(label.map { " aria-label=\"\(HTML.escape($0))\"" } ?? "")></svg>" : out
    }

    enum Token: Equatable {
        case text(String)
        case open(String, [(String, String)], selfClosing: Bool)
        case close(String)

        package static func == (a: Token, b: Token) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)): return x == y
            case (.close(let x), .close(let y)): return x == y
            case (.open(let x, let p, let s), .open(let y, let q, let t)): return x == y && s == t && p.elementsEqual(q) { $0 == $1 }
            default: return false
            }
        }
    }

    /// A forward-only tokenizer of XML-like markup: each byte is read once.
    struct Reader {
        let bytes: [UInt8]
        var at = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> Token? {
            while at < bytes.count {
                if bytes[at] != UInt8(ascii: "<") {
                    let start = at
                    while at < bytes.count, bytes[at] != UInt8(ascii: "<") { at += 1 }
                    return .text(Self.decode(bytes[start..<at]))
                }
                if starts("<!--") { skip(past: "-->"); continue }
                if starts("<![CDATA[") { skip(past: "]]>"); continue }
                if starts("<!") || starts("<?") { skip(past: ">"); continue }
                if starts("</") {
                    at += 2
                    let name = readName()
                    skip(past: ">")
                    return .close(name)
                }
                at += 1
                let name = readName()
                guard !name.isEmpty else { skip(past: ">"); continue }
                var attributes: [(String, String)] = []
                while at < bytes.count {
                    skipSpace()
                    guard at < bytes.count else { break }
                    if bytes[at] == UInt8(ascii: ">") { at += 1; return .open(name, attributes, selfClosing: false) }
                    if starts("/>") { at += 2; return .open(name, attributes, selfClosing: true) }
                    let key = readName()
                    if key.isEmpty { at += 1; continue }
                    skipSpace()
                    var value = ""
                    if at < bytes.count, bytes[at] == UInt8(ascii: "=") {
                        at += 1
                        skipSpace()
                        if at < bytes.count, bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'") {
                            let quote = bytes[at]
                            at += 1
                            let start = at
                            while at < bytes.count, bytes[at] != quote { at += 1 }
                            value = Self.decode(bytes[start..<at])
                            at = min(at + 1, bytes.count)
                        } else {
                            let start = at
                            while at < bytes.count, !Self.isSpace(bytes[at]), bytes[at] != UInt8(ascii: ">") { at += 1 }
                            value = Self.decode(bytes[start..<at])
                        }
                    }
                    attributes.append((key, value))
                }
                return .open(name, attributes, selfClosing: false)
            }
            return nil
        }

        func starts(_ prefix: String) -> Bool {
            var k = at
            for byte in prefix.utf8 {
                guard k < bytes.count, bytes[k] == byte else { return false }
                k += 1
            }
            return true
        }

        mutating func skip(past end: String) {
            while at < bytes.count, !starts(end) { at += 1 }
            at = min(at + end.utf8.count, bytes.count)
        }

        mutating func skipSpace() {
            while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
        }

        /// A name: letters, digits, `-`, `_`, `:`, `.`; the case kept.
        mutating func readName() -> String {
            let start = at
            while at < bytes.count {
                let b = bytes[at]
                let isName = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: ".")
                guard isName else { break }
                at += 1
            }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }

        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

        /// Text with its entities read: `&lt;` `&gt;` `&amp;` `&quot;` `&apos;`, `&#N;`, `&#xH;`; any other `&` is itself.
        static func decode(_ bytes: ArraySlice<UInt8>) -> String {
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.contains("&") else { return text }
            var out = ""
            var rest = text[...]
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                let tail = rest[amp...]
                if let semi = tail.prefix(12).firstIndex(of: ";") {
                    let entity = tail[tail.index(after: amp)..<semi]
                    let named = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"][String(entity)]
                    var scalar: Unicode.Scalar?
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
                    if let replacement = named ?? scalar.map({ String($0) }) {
                        out += replacement
                        rest = tail[tail.index(after: semi)...]
                        continue
                    }
                }
                out += "&"
                rest = tail.dropFirst()
            }
            return out + rest
        }
    }
}
