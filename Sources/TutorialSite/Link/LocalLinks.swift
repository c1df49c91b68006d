import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Link: checks every link and image of the book that points at a local
/// file, and rewrites it to what the site holds.
///
/// - A link to a chapter (`02-x.md`, `02-x.md#section`) becomes a link to its
///   page (`02-x.html#section`); the anchor is checked once the pages are
///   typeset (`AnchorCheck`), as heading ids come from the typeset text.
/// - Any other local file — an image, a data file — must exist inside the
///   book's folder (the one that holds the chapters folder); it is copied
///   into the site as `files/` + its path in the book, so names stay unique
///   and nothing is written outside the site. The link is rewritten to it.
/// - A destination with a scheme (`https:`, `mailto:`) or starting with `/`
///   is left alone.
/// - A link or image that leads nowhere, or out of the book, is an error at
///   its line; an image without alt text is a warning.
package struct LocalLinks {
    /// What the links of the book need.
    package struct Result {
        /// The documents with their local links rewritten.
        package var documents: [ChapterDocument]
        /// Files to copy: site path → path on disk.
        package var files: [String: String] = [:]
        /// Anchors to look for once the pages are typeset.
        package var anchors: [AnchorCheck.Reference] = []
        package var diagnostics: [Diagnostic] = []
    }

    /// The folder that holds the chapters folder, standardized and as resolved.
    let bookFolder: String
    let resolvedBookFolder: String
    /// Each chapter's standardized absolute path → its index.
    package let chapters: [String: Int]
    package let pages: [String]
    /// The cache folder, resolved: never published.
    let cacheFolder: String?
    /// `[html] files`, resolved: published even when hidden.
    package let publishedFiles: [String]

    package init(documents: [ChapterDocument], pages: [String], chaptersDirectory: String,
         cacheDirectory: String? = nil, publishedFiles: [String] = []) {
        cacheFolder = cacheDirectory.map(BookBoundary.resolve)
        self.publishedFiles = publishedFiles.map(BookBoundary.resolve)
        let chaptersURL = URL(fileURLWithPath: chaptersDirectory).standardizedFileURL
        bookFolder = chaptersURL.deletingLastPathComponent().path
        resolvedBookFolder = chaptersURL.deletingLastPathComponent().resolvingSymlinksInPath().path
        var chapters: [String: Int] = [:]
        for (k, document) in documents.enumerated() {
            chapters[URL(fileURLWithPath: document.path).standardizedFileURL.path] = k
        }
        self.chapters = chapters
        self.pages = pages
    }

    /// Checks and rewrites the links of every document.
    package func resolve(_ documents: [ChapterDocument]) -> Result {
        var result = Result(documents: documents)
        for k in documents.indices {
            var blocks = documents[k].blocks
            let document = documents[k]
            let folder = URL(fileURLWithPath: document.path).standardizedFileURL.deletingLastPathComponent().path
            var locator = LinkLocator(text: document.source.text)
            // The chapter's text, then its footnotes: links there lead somewhere too.
            func visit(_ blocks: inout [MarkdownBlock]) {
                blocks.updateInlines { inlines, block in
                    MarkdownInline.updateLinks(&inlines) { inline in
                        switch inline {
                        case .link(let destination, let title, let children):
                            let at = locator.locate(destination, in: block)
                            let href = rewrite(destination, image: false, from: k, folder: folder, at: at, file: document.path, into: &result)
                            inline = .link(destination: href, title: title, children)
                        case .image(let source, let title, let children):
                            let at = locator.locate(source, in: block)
                            if Self.isEmpty(children) {
                                result.diagnostics.append(Diagnostic(file: document.path, line: at.line, column: at.column, severity: .warning,
                                    "the image '\(source)' has no alt text: describe it for readers who cannot see it, as in ![a plot of the loss](\(source))"))
                            }
                            let href = rewrite(source, image: true, from: k, folder: folder, at: at, file: document.path, into: &result)
                            inline = .image(source: href, title: title, children)
                        default:
                            break
                        }
                    }
                }
            }
            visit(&blocks)
            result.documents[k].blocks = blocks
            for n in document.footnotes.indices {
                var note = document.footnotes[n].blocks
                visit(&note)
                result.documents[k].footnotes[n].blocks = note
            }
            for (index, inlines) in document.inlineNotes {
                let line = document.spans[index].location.line
                var note = [MarkdownBlock(kind: .paragraph(inlines), startLine: line, endLine: line)]
                visit(&note)
                if case .paragraph(let rewritten) = note[0].kind { result.documents[k].inlineNotes[index] = rewritten }
            }
        }
        return result
    }

    /// The href for `destination` in the site, recording what it needs.
    func rewrite(
        _ destination: String, image: Bool, from chapter: Int, folder: String, at: SourceLocation, file: String,
        into result: inout Result
    ) -> String {
        let what = image ? "image" : "link"
        func problem(_ message: String) -> String {
            result.diagnostics.append(Diagnostic(file: file, line: at.line, column: at.column, message))
            return destination
        }
        switch LinkDestination(destination) {
        case .external:
            return destination
        case .fragment(let name):
            result.anchors.append(AnchorCheck.Reference(file: file, location: at, destination: destination, page: chapter, anchor: name))
            return destination
        case .local(let path, let fragment):
            let absolute = URL(fileURLWithPath: (folder as NSString).appendingPathComponent(path)).standardizedFileURL.path
            let shown = ChapterLoader.displayPath(absolute)
            if let target = chapters[absolute], !image {
                if let fragment {
                    result.anchors.append(AnchorCheck.Reference(file: file, location: at, destination: destination, page: target, anchor: fragment))
                }
                return PageNames.href(pages[target]) + (fragment.map { "#" + $0 } ?? "")
            }
            guard absolute.hasPrefix(bookFolder + "/") else {
                return problem("the \(what) '\(destination)' leads outside the book's folder (the one that holds the chapters folder); render copies only files inside it")
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else {
                if image { return problem("the image '\(destination)' is missing: there is no file \(shown)") }
                return problem("the link '\(destination)' leads nowhere: there is no \(path.hasSuffix(".md") ? "chapter or file" : "file") \(shown)")
            }
            guard !isFolder.boolValue else {
                return problem("the \(what) '\(destination)' leads to the folder \(shown); link to a file or a chapter")
            }
            let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
            guard resolved.hasPrefix(resolvedBookFolder + "/") else {
                return problem("the \(what) '\(destination)' is a symbolic link to '\(resolved)', outside the book's folder; render copies only files inside it")
            }
            if let refusal = unpublished(absolute, resolved: resolved) {
                return problem("the \(what) '\(destination)' leads to \(refusal), which render never publishes; list it in book.toml's [html] files to publish it")
            }
            let sitePath = "files/" + absolute.dropFirst(bookFolder.count + 1)
            guard SiteWriter.isSafe(sitePath) else {
                return problem("the \(what) '\(destination)' has a file name the site cannot hold (control characters)")
            }
            result.files[sitePath] = absolute
            return PageNames.href(sitePath) + (fragment.map { "#" + $0 } ?? "")
        }
    }

    /// Why the file at `absolute` (`resolved` once its links are followed)
    /// may not be published, or nil when it may: a hidden path, in the book
    /// or where a link leads, or the cache, unless `[html] files` lists it.
    func unpublished(_ absolute: String, resolved: String) -> String? {
        if publishedFiles.contains(where: { BookBoundary.isInside(resolved, $0) }) { return nil }
        if let cacheFolder, BookBoundary.isInside(resolved, cacheFolder) { return "the build cache" }
        let written = String(absolute.dropFirst(bookFolder.count + 1))
        let real = String(resolved.dropFirst(resolvedBookFolder.count + 1))
        if BookBoundary.isHidden(written) || BookBoundary.isHidden(real) { return "a hidden path ('\(BookBoundary.isHidden(written) ? written : real)')" }
        return nil
    }

    /// An image description with no text a screen reader could read.
    package static func isEmpty(_ inlines: [MarkdownInline]) -> Bool {
        inlines.allSatisfy { inline in
            switch inline {
            case .text(let t), .code(let t): t.allSatisfy(\.isWhitespace)
            case .softBreak, .lineBreak, .html, .taskBox: true
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): isEmpty(c)
            case .span: false
            }
        }
    }
}
