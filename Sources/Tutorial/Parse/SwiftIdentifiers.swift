import SwiftParser
import SwiftSyntax

/// The identifiers a piece of Swift mentions: what a `% let` value is computed from.
enum SwiftIdentifiers {
    static func `in`(_ swift: String) -> Set<String> {
        ChapterSymbols.identifiers(in: Syntax(Parser.parse(source: swift)))
    }
}
