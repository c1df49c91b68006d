/// The outcome of a whole build.
public struct BuildSummary: Sendable {
    /// Every chapter's report, in file order.
    public var chapters: [ChapterReport]
    /// Every problem of the build, ordered by file, line and column.
    public var diagnostics: [Diagnostic]
    /// Wall-clock time of the whole build.
    public var seconds: Double
    /// Said at the end of the line when it applies: "sandbox off (--no-sandbox)".
    public var notes: [String] = []

    /// A summary of `chapters` and `diagnostics`, which took `seconds`.
    package init(chapters: [ChapterReport], diagnostics: [Diagnostic], seconds: Double, notes: [String] = []) {
        self.chapters = chapters
        self.diagnostics = diagnostics
        self.seconds = seconds
        self.notes = notes
    }

    /// "7 chapters · 42 values · 18 claims · 4 derivations · 0 failed · 1.3 s"
    public var line: String {
        let values = chapters.map(\.values).reduce(0, +)
        let claims = chapters.map(\.claims).reduce(0, +)
        let derivations = chapters.map(\.derivations).reduce(0, +)
        return ([
            Self.count(chapters.filter { !$0.isFrontPage }.count, "chapter"), Self.count(values, "value"), Self.count(claims, "claim"),
            Self.count(derivations, "derivation"),
        ] + uncheckedNote + ["\(diagnostics.filter { $0.severity == .error }.count) failed", Self.seconds(seconds)] + notes).joined(separator: " · ")
    }

    /// "3 displays and 2 numbers not checked", when there are any.
    var uncheckedNote: [String] {
        let displays = chapters.map(\.uncheckedDisplays).reduce(0, +), numbers = chapters.map(\.uncheckedNumbers).reduce(0, +)
        let parts = (displays > 0 ? [Self.count(displays, "display")] : []) + (numbers > 0 ? [Self.count(numbers, "number")] : [])
        return parts.isEmpty ? [] : [parts.joined(separator: " and ") + " not checked"]
    }

    package static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    package static func seconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.2f s", s) : String(format: "%.1f s", s)
    }
}
