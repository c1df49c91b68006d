import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// One work of a bibliography, as a BibTeX or CSL-JSON file gives it.
public struct BibEntry: Sendable, Hashable {
    /// A person's name: the family name is what citations show.
    public struct Name: Sendable, Hashable {
        /// The family name ("Bishop", "van Gogh"), which citations show.
        var family: String
        /// The given names ("Christopher M."), which reference lists shorten to initials.
        public var given: String

        /// Creates a name.
        public init(family: String, given: String = "") {
            self.family = family
            self.given = given
        }

        /// "C. M." from "Christopher M."; hyphenated names keep the hyphen ("J.-P.").
        var initials: String {
            given.split(separator: " ").map { word in
                word.split(separator: "-").compactMap { $0.first.map { "\($0)." } }.joined(separator: "-")
            }.joined(separator: " ")
        }
    }

    /// The citation key (`bishop2006`).
    public var key: String
    /// The entry type, lower-case: `article`, `book`, `inproceedings`, `misc`, `online`, `techreport`…
    package var type: String
    /// Every field, names lower-case, values as plain text (braces and LaTeX accents read).
    var fields: [String: String]
    /// The authors (or, without any, the editors); `others` sets `andOthers`.
    public var authors: [Name]
    /// The author list ends in `and others`.
    var andOthers = false
    /// The file the entry was read from.
    public var file: String
    /// The line the entry starts at (1 for CSL-JSON).
    public var line: Int

    /// Creates an entry.
    public init(key: String, type: String, fields: [String: String], authors: [Name], andOthers: Bool = false, file: String, line: Int) {
        self.key = key
        self.type = type
        self.fields = fields
        self.authors = authors
        self.andOthers = andOthers
        self.file = file
        self.line = line
    }

    /// The year: `year`, or the first four digits of `date`; "n.d." without either.
    var year: String {
        if let year = fields["year"], !year.isEmpty { return year }
        if let date = fields["date"], date.count >= 4, date.prefix(4).allSatisfy(\.isNumber) { return String(date.prefix(4)) }
        return "n.d."
    }
}
