/// A place in a chapter, 1-based, columns counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// How an inline value is printed.
public enum ValueFormat: Sendable, Hashable {
    /// Swift's own printing: shortest round-trip form for floating point.
    case plain
    /// Fixed notation with exactly N digits after the point.
    case decimals(Int)
    /// N significant digits.
    case significant(Int)
}

/// The inside of `\( … )`: an expression to show, or a claim to check.
public struct InlineExpression: Sendable, Hashable {
    /// The Swift expression, as written.
    public var expression: String
    public var format: ValueFormat
    /// For `\(EXPR ≈ LITERAL)`, the literal exactly as written.
    public var claim: String?
    /// Where the expression text starts (for compiler messages).
    public var location: SourceLocation

    public init(expression: String, format: ValueFormat = .plain, claim: String? = nil, location: SourceLocation) {
        self.expression = expression
        self.format = format
        self.claim = claim
        self.location = location
    }
}

/// A piece of TeX: literal text or an interpolated value.
public enum MathPiece: Sendable, Hashable {
    case tex(String)
    case value(InlineExpression)
}

/// `$…$` or `$$…$$`, possibly with interpolated values and an equation label.
public struct MathSpan: Sendable, Hashable {
    public var display: Bool
    public var pieces: [MathPiece]
    /// `eq:NAME` from a trailing `{#eq:NAME}` after display math.
    public var label: String?
}

/// Something the scanner found in a chapter's prose, to be replaced before
/// cmark sees the text.
public struct Span: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case value(InlineExpression)
        case math(MathSpan)
        /// `@fig:NAME` or `@eq:NAME`.
        case reference(String)
    }

    public var kind: Kind
    public var location: SourceLocation

    /// The text cmark sees in place of span `index`: private-use characters
    /// around the index, which cmark treats as ordinary text.
    public static func placeholder(_ index: Int) -> String {
        "\u{E000}\(index)\u{E001}"
    }
}
