/// One chapter's line in the progress output.
public struct ChapterReport: Sendable, Codable {
    /// The chapter file, as diagnostics name it.
    public var path: String
    /// The chapter file name without `.md`.
    public var name: String
    /// Inline values shown.
    package var values: Int
    /// Claims checked.
    package var claims: Int
    /// Derivations checked.
    package var derivations: Int
    /// Errors in the chapter, TeX errors included.
    public var errors: Int
    /// Time spent compiling, running and checking the chapter.
    public var seconds: Double
    /// Whether the run came from the cache.
    package var cached: Bool
    /// Whether swiftc compiled the chapter in this build.
    public var compiled: Bool
    /// Whether the chapter has code to compile and run (a prose-only
    /// chapter is neither cached nor compiled).
    package var hasProgram: Bool = true
    /// Whether this is the front page (`README.md`), which is not counted as a chapter.
    package var isFrontPage = false
    /// Display equations no check covers and nothing explains.
    package var uncheckedDisplays = 0
    /// Decimal numbers in prose no check covers and nothing explains.
    package var uncheckedNumbers = 0

    /// A report; the counts a build adds after checking (front page, unchecked
    /// displays and numbers) start at their defaults.
    package init(
        path: String, name: String, values: Int, claims: Int, derivations: Int, errors: Int, seconds: Double,
        cached: Bool, compiled: Bool, hasProgram: Bool = true, isFrontPage: Bool = false,
        uncheckedDisplays: Int = 0, uncheckedNumbers: Int = 0
    ) {
        self.path = path
        self.name = name
        self.values = values
        self.claims = claims
        self.derivations = derivations
        self.errors = errors
        self.seconds = seconds
        self.cached = cached
        self.compiled = compiled
        self.hasProgram = hasProgram
        self.isFrontPage = isFrontPage
        self.uncheckedDisplays = uncheckedDisplays
        self.uncheckedNumbers = uncheckedNumbers
    }
}
