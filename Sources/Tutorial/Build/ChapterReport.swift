/// One chapter's line in the progress output.
public struct ChapterReport: Sendable {
    public var path: String
    public var name: String
    public var values: Int
    public var claims: Int
    public var derivations: Int
    public var errors: Int
    public var seconds: Double
    /// Whether the run came from the cache.
    public var cached: Bool
    /// Whether swiftc compiled the chapter in this build.
    public var compiled: Bool
}

/// The outcome of a whole build.
public struct BuildSummary: Sendable {
    public var chapters: [ChapterReport]
    public var diagnostics: [Diagnostic]
    public var seconds: Double
    /// Said at the end of the line when it applies: "sandbox off (--no-sandbox)".
    public var notes: [String] = []

    /// "7 chapters · 42 values · 18 claims · 4 derivations · 0 failed · 1.3 s"
    public var line: String {
        let values = chapters.map(\.values).reduce(0, +)
        let claims = chapters.map(\.claims).reduce(0, +)
        let derivations = chapters.map(\.derivations).reduce(0, +)
        return ([
            Self.count(chapters.count, "chapter"), Self.count(values, "value"), Self.count(claims, "claim"),
            Self.count(derivations, "derivation"), "\(diagnostics.count) failed", Self.seconds(seconds),
        ] + notes).joined(separator: " · ")
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    static func seconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.2f s", s) : String(format: "%.1f s", s)
    }
}
