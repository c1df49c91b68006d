import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The works a book may cite, read from its bibliography files (`[book]
/// bibliography` in book.toml, or `--bibliography`): BibTeX, or CSL-JSON
/// for a file ending in `.json`.
public struct Bibliography: Sendable {
    /// Every entry, by key; the first file that has a key wins.
    public private(set) var entries: [String: BibEntry] = [:]

    /// An empty bibliography: every citation of a key is unknown.
    public init() {}

    /// Creates a bibliography from entries.
    public init(_ entries: [BibEntry]) {
        for entry in entries where self.entries[entry.key] == nil { self.entries[entry.key] = entry }
    }

    /// Whether it holds no entry.
    public var isEmpty: Bool { entries.isEmpty }

    /// Reads `paths` (as given; `shown` names them in messages); a file
    /// that is missing or does not parse is an error at its own line.
    public static func load(_ paths: [String], shown: (String) -> String = { $0 }) -> (Bibliography, [Diagnostic]) {
        var all: [BibEntry] = []
        var problems: [Diagnostic] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(Diagnostic(file: shown(path), line: 1, "the bibliography '\(shown(path))' cannot be read: there is no such file"))
                continue
            }
            let result = path.lowercased().hasSuffix(".json")
                ? CSLJSONReader.read(data, file: shown(path))
                : BibTeXReader.read(String(decoding: data, as: UTF8.self), file: shown(path))
            switch result {
            case .success(let entries): all += entries
            case .failure(let problem): problems.append(problem.diagnostic)
            }
        }
        return (Bibliography(all), problems)
    }
}
