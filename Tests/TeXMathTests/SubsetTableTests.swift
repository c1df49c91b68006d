import Foundation
import Testing
@testable import TeXMath

/// The guide's table of the TeX subset (`guide/chapters/03-derivations.md`) says
/// how each example reads; the reader must read it exactly so, so that the table
/// and the reader cannot drift apart.
@Suite struct SubsetTableTests {
    /// The names the table's examples use: vectors z, q, p, w; indices i, y, K;
    /// numbers x, c, m; the values L and Loss; f, a function of one argument.
    static let scope: MathScope = {
        var scope = MathScope()
        for name in ["z", "q", "p", "w", "i", "y", "K", "x", "c", "m", "epsilon", "L", "Loss"] {
            scope.declare(name, .value, variable: true, inBlock: true)
        }
        scope.declare("f", .declaredFunction(arity: 1), inBlock: true)
        scope.vectorInputs = ["z"]
        return scope
    }()

    /// The (TeX, reading) pairs of the guide's subset table.
    static func rows() throws -> [(tex: String, reading: String)] {
        let chapter = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("guide/chapters/03-derivations.md")
        let text = try String(contentsOf: chapter, encoding: .utf8)
        guard let start = text.range(of: "**The TeX subset.**") else { return [] }
        var rows: [(String, String)] = []
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4) {
            guard line.hasPrefix("|") else { break }
            // The last cell: `TEX` → `READING`, with `\|` standing for `|` inside the table.
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{0}").split(separator: "|")
            guard let last = cells.last, let arrow = last.range(of: "` → `") else { continue }
            let tex = last[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces).dropFirst()
            let reading = last[arrow.upperBound...].trimmingCharacters(in: .whitespaces).dropLast()
            rows.append((String(tex).replacingOccurrences(of: "\u{0}", with: "|"), String(reading).replacingOccurrences(of: "\u{0}", with: "|")))
        }
        return rows
    }

    @Test func everyRowOfTheGuidesTableReadsAsItSays() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 25, "found \(rows.count) rows")
        for (tex, reading) in rows {
            let got: String
            do {
                got = MathReading.text(try TeXMathParser.read(TeXLexer.tokens(tex, column: 1), scope: Self.scope))
            } catch {
                got = "error: \(error.first.message)"
            }
            #expect(got == reading, "guide: `\(tex)` → `\(reading)`, the reader: \(got)")
        }
    }
}
