import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The scanner finds `\(…)`, claims, math and references in prose, and
/// nothing inside code.
@Suite struct ScannerTests {
    /// The spans and problems the parse stage finds in a chapter.
    func scan(_ text: String) -> ChapterDocument {
        ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: text))
    }

    func expressions(_ text: String) -> [String] {
        scan(text).spans.compactMap { span in
            if case .value(let e) = span.kind { return e.expression }
            return nil
        }
    }

    @Test func findsAValueAndPutsItInTheParagraph() {
        let result = scan("The loss is \\(loss) today.")
        #expect(result.spans.count == 1)
        #expect(result.blocks.map(\.kind) == [.paragraph([.text("The loss is "), .span(0), .text(" today.")])])
        #expect(result.spans[0].location == SourceLocation(line: 1, column: 13))
    }

    @Test func expressionsMayHoldParenthesesStringsAndClosures() {
        #expect(expressions(#"A \(f(g(1), [2, 3])) and \(z.map { $0 * 2 }) and \("a ) b \(x)") end"#)
            == ["f(g(1), [2, 3])", "z.map { $0 * 2 }", #""a ) b \(x)""#])
    }

    @Test func aDollarInsideAnExpressionIsSwiftNotMath() {
        let result = scan(#"Doubled: \(z.map { $0 * 2 }) and $x$."#)
        #expect(result.spans.count == 2)
        guard case .math(let m) = result.spans[1].kind else { Issue.record("no math"); return }
        #expect(m.pieces == [.tex("x")])
    }

    @Test func formatsAndClaimsAreRead() {
        let spans = scan(#"\(x, decimals: 4) \(y, significant: 3) \(loss ≈ 0.462) \(q ≈ (0.23, 0.63)) \(f(a, b))"#).spans
        let parsed = spans.compactMap { span -> InlineExpression? in
            if case .value(let e) = span.kind { return e }
            return nil
        }
        #expect(parsed.map(\.format) == [.decimals(4), .significant(3), .plain, .plain, .plain])
        #expect(parsed.map(\.claim) == [nil, nil, "0.462", "(0.23, 0.63)", nil])
        #expect(parsed[4].expression == "f(a, b)")
    }

    @Test func nothingInsideCodeSpansOrCodeBlocks() {
        let text = """
            Code `\\(x)` and ``a `$y$` b`` stay.

            ```swift
            let s = "\\(x) $z$"
            ```

                indented \\(w)
            """
        #expect(scan(text).spans.isEmpty)
    }

    @Test func escapesStayLiteral() {
        #expect(scan(#"A literal \\(x) and a dollar \$5 and \$x\$."#).spans.isEmpty)
    }

    @Test func currencyIsNotMath() {
        let result = scan("It costs $5 and $6, or $ 7.")
        #expect(result.spans.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func inlineMathFollowsPandocsRules() {
        let result = scan("Math $a+b$, not $ a$ closed; $x$5 is not closed by a digit-followed dollar $y$.")
        let tex = result.spans.compactMap { span -> String? in
            if case .math(let m) = span.kind, case .tex(let t) = m.pieces.first { return t }
            return nil
        }
        #expect(tex.first == "a+b")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func valuesInsideMathArePieces() {
        let result = scan(#"$$ L = \(loss, decimals: 3) + x $$ {#eq:loss}"#)
        guard case .math(let m) = result.spans.first?.kind else { Issue.record("no math"); return }
        #expect(m.display)
        #expect(m.label == "eq:loss")
        #expect(m.pieces.count == 3)
        #expect(m.pieces[0] == .tex(" L = "))
    }

    @Test func mathAcrossLinesButNotAcrossParagraphs() {
        let result = scan("$$\nx = 1\n$$\n\n$$\ny\n\nz $$")
        #expect(result.spans.count == 1)
        // The $$ of line 5 ends at the blank line, the one of line 8 never closes: both are literal, as in pandoc.
        #expect(result.diagnostics.isEmpty)
    }

    @Test func anUnbalancedValueIsAnErrorAtItsStart() {
        let result = scan("Text \\(softmax([1, 2]) more\n\nnext paragraph)")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics[0].line == 1)
        #expect(result.diagnostics[0].column == 6)
        #expect(result.diagnostics[0].message.contains("unbalanced"))
    }

    @Test func anUnterminatedDollarIsALiteralDollar() {
        let result = scan("Half math $x + y here.")
        #expect(result.diagnostics.isEmpty)
        #expect(result.spans.isEmpty)
    }

    @Test func referencesAreFound() {
        let result = scan("See @fig:forward-pass, @eq:loss. Mail me@eq:not.")
        let labels = result.spans.compactMap { span -> String? in
            if case .reference(let l) = span.kind { return l }
            return nil
        }
        #expect(labels == ["fig:forward-pass", "eq:loss"])
    }

    @Test func linkDestinationsAutolinksAndTagsAreNotScanned() {
        let result = scan(#"[t](http://e.com/$a$) <http://e.com/$b$> <span title="$c$">x</span> and [see](http://x/@eq:none) $d$"#)
        #expect(result.spans.count == 1)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func aBadFormatDoesNotHideTheRestOfTheParagraph() {
        let result = scan(#"A \(1, decimals: 99) and B \(2, decimals: 99) and \(3)."#)
        #expect(result.diagnostics.map(\.column) == [3, 28])
        #expect(result.spans.count == 1)
    }

    @Test func aMalformedClaimLiteralIsAScanError() {
        let result = scan(#"A \(v ≈ .5)."#)
        #expect(result.diagnostics.first?.message.contains("is not a number") == true)
    }

    @Test func columnsCountCharactersNotBytes() {
        let result = scan("Größe ≈ \\(x)")
        #expect(result.spans.first?.location.column == 9)
    }
}
