import Foundation

/// The page numbers of the printed contents. Chromium cannot number a link's
/// target (`target-counter()`), so render prints twice: the first PDF's text
/// (pdftotext, pages separated by form feeds) says on which page each
/// chapter starts — the first page whose first line is "Chapter N", as every
/// printed chapter begins on a page of its own — and the second print has
/// those numbers in its contents. The contents sit on pages of their own, so
/// the numbers move nothing after them.
enum ContentsPages {
    /// The page (counted from 1) each chapter starts on, by its number as the contents write it.
    static func starts(pagesText: String) -> [String: Int] {
        var starts: [String: Int] = [:]
        for (index, page) in pagesText.components(separatedBy: "\u{0C}").enumerated() {
            guard let first = page.split(whereSeparator: \.isNewline)
                .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) else { continue }
            let words = first.split(separator: " ")
            guard words.count == 2, words[0].lowercased() == "chapter" else { continue }
            let number = String(words[1])
            if starts[number] == nil { starts[number] = index + 1 }
        }
        return starts
    }

    /// `html` (print.html) with each contents entry followed by its chapter's page.
    static func numbered(_ html: String, pages: [String: Int]) -> String {
        var html = html
        for (number, page) in pages {
            let entry = "<span class=\"print-toc-number\">\(number)</span>"
            guard let start = html.range(of: entry), let end = html.range(of: "</a></li>", range: start.upperBound..<html.endIndex) else { continue }
            html.replaceSubrange(end.lowerBound..<end.lowerBound, with: "<span class=\"print-toc-page\">\(page)</span>")
        }
        return html
    }
}
