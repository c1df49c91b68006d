import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Assembles the site's pages from the typeset chapters: the index (the
/// chapters folder's README.md, if any, is its introduction), one page per
/// chapter, the Checks page and `checks.json`.
package struct BookAssembler {
    package var documents: [ChapterDocument]
    package var pages: [String]
    package var bodies: [ChapterTypesetter.Output]
    package var checks: [ChapterCheck]
    /// `[book] title`, which wins over the front page's heading.
    package var title: String?
    /// The language, authors, description and extra stylesheets (book.toml).
    package var book = BookMetadata()
    /// print.html prints the solutions open (`render pdf --solutions`); without, it leaves them out.
    package var printSolutions = false

    static let defaultTitle = "Book"

    package func site() throws -> SiteFiles {
        var site = SiteFiles()
        let readme = documents.firstIndex(where: \.isFrontPage)
        let chapterIndices = documents.indices.filter { $0 != readme }
        let bookTitle = title ?? readme.map { bodies[$0].title } ?? Self.defaultTitle
        let toc = chapterIndices.map { TOCEntry(title: bodies[$0].title, href: PageNames.href(pages[$0])) }

        var intro = ""
        if let readme {
            intro = bodies[readme].html
        }
        site.add("index.html", PageTemplate.index(bookTitle: bookTitle, introHTML: intro, chapters: toc, book: book))

        for (position, k) in chapterIndices.enumerated() {
            let check = checks[k]
            let content = ChapterPageContent(
                number: position + 1, title: bodies[k].title, titleHTML: bodies[k].titleHTML,
                bodyHTML: bodies[k].html, outline: bodies[k].outline,
                previous: position > 0 ? toc[position - 1] : nil,
                next: position + 1 < toc.count ? toc[position + 1] : nil,
                checkSummary: Self.summary(check))
            site.add(pages[k], PageTemplate.chapter(bookTitle: bookTitle, chapters: toc, page: content, book: book))
        }

        var rows: [CheckRow] = []
        var records: [CheckRecord] = []
        for k in documents.indices {
            for record in checks[k].records.sorted(by: { $0.line < $1.line }) {
                records.append(record)
                var computed = record.computed, expected = record.expected, full: String?
                if record.kind == .claim {
                    computed = CheckDisplay.claimValue(computed: record.computed, literal: record.expected)
                    full = record.computed
                } else if let derivation = documents[k].derivations.first(where: { $0.fenceLine == record.line }) {
                    computed = CheckDisplay.derivationOutcome(record, derivation: derivation)
                    expected = CheckDisplay.derivationChecked(derivation)
                }
                rows.append(CheckRow(
                    chapterTitle: bodies[k].title, chapterHref: PageNames.href(pages[k]), location: "\(record.chapter):\(record.line)",
                    anchor: record.anchor, kind: record.kind, expression: record.expression,
                    computed: computed, computedFull: full, expected: expected, passed: record.passed))
            }
        }
        let unchecked = documents.indices.flatMap { k in
            Coverage(documents[k]).items.map { item in
                UncheckedRow(chapterTitle: bodies[k].title, chapterHref: PageNames.href(pages[k]),
                             location: "\(documents[k].path):\(item.line)", kind: item.kind.rawValue, text: item.text, reason: item.reason)
            }
        }
        site.add("checks.html", PageTemplate.checks(bookTitle: bookTitle, chapters: toc, rows: rows, unchecked: unchecked, book: book))
        let printed = chapterIndices.enumerated().map { position, k in
            PrintBook.Chapter(
                number: position + 1, title: bodies[k].title, titleHTML: bodies[k].titleHTML,
                bodyHTML: bodies[k].html, href: toc[position].href)
        }
        site.add("print.html", PrintBook(bookTitle: bookTitle, introHTML: intro, chapters: printed, book: book, solutions: printSolutions).page())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        site.add("checks.json", bytes: [UInt8](try encoder.encode(records)) + [0x0A])
        return site
    }

    /// "12 values · 3 claims · 1 derivation checked"
    package static func summary(_ check: ChapterCheck) -> String {
        var parts: [String] = []
        if check.valueCount > 0 { parts.append(BuildSummary.count(check.valueCount, "computed value")) }
        if check.claimCount > 0 { parts.append(BuildSummary.count(check.claimCount, "claim")) }
        if check.derivationCount > 0 { parts.append(BuildSummary.count(check.derivationCount, "derivation")) }
        return parts.isEmpty ? "" : parts.joined(separator: " · ") + " checked"
    }

    /// The memberwise initializer, for the driver a layer above.
    package init(documents: [ChapterDocument], pages: [String], bodies: [ChapterTypesetter.Output], checks: [ChapterCheck], title: String?, book: BookMetadata = BookMetadata(), printSolutions: Bool = false) {
        self.book = book
        self.printSolutions = printSolutions
        self.documents = documents
        self.pages = pages
        self.bodies = bodies
        self.checks = checks
        self.title = title
    }
}
