import Foundation

/// A `derivation` block: an equality chain whose steps are checked on random inputs.
public struct Derivation: Sendable, Hashable {
    /// One random input: `NAME in GENERATOR`.
    public struct Variable: Sendable, Hashable {
        public var name: String
        public var generator: String
    }

    /// One line of the chain: its TeX and, usually, the Swift value of the step.
    public struct Step: Sendable, Hashable {
        public var tex: String
        public var expression: String?
        public var line: Int
        /// Column of the expression on its line (1-based).
        public var expressionColumn: Int
    }

    public var index: Int
    public var codeBlockIndex: Int
    public var fenceLine: Int
    /// Line of the `% for` line (or the fence when there is none).
    public var forLine: Int
    public var variables: [Variable]
    public var steps: [Step]
    public var tolerance: Double
    public var draws: Int
    public var label: String?

    /// A line with no `&` is aligned at its first `=` (so a first line
    /// written `L = …` lines up with the `&= …` lines below it).
    static func aligned(_ line: String) -> String {
        guard !line.contains("&"), let equals = line.firstIndex(of: "=") else { return line }
        return line[..<equals] + "&" + line[equals...]
    }

    public static let defaultTolerance = 1e-9
    public static let defaultDraws = 200

    /// The steps that carry a Swift expression, in order.
    public var checkedSteps: [Step] { steps.filter { $0.expression != nil } }

    /// The TeX readers see: the lines, comments stripped, as one aligned equation.
    public var displayTeX: String {
        let lines = steps.map { $0.tex.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(Self.aligned)
        let body = lines.map { $0.hasSuffix(#"\\"#) ? String($0.dropLast(2)) : $0 }.joined(separator: " \\\\\n")
        return "\\begin{aligned}\n" + body + "\n\\end{aligned}"
    }
}
