import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Cuts a chapter's body HTML into ``SearchDocument``s, one per heading.
///
/// The HTML is the one ``ChapterTypesetter`` writes, headings already given
/// their ids by ``HeadingAnchors``, so a section's address is the page's own
/// anchor. Text before the first `<h2>` belongs to the chapter's title and
/// links to the page itself. `<pre>` listings, `<svg>` figures and
/// `<script>`/`<style>` are left out; so is math, whose KaTeX markup would
/// fill the index with glyphs and struts: a formula in a sentence reads "…"
/// (a teaser reads "the logits were … and"), a display formula nothing
/// (``withoutMath(_:)``).
///
/// It reads the HTML as UTF-8 bytes: every character the scan looks for
/// (`<`, `>`, `&`, `;`, `"`) is ASCII, and reading `Character`s (grapheme
/// clusters) made this pass a tenth of a warm render.
package enum SearchSections {
    /// The most text a section gives the index, in bytes of its HTML. Prose
    /// sections are a few kilobytes; past this, a section is a program's
    /// table or output (a chapter may send 64 MiB of them), which made the
    /// index's node take 837 MB and seconds for 10 tables of 20,000 rows. The
    /// words after it are not searchable; the page still shows them.
    package static let sectionLimit = 256 << 10

    package static func documents(html: String, page: String, chapterTitle: String) -> [SearchDocument] {
        let bytes = withoutMath(Array(html.utf8))
        var documents: [SearchDocument] = []
        var title = chapterTitle
        var url = page
        var text: [UInt8] = []
        func flush() {
            if text.count >= sectionLimit, let space = text.lastIndex(of: UInt8(ascii: " ")) { text.removeSubrange(space...) }
            let words = Self.collapse(Self.decode(text[...]))
            if !words.isEmpty || url != page || documents.isEmpty {
                documents.append(SearchDocument(url: url, title: title, chapter: chapterTitle, text: words))
            }
            text = []
        }
        var i = 0
        func add(_ slice: ArraySlice<UInt8>) {
            if text.count < sectionLimit { text += slice.prefix(sectionLimit - text.count) }
        }
        while let open = Self.find(UInt8(ascii: "<"), in: bytes, from: i) {
            add(bytes[i..<open])
            guard let close = Self.find(UInt8(ascii: ">"), in: bytes, from: open) else { i = bytes.count; break }
            let tag = bytes[(open + 1)..<close]
            let name = String(decoding: tag.prefix { Self.isAlphanumeric($0) }, as: UTF8.self).lowercased()
            i = close + 1
            if Self.skipped.contains(name) {
                // Skip to the matching close tag (these do not nest in the engine's output).
                if let end = Self.find(Array("</\(name)>".utf8), in: bytes, from: i) { i = end + name.utf8.count + 3 }
                continue
            }
            if name.utf8.count == 2, name.first == "h", let level = Int(name.dropFirst()), (1...6).contains(level) {
                guard let end = Self.find(Array("</\(name)>".utf8), in: bytes, from: i) else { continue }
                let heading = Self.collapse(Self.plain(bytes[i..<end]))
                i = end + 5
                if level == 1 { continue }
                flush()
                title = heading
                url = Self.id(in: tag).map { page + "#" + $0 } ?? page
                continue
            }
            // Block ends separate words.
            if Self.separators.contains(name) || tag.first == UInt8(ascii: "/") {
                add([UInt8(ascii: " ")])
            }
        }
        if i < bytes.count { add(bytes[i...]) }
        flush()
        return documents
    }

    /// `html` with each KaTeX formula replaced: `<span class="katex">…</span>`
    /// (a formula in a sentence) by "…", `<span class="katex-display">…</span>`
    /// by nothing. KaTeX nests spans, so the formula ends at the `</span>`
    /// that closes its first one.
    /// A page without math is returned as it is: a page of a program's
    /// output can be 16 MiB, and every copy of it counts in render's memory.
    static func withoutMath(_ html: [UInt8]) -> [UInt8] {
        let inline = Array("<span class=\"katex\"".utf8)
        let display = Array("<span class=\"katex-display\"".utf8)
        let open = Array("<span".utf8)
        let close = Array("</span>".utf8)
        guard find(Array("<span class=\"katex".utf8), in: html, from: 0) != nil else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var i = 0
        while let start = find(open, in: html, from: i) {
            let isDisplay = html[start...].starts(with: display)
            guard isDisplay || html[start...].starts(with: inline) else {
                out += html[i..<(start + open.count)]
                i = start + open.count
                continue
            }
            out += html[i..<start]
            var depth = 0
            var k = start
            while k < html.count {
                if html[k...].starts(with: open), k + open.count < html.count, [UInt8(ascii: " "), UInt8(ascii: ">")].contains(html[k + open.count]) {
                    depth += 1
                    k += open.count
                } else if html[k...].starts(with: close) {
                    depth -= 1
                    k += close.count
                    if depth == 0 { break }
                } else {
                    k += 1
                }
            }
            if !isDisplay { out += Array("…".utf8) }
            i = k
        }
        out += html[min(i, html.count)...]
        return out
    }

    /// Elements left out with everything in them.
    static let skipped: Set<String> = ["pre", "svg", "script", "style", "math"]
    /// Opening tags that end a run of words (every closing tag does too).
    static let separators: Set<String> = ["p", "li", "br", "div", "td", "th", "tr", "figcaption", "blockquote"]

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    package static func find(_ byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        bytes[start...].firstIndex(of: byte)
    }

    package static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var k = start
        while k + needle.count <= bytes.count {
            guard let hit = bytes[k...(bytes.count - needle.count)].firstIndex(of: first) else { return nil }
            if bytes[hit..<(hit + needle.count)].elementsEqual(needle) { return hit }
            k = hit + 1
        }
        return nil
    }

    /// The text of an HTML fragment, tags removed and entities decoded.
    package static func plain(_ html: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var inTag = false
        for byte in html {
            if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false } else if !inTag { out.append(byte) }
        }
        return decode(out[...])
    }

    /// The `id="…"` of a tag's attributes.
    package static func id(in tag: ArraySlice<UInt8>) -> String? {
        guard let start = find(Array("id=\"".utf8), in: Array(tag), from: 0) else { return nil }
        let value = tag.dropFirst(start + 4).prefix { $0 != UInt8(ascii: "\"") }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    /// The entities the engine's HTML uses, decoded; any other `&` stays as it is.
    static let entities: [(name: [UInt8], text: [UInt8])] = [
        ("lt;", "<"), ("gt;", ">"), ("quot;", "\""), ("#39;", "'"), ("nbsp;", " "), ("amp;", "&"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    package static func decode(_ text: ArraySlice<UInt8>) -> String {
        guard text.contains(UInt8(ascii: "&")) else { return String(decoding: text, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var k = text.startIndex
        outer: while k < text.endIndex {
            if text[k] == UInt8(ascii: "&") {
                for entity in entities where text[(k + 1)...].starts(with: entity.name) {
                    out += entity.text
                    k += 1 + entity.name.count
                    continue outer
                }
            }
            out.append(text[k])
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
