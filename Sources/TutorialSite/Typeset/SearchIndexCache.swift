import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The last search index built, kept beside the typeset formulas so that a
/// build whose text did not change does not start node.
///
/// The key hashes the documents and Lunr's own source (a new Lunr may
/// serialize differently). Only the latest index is kept: storing one
/// deletes the others.
struct SearchIndexCache {
    /// Changes whenever the node script builds the index differently.
    static let revision = "4"

    package let directory: URL?
    var lookups: [URL] = []

    /// - Throws: ``MathTypesetterError/lunrNotFound(path:)`` when Lunr is not installed.
    package func key(_ request: SearchRequest) throws -> String {
        let module = URL(fileURLWithPath: request.lunrModule)
        let script = ["index.js", "lunr.js"].lazy.map { module.appendingPathComponent($0).resolvingSymlinksInPath().path }
            .first { FileManager.default.fileExists(atPath: $0) }
        guard let script, let lunr = FileManager.default.contents(atPath: script) else {
            throw MathTypesetterError.lunrNotFound(path: request.lunrModule)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let documents = (try? encoder.encode(request.documents)) ?? Data()
        return ContentHash.of("lunr", SHA256.hex(lunr), "index", Self.revision, String(decoding: documents, as: UTF8.self))
    }

    package func index(for key: String) -> String? {
        guard directory != nil else { return nil }
        for folder in [directory].compactMap({ $0 }) + lookups {
            if let data = try? Data(contentsOf: folder.appendingPathComponent("search-\(key).json")) {
                return String(decoding: data, as: UTF8.self)
            }
        }
        return nil
    }

    package func store(_ index: String, key: String) {
        guard let directory else { return }
        let fm = FileManager.default
        try? fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix("search-") {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
        try? CacheFile.write(index, to: directory.appendingPathComponent("search-\(key).json").path)
    }
}
