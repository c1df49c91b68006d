import Foundation
import TutorialBase
import TutorialMarkdown

/// Tangle: writes a chapter's program.
///
/// The chapter's blocks, values and derivations run in document order inside
/// one function, so that using a name before the block that declares it is a
/// compile error; declarations that must be global are hoisted to file scope
/// (see `DeclarationHoister`).
///
/// Every piece of chapter code is preceded by a `#sourceLocation` directive
/// naming the chapter file and line, and keeps its column (expressions are
/// indented to where they stand in the chapter), so that swiftc's own
/// diagnostics and runtime traps point at the chapter, not at the program.
/// Calls into ChapterRuntime (`__tutorialBlock`, `__tutorialValue`, …) report
/// progress and values on the side channel.
package enum Tangler {
    /// Writes the program of one chapter.
    /// - Parameter imports: the program's first lines: the runtime, and the
    ///   book's packages and shared sources (`BookLibraries.importLines`).
    /// - Returns: the program, its line-free cache text, its items in order
    ///   and the seeds of its derivations.
    package static func tangle(_ document: ChapterDocument, imports: [String] = ["import ChapterRuntime"]) -> ChapterProgram {
        var fileScope = ProgramWriter(file: document.path)
        let lines = SourceLines(document.source.text)
        var out = ProgramWriter(file: document.path)
        for line in imports {
            fileScope.raw(line)
        }
        out.raw("__tutorialStart(__tutorialChunkLines())")

        enum Item { case block(SwiftBlock), value(Int, InlineExpression), derivation(Derivation) }
        var items: [(line: Int, order: Int, item: Item)] = []
        for block in document.swiftBlocks where block.runs {
            items.append((block.fenceLine, items.count, .block(block)))
        }
        for (id, expression) in document.expressions.enumerated() {
            items.append((expression.location.line, items.count, .value(id, expression)))
        }
        for derivation in document.derivations {
            items.append((derivation.fenceLine, items.count, .derivation(derivation)))
        }
        items.sort { ($0.line, $0.order) < ($1.line, $1.order) }

        for (position, (_, _, item)) in items.enumerated() {
            out.raw("__tutorialAt(\(position))")
            switch item {
            case .block(let block):
                out.raw("__tutorialBlock(\(block.index))")
                for piece in block.reading.pieces {
                    if piece.hoisted {
                        fileScope.located(line: block.firstCodeLine + piece.lineOffset, piece.code, indent: block.indent)
                    } else {
                        out.located(line: block.firstCodeLine + piece.lineOffset, piece.code, indent: block.indent)
                    }
                }
                out.raw("__tutorialBlockEnd(\(block.index))")
            case .value(let id, let expression):
                // Padded in UTF-8 bytes, as swiftc counts columns (ChapterChecker maps them back to characters).
                var at = expression.location
                at.column = lines.byteColumn(line: at.line, column: at.column)
                out.expression(prefix: "__tutorialValue(\(id),", expression.expression, suffix: ")", at: at)
            case .derivation(let derivation):
                DerivationWriter.write(derivation, into: &out)
            }
        }
        out.raw("__tutorialEnd()")
        let opening = "@MainActor func __tutorialChapter() async throws {\n"
        let closing = "}\ndo { try await __tutorialChapter() } catch { __tutorialUncaught(error) }\n"
        // The lines the chunks are compiled at, outside the cache key (see `ChunkLines`).
        let chunkLines = fileScope.chunkLines + out.chunkLines
        let lineTable = "func __tutorialChunkLines() -> [Int] { [\(chunkLines.map(String.init).joined(separator: ", "))] }\n"
        let source = fileScope.text + opening + out.text + closing + lineTable
        // As one file of a merged program: the same declarations, as written (see `ModuleScope`), and no top-level code.
        let merged = fileScope.text + "@MainActor fileprivate func __tutorialChapter() async throws {\n" + out.text + "}\n"
            + "fileprivate " + lineTable
        let key = fileScope.keyText + opening + out.keyText + closing + "func __tutorialChunkLines() -> [Int]\n"
        let hasWork = !document.hasSyntaxErrors
            && (!document.expressions.isEmpty || !document.derivations.isEmpty || document.swiftBlocks.contains(where: \.runs))
        let seeds = document.derivations.map { Seed.derive(chapter: document.name, line: $0.fenceLine) }
        let programItems: [ChapterProgram.Item] = items.map { entry in
            switch entry.item {
            case .block(let block): return .block(block.index)
            case .value(let id, _): return .value(id)
            case .derivation(let derivation): return .derivation(derivation.index)
            }
        }
        return ChapterProgram(
            chapterPath: document.path, chapterName: document.name, source: source, cacheText: key, chunkLines: chunkLines,
            hasWork: hasWork, items: programItems, seeds: seeds, mergedSource: merged)
    }
}

extension Tangler {
    static let generators = ["logits", "label", "index", "probabilities", "real"]

    /// `label(below: n)` → `ChapterRuntime.label(below: n)`, so that a chapter
    /// variable named `label` or `logits` cannot shadow the generator.
    static func qualified(_ generator: String) -> String {
        let trimmed = generator.trimmingCharacters(in: .whitespaces)
        for name in generators where trimmed.hasPrefix(name + "(") {
            return "ChapterRuntime." + trimmed
        }
        return generator
    }
}

/// Seeds for derivation draws: FNV-1a (64-bit) of "chapter:line", so that
/// builds are reproducible and every derivation draws differently. Seeds are
/// passed to the program when it runs (`TUTORIAL_SEEDS`), not compiled into
/// it, so moving a derivation reruns the program but does not recompile it.
enum Seed {
    /// The seed of the derivation at `line` of `chapter` (FNV-1a of both).
    static func derive(chapter: String, line: Int) -> UInt64 {
        Checksum.fnv1a("\(chapter):\(line)".utf8)
    }
}
