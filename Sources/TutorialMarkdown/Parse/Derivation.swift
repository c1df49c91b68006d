import Foundation
import TeXMath
import TutorialBase

/// A `derivation` block: a chain of steps, each read from the TeX readers
/// see, that must all agree — on random draws of its inputs (`% for`), or
/// once, on the chapter's own values, for a worked example.
package struct Derivation: Sendable, Hashable {
    /// One random input: `NAME in GENERATOR`.
    public struct Variable: Sendable, Hashable {
        /// The input's name.
        public var name: String
        /// The Swift expression of its generator, `logits(count: 2...8)`.
        package var generator: String
    }

    /// `% let NAME = SWIFT` or `% let NAME(a, b: Int) = SWIFT` (TeXMath's ``MathDeclaration``).
    public typealias Declaration = MathDeclaration

    /// How a step is joined to the chain (TeXMath's ``StepRelation``).
    public typealias Relation = StepRelation

    /// Where a step's value comes from.
    public enum Source: Sendable, Hashable {
        /// The TeX, as the reader understood it.
        case tex(MathExpression)
        /// The Swift expression after `%` on the step's line. `reason` says
        /// why the TeX beside it could not be read; nil when the TeX was read
        /// too and both are checked.
        case twin(String, reason: String?)
    }

    /// One value of the chain.
    public struct Step: Sendable, Hashable {
        /// The step's chapter line.
        public var line: Int
        /// Column of the step's first token (or of its Swift twin).
        package var column: Int
        /// The TeX of the step, as written between its relations.
        package var tex: String
        /// How the step is joined to the one before (`=` or `\approx`).
        public var relation: Relation
        /// What is evaluated: the step's TeX, or its Swift twin.
        public var source: Source
        /// The line's side condition (`\text{for } i \ne j`): the step is
        /// checked on the draws where it holds.
        package var condition: MathCondition? = nil
        /// The chapter line the step ends on, when it goes on past `line`
        /// (a right side broken before an operator, a matrix over rows).
        package var lastLine: Int? = nil

        /// "line 7", or "lines 7–8" for a step written over several lines.
        package var lines: String { lastLine.map { "lines \(line)–\($0)" } ?? "line \(line)" }

        /// Whether the step was checked from its TeX.
        package var isFromTeX: Bool {
            if case .tex = source { return true }
            return false
        }

        /// Whether only a Swift twin checks the step (its TeX could not be read).
        package var isTwinOnly: Bool {
            if case .twin(_, let reason) = source { return reason != nil }
            return false
        }

        /// The step as the reader understood it, for messages:
        /// `q[i] - indicator(y == i)`, or `Swift twin: …`.
        package var reading: String {
            switch source {
            case .tex(let expression): return MathReading.text(expression)
            case .twin(let swift, _): return "Swift twin: \(swift)"
            }
        }
    }

    /// The derivation's number in the chapter, from 0.
    public var index: Int
    /// Its index among the chapter's fenced code blocks.
    package var codeBlockIndex: Int
    /// The line of its opening fence.
    package var fenceLine: Int
    /// Line of the `% for` line (or the fence when there is none).
    package var forLine: Int
    /// The random inputs of the `% for` line, drawn in order.
    public var variables: [Variable]
    /// The `% let` names its TeX may use.
    public var declarations: [Declaration] = []
    /// The steps of the chain, in order; each must agree with the first.
    public var steps: [Step]
    /// The TeX lines readers see, with their chapter lines, comments stripped.
    var displayLines: [(line: Int, tex: String)] = []
    /// The relative tolerance of `=` steps.
    package var tolerance: Double
    /// The absolute tolerance of `=` steps (`% atol`); nil for the default,
    /// `tolerance · 10⁻³`.
    var absoluteTolerance: Double? = nil
    /// 1 under `% indices from 1`, else 0.
    package var indexBase = 0
    /// The values of the chapter's code and of the block that an `\approx`
    /// step's numbers may stand for (see `__texApproximateStep`).
    package var knownValues: [String] = []
    /// The values of the chapter's code in scope (which lend their types to
    /// untyped parameters of `% let` functions).
    package var chapterValueNames: [String] = []
    /// How many separate equations (chains) the block holds.
    package var chainCount: Int { steps.filter { $0.relation == .first }.count }
    /// How many random draws are checked (1 for a worked example).
    package var draws: Int
    /// The `eq:` label the derivation is referred to by, if any.
    package var label: String?

    /// Whether a `% for` generator draws an index or a class (`index(below:)`,
    /// `label(below:)`), which `% indices from 1` counts from 1 too.
    package static func drawsIndex(_ generator: String) -> Bool {
        ["index(", "label(", "ChapterRuntime.index(", "ChapterRuntime.label("].contains { generator.hasPrefix($0) }
    }

    /// The absolute tolerance in force.
    package var absolute: Double { absoluteTolerance ?? tolerance * 1e-3 }

    /// The relative tolerance when the derivation sets none.
    static let defaultTolerance = 1e-9
    /// The loosest relative tolerance a derivation may set: `=` between two
    /// steps a thousandth apart is already more than rounding, and a looser
    /// one would let through steps a reader does not call equal.
    package static let loosestTolerance = 1e-3

    /// The tolerances a derivation set, as its check note states them ("within
    /// a relative 10⁻⁶"), or nil when it kept the defaults: a reader who is
    /// told "checked" should see how closely, when it is not the usual.
    package var toleranceNote: String? {
        guard tolerance != Self.defaultTolerance || absoluteTolerance != nil else { return nil }
        var note = "within a relative \(Self.plain(tolerance))"
        if let absoluteTolerance { note += " or an absolute \(Self.plain(absoluteTolerance))" }
        return note
    }

    /// `1e-06` as 10⁻⁶, other numbers as `%g` writes them.
    static func plain(_ x: Double) -> String {
        let exponent = log10(x).rounded()
        guard x > 0, abs(x - pow(10, exponent)) <= 1e-12 * x else { return String(format: "%g", x) }
        let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        return exponent == 0 ? "1" : "10" + String(String(Int(exponent)).map { superscripts[$0] ?? $0 })
    }
    /// The number of draws when the derivation sets none.
    static let defaultDraws = 200

    /// A worked example: no `% for` line, so it is evaluated once, on the
    /// chapter's own values.
    package var isWorkedExample: Bool { variables.isEmpty }

    /// How many times the steps are evaluated.
    package var evaluations: Int { isWorkedExample ? 1 : draws }

    /// The number of steps checked from their TeX.
    package var texStepCount: Int { steps.filter(\.isFromTeX).count }
    /// The number of steps only a Swift twin checks (their TeX could not be read).
    package var twinOnlyStepCount: Int { steps.filter(\.isTwinOnly).count }

    /// The TeX readers see: the lines, comments stripped, as one aligned equation.
    package var displayTeX: String {
        let body = displayLines.map { line -> String in
            let aligned = Self.aligned(line.tex.trimmingCharacters(in: .whitespaces))
            return aligned.hasSuffix(#"\\"#) ? String(aligned.dropLast(2)) : aligned
        }.joined(separator: " \\\\\n")
        return "\\begin{aligned}\n" + body + "\n\\end{aligned}"
    }

    /// Where a KaTeX error in `displayTeX` points, as a chapter line and
    /// column: KaTeX says "at position N" (1-based, in UTF-16 units of the
    /// TeX it was given) or "at end of input".
    package func location(ofTeXError message: String) -> (line: Int, column: Int) {
        guard let last = displayLines.last else { return (fenceLine, 1) }
        if message.contains("at end of input") { return (last.line, last.tex.unicodeScalars.count + 1) }
        guard let range = message.range(of: #"at position (\d+)"#, options: .regularExpression),
              let position = Int(message[range].split(separator: " ").last ?? "")
        else { return (fenceLine, 1) }
        var offset = "\\begin{aligned}\n".utf16.count
        for (k, line) in displayLines.enumerated() {
            let trimmed = line.tex.trimmingCharacters(in: .whitespaces)
            var aligned = Self.aligned(trimmed)
            if aligned.hasSuffix(#"\\"#) { aligned = String(aligned.dropLast(2)) }
            let separator = k + 1 < displayLines.count ? " \\\\\n".utf16.count : 0
            let within = position - 1 - offset
            if within < aligned.utf16.count + separator {
                // Columns count Unicode scalars of the line as written: undo the
                // `&` that `aligned` may have inserted and the trimmed indentation.
                let prefix = String(aligned.utf16.prefix(max(within, 0))) ?? ""
                // A row that a matrix or `cases` spans holds newlines: the error is on a later line.
                if let newline = prefix.lastIndex(of: "\n") {
                    let breaks = prefix.filter { $0 == "\n" }.count
                    return (line.line + breaks, prefix[prefix.index(after: newline)...].unicodeScalars.count + 1)
                }
                let inserted = aligned != trimmed && prefix.contains("&") && !trimmed.hasPrefix(prefix) ? 1 : 0
                let leading = line.tex.prefix(while: { $0 == " " }).unicodeScalars.count
                return (line.line, prefix.unicodeScalars.count - inserted + leading + 1)
            }
            offset += aligned.utf16.count + separator
        }
        return (last.line, 1)
    }

    /// A line with no `&` is aligned at its first relation outside braces
    /// (so a first line written `L = …` lines up with the `&= …` lines below
    /// it, and `\sum_{j=1}^{K}` keeps its `=`).
    /// The `&` of a matrix or `cases` (inside `\begin…\end`) is not an alignment point.
    static func aligned(_ line: String) -> String {
        var depth = 0, environments = 0
        var previous: Character = " "
        var index = line.startIndex
        var relation: String.Index?
        while index < line.endIndex {
            let c = line[index]
            if c == "\\", line[index...].hasPrefix("\\begin{") { environments += 1 }
            if c == "\\", line[index...].hasPrefix("\\end{") { environments = max(environments - 1, 0) }
            if c == "&", previous != "\\", environments == 0 { return line }
            if (c == "{" || c == "(" || c == "[") && previous != "\\" { depth += 1 }
            if (c == "}" || c == ")" || c == "]") && previous != "\\" { depth = max(depth - 1, 0) }
            if depth == 0, environments == 0, relation == nil {
                if c == "=" && previous != "\\" { relation = index }
                if c == "\\", line[index...].hasPrefix("\\approx") { relation = index }
            }
            previous = previous == "\\" && c == "\\" ? " " : c
            index = line.index(after: index)
        }
        guard let relation else { return line }
        return line[..<relation] + "&" + line[relation...]
    }

    /// Equal when they are the same derivation with the same steps and inputs.
    public static func == (a: Derivation, b: Derivation) -> Bool {
        a.index == b.index && a.fenceLine == b.fenceLine && a.steps == b.steps && a.variables == b.variables
            && a.declarations == b.declarations && a.displayTeX == b.displayTeX && a.tolerance == b.tolerance
            && a.draws == b.draws && a.label == b.label && a.codeBlockIndex == b.codeBlockIndex
            && a.absoluteTolerance == b.absoluteTolerance && a.indexBase == b.indexBase && a.knownValues == b.knownValues
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(fenceLine)
        hasher.combine(steps)
        hasher.combine(displayTeX)
    }
}
