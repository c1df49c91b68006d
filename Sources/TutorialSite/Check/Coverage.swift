import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Check: what no check covers. Every display equation (`$$…$$`) that is not
/// a derivation, and every decimal number typed in prose that is not a
/// claim or a computed value, is *unchecked*: a reader cannot tell it from a
/// checked one. `<!-- unchecked: REASON -->` on the line before a display, or
/// right after a number, marks it as deliberately unchecked (a definition,
/// a limit, a statement about all reals), and it is listed with its reason.
package struct Coverage: Sendable {
    /// One display or number that no check covers.
    package struct Item: Sendable, Hashable, Codable {
        /// What it is.
        package enum Kind: String, Sendable, Hashable, Codable { case display, number }
        package var kind: Kind
        package var line: Int
        package var column: Int
        /// The TeX of the display or the number as written.
        package var text: String
        /// The reason `<!-- unchecked: … -->` gives, or nil when nothing says why.
        var reason: String?
    }

    /// The chapter's items, in order.
    package var items: [Item]

    /// Items nothing explains.
    package var unexplained: [Item] { items.filter { $0.reason == nil } }

    package init(_ document: ChapterDocument) {
        var items: [Item] = []
        let marks = document.uncheckedMarks
        let lines = document.source.text.components(separatedBy: "\n")
        for span in document.spans {
            guard case .math(let math) = span.kind, math.display else { continue }
            let tex = math.pieces.map { piece -> String in
                if case .tex(let t) = piece { return t }
                return "…"
            }.joined()
            let reason = marks.first { mark in
                guard mark.ownLine || mark.line == span.location.line else { return false }
                if mark.line == span.location.line { return mark.column < span.location.column }
                guard mark.line < span.location.line else { return false }
                // Only blank lines (or other marks) between the mark and the display.
                return ((mark.line)..<(span.location.line - 1)).allSatisfy { lines.indices.contains($0) && lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
            }?.reason
            items.append(Item(kind: .display, line: span.location.line, column: span.location.column,
                              text: tex.trimmingCharacters(in: .whitespacesAndNewlines), reason: reason))
        }
        for number in ProseNumbers.find(in: document.source.text) {
            let reason = marks.first { mark in
                !mark.ownLine && mark.line == number.line && mark.column >= number.column + number.text.count
                    && mark.column <= number.column + number.text.count + 1
            }?.reason
            items.append(Item(kind: .number, line: number.line, column: number.column, text: number.text, reason: reason))
        }
        self.items = items.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The notes (`--unchecked`) or errors (`--strict`) for the chapter's items.
    package func diagnostics(file: String, strict: Bool, list: Bool) -> [Diagnostic] {
        items.compactMap { item in
            let what = item.kind == .display ? "display equation `\(Self.brief(item.text))`" : "number \(item.text) in prose"
            if let reason = item.reason {
                return list ? Diagnostic(file: file, line: item.line, column: item.column, severity: .note, "\(what) is not checked: \(reason)") : nil
            }
            let fix = item.kind == .display
                ? "check it (`<!-- derivation` with `%` lines before it, or a derivation block), or mark it with `<!-- unchecked: REASON -->` on the line before"
                : "check it (`\(item.text)<!-- ≈ EXPR -->`, or `\\(EXPR ≈ \(item.text))`), or mark it with `<!-- unchecked: REASON -->` right after it"
            if strict { return Diagnostic(file: file, line: item.line, column: item.column, "\(what) is not checked (--strict): \(fix)") }
            return list ? Diagnostic(file: file, line: item.line, column: item.column, severity: .note, "\(what) is not checked: \(fix)") : nil
        }
    }

    static func brief(_ tex: String) -> String {
        let one = tex.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return one.count > 60 ? String(one.prefix(57)) + "…" : one
    }
}
