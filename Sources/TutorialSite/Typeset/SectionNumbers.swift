import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The numbers of a chapter's sections: chapter 2's third `##` heading is
/// 2.3, the first `###` under it 2.3.1. The chapter's title (its first
/// `#`) is the chapter itself.
enum SectionNumbers {
    /// A heading with a `{#sec:…}` label.
    struct Labelled {
        package var label: String
        package var number: String
        package var line: Int
    }

    /// The labelled headings of `document`, numbered; `chapter` is its
    /// chapter number (nil for the front page, whose sections are 1, 2…).
    static func labelled(_ document: ChapterDocument, chapter: Int?) -> [Labelled] {
        guard document.headingIDs.values.contains(where: { $0.hasPrefix("sec:") }) else { return [] }
        var counters: [Int] = []
        var result: [Labelled] = []
        for block in document.blocks {
            guard case .heading(let level, _) = block.kind else { continue }
            var parts = chapter.map { [String($0)] } ?? []
            if level >= 2 {
                let depth = level - 2
                if counters.count > depth + 1 { counters.removeSubrange((depth + 1)...) }
                while counters.count < depth + 1 { counters.append(0) }
                counters[depth] += 1
                parts += counters.map(String.init)
            }
            if let id = document.headingIDs[block.startLine], id.hasPrefix("sec:") {
                result.append(Labelled(label: id, number: parts.isEmpty ? "1" : parts.joined(separator: "."), line: block.startLine))
            }
        }
        return result
    }
}
