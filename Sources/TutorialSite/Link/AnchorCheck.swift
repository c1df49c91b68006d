import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Checks the anchors links point at (`#section`, `02-x.md#section`) once
/// the pages are typeset: a heading's id comes from its typeset text.
package enum AnchorCheck {
    /// A link to an anchor on a chapter's page.
    package struct Reference: Sendable {
        package var file: String
        package var location: SourceLocation
        /// The destination as written.
        var destination: String
        /// The index of the chapter it points into.
        package var page: Int
        var anchor: String
    }

    /// An error for each reference whose page has no such anchor.
    /// - Parameter anchors: every id on each chapter's page.
    package static func problems(_ references: [Reference], anchors: [Set<String>], names: [String]) -> [Diagnostic] {
        references.compactMap { reference in
            guard !anchors[reference.page].contains(reference.anchor) else { return nil }
            let headings = anchors[reference.page].filter { !$0.contains(":") && !$0.hasPrefix("check-") }.sorted()
            let known = headings.isEmpty ? "it has no headings" : "its headings are " + headings.prefix(8).map { "#" + $0 }.joined(separator: ", ") + (headings.count > 8 ? ", …" : "")
            return Diagnostic(file: reference.file, line: reference.location.line, column: reference.location.column,
                "the link '\(reference.destination)' leads to no anchor: \(names[reference.page]).md has no '#\(reference.anchor)' (\(known))")
        }
    }
}
