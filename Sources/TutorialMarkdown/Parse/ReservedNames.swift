import TutorialBase

/// The names render's runtime reports through (`__tutorialValue`,
/// `__tutorialEnd`, `__tutorialDerivation`, `__TeXStep`…): chapter code may
/// not use them.
///
/// A chapter that called them, or declared its own under those names (a
/// declaration in the chapter program shadows the runtime's), could send
/// records with a valid frame in a valid place: a value of its choosing, or
/// the program's end before the checks ran. So every piece of chapter code
/// the program runs (swift blocks, inline values, derivations) is read for
/// them before anything is compiled.
enum ReservedNames {
    /// The reserved prefixes.
    static let prefixes = ["__tutorial", "__TeX"]

    /// The first reserved name in `code` that starts a word: its name, and its 0-based line and 1-based column there.
    static func firstUse(in code: Substring) -> (name: String, line: Int, column: Int)? {
        var line = 0, column = 0
        var previous: Character = " "
        var index = code.startIndex
        while index < code.endIndex {
            let c = code[index]
            column += 1
            if c == "\n" { line += 1; column = 0 }
            if c == "_", !(previous.isLetter || previous.isNumber || previous == "_") {
                let rest = code[index...]
                if prefixes.contains(where: { rest.hasPrefix($0) }) {
                    let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    return (String(name), line, column)
                }
            }
            previous = c
            index = code.index(after: index)
        }
        return nil
    }

    /// The diagnostics of a chapter whose code uses reserved names: one per
    /// block, inline value or derivation, at the name.
    package static func check(_ document: ChapterDocument, lines: [Substring]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func report(_ use: (name: String, line: Int, column: Int), line: Int, column: Int) {
            found.append(Diagnostic(file: document.source.path, line: line + use.line, column: use.line == 0 ? column + use.column - 1 : use.column,
                "`\(use.name)` is a name of render's runtime, which chapter code may not use or declare (names starting with \(prefixes.map { "`\($0)`" }.joined(separator: " or ")) are render's own): rename it"))
        }
        for block in document.swiftBlocks where block.runs {
            if let use = firstUse(in: block.code[...]) { report(use, line: block.firstCodeLine, column: block.indent + 1) }
        }
        for expression in document.expressions {
            if let use = firstUse(in: expression.expression[...]) { report(use, line: expression.location.line, column: expression.location.column) }
        }
        for derivation in document.derivations {
            let last = max(derivation.steps.map(\.line).max() ?? derivation.fenceLine, derivation.displayLines.map(\.line).max() ?? derivation.fenceLine)
            for number in derivation.fenceLine...max(last, derivation.fenceLine) where number - 1 < lines.count {
                if let use = firstUse(in: lines[number - 1]) {
                    report(use, line: number, column: 1)
                    break
                }
            }
        }
        return found
    }
}
