import SwiftParser
import SwiftSyntax
import TutorialBase

/// The names render's tangled program is made of (`__tutorialValue`,
/// `__texAdd`, `__TeXValue`, `__random`, `__t3`…): chapter code may not use
/// them, nor declare a `ChapterRuntime` of its own.
///
/// A chapter that called them could send records with a valid frame in a
/// valid place: a value of its choosing, or the program's end before the
/// checks ran. A chapter that declared them would shadow what the program
/// calls: a block's `func __texAdd<T>(_ a: T, _ b: T) -> T { a }` is found
/// before the runtime's, so the derivation x = 2x = x + 1 would read every
/// sum and product as its first term and pass. And a chapter's own `enum
/// ChapterRuntime` would stand for the module in the program's
/// `ChapterRuntime.real(in: 1...2)`, so the draws would be its own. So every
/// piece of chapter code the program runs (swift blocks, inline values,
/// derivations) is read for them before anything is compiled. The rule is
/// every identifier starting with `__`, so a name the program gains later is
/// covered; Swift's own `__owned`, `__shared` and `__consuming` stay
/// allowed.
package enum ReservedNames {
    /// The prefix of every name render's program is made of.
    static let prefix = "__"

    /// Swift's own words that start with the prefix, which chapter code may write.
    static let swiftWords: Set<Substring> = ["__owned", "__shared", "__consuming", "__setter_access"]

    /// The module the program names to reach the runtime past the chapter's own names.
    static let runtimeModule = "ChapterRuntime"

    /// The words that declare a name, before which `ChapterRuntime` may not stand.
    static let declaringWords: Set<Substring> = ["struct", "enum", "class", "actor", "protocol", "typealias", "func", "let", "var", "case", "associatedtype"]

    /// Whether `word` is a reserved name: an identifier starting with `__`
    /// that is not one of Swift's own words.
    static func isReserved(_ word: Substring) -> Bool {
        word.hasPrefix(prefix) && word.count > prefix.count && !swiftWords.contains(word)
    }

    /// The first reserved name in the Swift `code`, read as Swift's own
    /// tokens (so a name in a string or a comment is no use): its name, and
    /// its 0-based line and 1-based column there. A reserved name is an
    /// identifier starting with `__` (not one of `swiftWords`), `ChapterRuntime`
    /// right after a word that declares it, or one of the runtime's modules
    /// after `@testable import` (reported as `@testable import NAME`).
    static func firstUse(in code: Substring) -> (name: String, line: Int, column: Int)? {
        let source = String(code)
        guard source.contains(prefix) || source.contains(runtimeModule) || RuntimeModules.names.contains(where: source.contains) else { return nil }
        let tree = Parser.parse(source: source)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        func found(_ name: String, at token: TokenSyntax) -> (name: String, line: Int, column: Int) {
            let location = converter.location(for: token.positionAfterSkippingLeadingTrivia)
            let utf8 = source.utf8
            let lineStart = utf8.index(utf8.startIndex, offsetBy: location.offset - (location.column - 1))
            let start = utf8.index(utf8.startIndex, offsetBy: location.offset)
            return (name, location.line - 1, source[lineStart..<start].count + 1)
        }
        var previous: Substring = ""
        var testableImport = false
        for token in tree.tokens(viewMode: .sourceAccurate) {
            let text = Substring(token.text)
            defer { previous = text }
            if case .identifier = token.tokenKind {
                let name = text.hasPrefix("`") ? text.dropFirst().dropLast() : text
                if isReserved(name) || (name == runtimeModule && declaringWords.contains(previous)) { return found(String(name), at: token) }
                if testableImport, RuntimeModules.names.contains(String(name)) { return found("@testable import \(name)", at: token) }
            }
            // `@testable import [struct] MODULE`: the words between keep it open.
            if text == "testable", previous == "@" { testableImport = true } else if !(testableImport && (text == "import" || declaringWords.contains(text))) { testableImport = false }
        }
        return nil
    }

    /// The first reserved name in a derivation's `line` (TeX, or a `%` line
    /// of Swift): its name and 1-based column.
    static func firstUse(inLine line: Substring) -> (name: String, column: Int)? {
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            column += 1
            if isIdentifierStart(c) {
                let word = line[index...].prefix(while: isIdentifierPart)
                if isReserved(word) { return (String(word), column) }
                column += word.count - 1
                index = word.endIndex
                continue
            }
            index = line.index(after: index)
        }
        return nil
    }

    static func isIdentifierStart(_ c: Character) -> Bool { c == "_" || c.isLetter }
    static func isIdentifierPart(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }

    /// The diagnostic of a Swift file the chapter programs compile with (a
    /// shared source) that uses a reserved name, at the name.
    package static func diagnostics(inSwiftFile file: String, text: String) -> [Diagnostic] {
        guard let use = firstUse(in: text[...]) else { return [] }
        return [Diagnostic(file: file, line: use.line + 1, column: use.column, message(for: use.name))]
    }

    /// What to say of the reserved name `name`, and what to write instead.
    static func message(for name: String) -> String {
        name.hasPrefix("@testable import ")
            ? "a book may not write `\(name)`: it would reach the runtime's internals, which render's program alone may use; write `import \(name.split(separator: " ").last ?? "")`"
            : name == runtimeModule
            ? "a book may not declare its own `\(runtimeModule)`: that is the name render's program reaches its runtime by, past the chapter's own names; rename it"
            : "`\(name)` is a name of render's runtime, which a book's code may not use or declare (names starting with `\(prefix)` are render's own): rename it"
    }

    /// The diagnostics of a chapter whose code uses reserved names: one per
    /// block, inline value or derivation, at the name.
    package static func check(_ document: ChapterDocument, lines: [Substring]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func report(_ use: (name: String, line: Int, column: Int), line: Int, column: Int) {
            found.append(Diagnostic(file: document.source.path, line: line + use.line, column: use.line == 0 ? column + use.column - 1 : use.column,
                message(for: use.name)))
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
                if let use = firstUse(inLine: lines[number - 1]) {
                    report((use.name, 0, use.column), line: number, column: 1)
                    break
                }
            }
        }
        return found
    }
}
