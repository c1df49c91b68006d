import TutorialBase

/// A place in a chapter, 1-based, columns counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in Unicode scalars.
    package var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Reading order: by line, then column.
    public static func < (a: Self, b: Self) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// The inside of `\( … )`: an expression to show, or a claim to check.
public struct InlineExpression: Sendable, Hashable {
    /// The Swift expression, as written.
    package var expression: String
    /// How the value is printed.
    public var format: ValueFormat
    /// For `\(EXPR ≈ LITERAL)`, the literal exactly as written.
    public var claim: String?
    /// Whether the claim is exact (`0.25<!-- = q[0] -->` in an article): the
    /// value must be the number written, not merely round to it.
    package var exact = false
    /// Where the expression text starts (for compiler messages).
    /// Where the span starts in the chapter.
    package var location: SourceLocation

    /// Creates an inline expression.
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
    /// Whether it is display math (`$$…$$`).
    public var display: Bool
    /// The TeX and the values put into it, in order.
    public var pieces: [MathPiece]
    /// `eq:NAME` from a trailing `{#eq:NAME}` after display math.
    package var label: String?
}

/// Something the scanner found in a chapter's prose, to be replaced before
/// cmark sees the text.
public struct Span: Sendable, Hashable {
    /// What the span is.
    public enum Kind: Sendable, Hashable {
        case value(InlineExpression)
        case math(MathSpan)
        /// `@fig:NAME`, `@eq:NAME` or `@tbl:NAME`.
        case reference(String)
        /// `[^LABEL]`: a reference to the footnote defined by `[^LABEL]: …`.
        case footnote(String)
        /// The `^[` that opens an inline footnote; the inlines up to its
        /// `inlineNoteEnd` are the note (see `ChapterDocument.inlineNotes`).
        case inlineNote
        /// The `]` that closes an inline footnote.
        case inlineNoteEnd
        /// `[@key]`, `[@a; @b, p. 3]` or a bare `@key`.
        case citation(Citation)
    }

    /// What the span is.
    package var kind: Kind
    /// Where the span starts in the chapter.
    package var location: SourceLocation

    /// The text cmark sees in place of span `index`: private-use characters
    /// around the index, which cmark treats as ordinary text.
    package static func placeholder(_ index: Int) -> String {
        "\u{E000}\(index)\u{E001}"
    }
}
