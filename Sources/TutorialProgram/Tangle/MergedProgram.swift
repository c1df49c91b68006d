import TeXMath
import TutorialBase
import TutorialMarkdown

/// Several chapter programs as one Swift program, for one compile.
///
/// Each chapter is one file, `chapter-K.swift`: its `mergedSource` (its
/// declarations and its function `fileprivate`, so that two chapters may
/// both declare `struct Point`) and an entry `__tutorialEntryK`. `main.swift`
/// runs the chapter its first argument names (the chapter's program key),
/// exactly as the chapter's own `main.swift` would. One compiler start, one
/// module load and one link then serve every chapter (see `MergedCompile`).
package struct MergedProgram: Sendable {
    /// One source file: its name in the compile folder and its text.
    package struct File: Sendable, Hashable {
        package var name: String
        package var text: String
    }

    /// The chapters' files, in `programs` order, then `main.swift`.
    package var files: [File]

    /// The file of each chapter, by its position in `programs`.
    package static func fileName(_ k: Int) -> String { "chapter-\(k).swift" }

    /// Merges `programs`, each run by the argument `entries[k]`.
    package init(_ programs: [ChapterProgram], entries: [String], imports: [String]) {
        var files: [File] = []
        var main = imports.joined(separator: "\n") + "\n"
        main += "switch CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : \"\" {\n"
        for (k, program) in programs.enumerated() {
            let entry = "@MainActor func __tutorialEntry\(k)() async { do { try await __tutorialChapter() } catch { __tutorialUncaught(error) } }\n"
            files.append(File(name: Self.fileName(k), text: program.mergedSource + entry))
            main += "case \(ValueQuote.swift(entries[k])): await __tutorialEntry\(k)()\n"
        }
        main += "default: fatalError(\"this program holds no chapter named by its argument\")\n}\n"
        files.append(File(name: "main.swift", text: main))
        self.files = files
    }
}
