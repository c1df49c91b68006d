/// Typeset: builds a chapter's body HTML with cmark, putting in the values,
/// claims, typeset math, highlighted code, printed output, figures and
/// cross-reference links.
struct ChapterTypesetter {
    var document: ChapterDocument
    var run: ChapterRun?
    var page: String
    var formulas: ChapterFormulas
    var formulaHTML: [Formula: String]
    var references: CrossReferences
    var unsafe: Bool

    struct Output {
        var html: String
        var title: String
        var titleHTML: String
        var outline: [OutlineEntry]
    }

    func typeset() -> Output {
        let values = run?.values ?? [:]
        var spanHTML: [String] = []
        var spanText: [String] = []
        var blockSpans = Set<Int>()
        for (index, span) in document.spans.enumerated() {
            let id = document.firstExpressionOfSpan[index]
            switch span.kind {
            case .value(let expression):
                let (html, text) = Self.valueHTML(expression, value: values[id])
                spanHTML.append(html)
                spanText.append(text)
            case .math(let math):
                let formula = formulas.spans[index]
                // Claims inside the formula get their anchors (the Checks page links to them) just before it.
                let anchors = math.pieces.compactMap { piece -> String? in
                    guard case .value(let e) = piece, e.claim != nil else { return nil }
                    return "<span class=\"anchor\" id=\"\(Self.checkAnchor(e))\"></span>"
                }.joined()
                let rendered = anchors + (formula.flatMap { formulaHTML[$0] } ?? HTML.escape(formula?.tex ?? ""))
                if math.display {
                    let (html, isBlock) = displayMath(rendered, label: math.label)
                    spanHTML.append(html)
                    if isBlock { blockSpans.insert(index) }
                } else {
                    spanHTML.append(rendered)
                }
                spanText.append(formula?.tex ?? "")
            case .reference(let label):
                if let target = references.resolve(label) {
                    spanHTML.append(references.link(target, from: page))
                    spanText.append(target.name)
                } else {
                    spanHTML.append(HTML.escape("@" + label))
                    spanText.append("@" + label)
                }
            }
        }

        var codeHTML: [Int: String] = [:]
        for block in document.swiftBlocks {
            codeHTML[block.codeBlockIndex] = swiftBlockHTML(block)
        }
        for derivation in document.derivations {
            codeHTML[derivation.codeBlockIndex] = derivationHTML(derivation)
        }
        let strayFigures = (run?.figures ?? []).filter { figure in
            !document.swiftBlocks.contains { $0.index == figure.block }
        }

        let rewrite = MarkdownRewrite(
            codeBlock: { codeHTML[$0] },
            inlineHTML: { spanHTML.indices.contains($0) ? spanHTML[$0] : "" },
            inlineText: { spanText.indices.contains($0) ? spanText[$0] : "" },
            isBlock: { blockSpans.contains($0) },
            isLink: { index in
                guard document.spans.indices.contains(index), case .reference = document.spans[index].kind else { return false }
                return true
            })
        var html = CommonMark.renderHTML(document.maskedText, unsafe: unsafe, rewrite: rewrite)
        html += strayFigures.map(figureHTML).joined()
        let (anchored, headings) = HeadingAnchors.apply(html)
        let title = headings.first(where: { $0.level == 1 }) ?? headings.first
        let outline = headings.filter { $0.level >= 2 && $0.level <= 3 }
            .map { OutlineEntry(level: $0.level, id: $0.id, titleHTML: HTML.escape($0.text)) }
        return Output(
            html: anchored, title: title?.text ?? document.name,
            titleHTML: title?.html ?? HTML.escape(document.name), outline: outline)
    }

    /// The anchor id of a check on its chapter page; the Checks page links
    /// to it. Heading slugs never start with `check-` (see `HeadingAnchors`),
    /// so the two cannot clash.
    static func checkAnchor(line: Int, column: Int) -> String {
        "check-\(line)-\(column)"
    }

    /// The anchor of a claim: at its expression.
    static func checkAnchor(_ expression: InlineExpression) -> String {
        checkAnchor(line: expression.location.line, column: expression.location.column)
    }

    static func valueHTML(_ expression: InlineExpression, value: Value?) -> (String, String) {
        let computed = value.map { ValueFormatter.format($0, expression.format) } ?? "?"
        if let claim = expression.claim {
            let exact = value.map { ValueFormatter.format($0, .plain) } ?? "?"
            let title = "checked: \(expression.expression) = \(exact)"
            let id = checkAnchor(expression)
            return ("<span class=\"claim\" id=\"\(id)\" title=\"\(HTML.escape(title))\">\(HTML.escape(claim))</span>", claim)
        }
        return ("<span class=\"value\" title=\"\(HTML.escape(expression.expression))\">\(HTML.escape(computed))</span>", computed)
    }

    /// Display math: a numbered block when labelled.
    func displayMath(_ rendered: String, label: String?) -> (String, Bool) {
        guard let label, let target = references.resolve(label) else {
            return ("<div class=\"equation\">\(rendered)</div>", true)
        }
        return ("<div class=\"equation numbered\" id=\"\(HTML.escape(target.id))\">\(rendered)<span class=\"eq-number\">(\(target.number))</span></div>", true)
    }

    func swiftBlockHTML(_ block: SwiftBlock) -> String {
        var html = ""
        if !block.hidden {
            let kind = block.runs ? "" : " class=\"norun\" title=\"shown, not run\""
            html += "<pre\(kind)><code class=\"language-swift\">\(SwiftHighlighter.html(block.code))</code></pre>\n"
        }
        if block.showsOutput, let printed = run?.printed[block.index], !printed.isEmpty {
            html += "<pre class=\"output\"><code>\(HTML.escape(printed))</code></pre>\n"
        }
        for figure in run?.figures ?? [] where figure.block == block.index {
            html += figureHTML(figure)
        }
        return html
    }

    func figureHTML(_ figure: ChapterRun.Figure) -> String {
        let target = references.resolve(figure.label)
        let id = target.map { " id=\"\(HTML.escape($0.id))\"" } ?? ""
        let name = target.map { "\($0.name):" } ?? ""
        var svg = figure.svg
        if let open = svg.range(of: "<svg") {
            svg.replaceSubrange(open, with: "<svg aria-label=\"\(HTML.escape(figure.alt))\"")
        }
        return "<figure class=\"figure\"\(id)>\(svg)<figcaption><span class=\"figure-label\">\(HTML.escape(name))</span> \(HTML.escape(figure.caption))</figcaption></figure>\n"
    }

    /// "✓ All 8 steps checked from their TeX on 200 random draws (z, y, i).",
    /// or how many only a Swift twin checked.
    static func derivationNote(_ derivation: Derivation, draws: Int) -> String {
        let tex = derivation.texStepCount
        let twins = derivation.twinOnlyStepCount
        let alsoTwin = derivation.steps.filter { !$0.isFromTeX && !$0.isTwinOnly }.count
        var how = twins == 0
            ? "All \(tex) steps checked from their TeX"
            : "\(tex + twins) steps checked: \(tex) from their TeX, \(twins) by \(twins == 1 ? "its" : "their") Swift twin\(twins == 1 ? "" : "s")"
        if alsoTwin > 0 { how += " (\(alsoTwin) also against \(alsoTwin == 1 ? "a" : "their") Swift twin\(alsoTwin == 1 ? "" : "s"))" }
        let on = derivation.isWorkedExample
            ? "on the chapter's values"
            : "on \(draws) random draws (\(derivation.variables.map(\.name).joined(separator: ", ")))"
        return "✓ \(how) \(on)."
    }

    func derivationHTML(_ derivation: Derivation) -> String {
        let formula = formulas.derivations[derivation.index]
        let rendered = formula.flatMap { formulaHTML[$0] } ?? ""
        let draws = run?.derivations[derivation.index]?.draws ?? derivation.draws
        let id = Self.checkAnchor(line: derivation.fenceLine, column: 1)
        var number = ""
        var labelID = ""
        if let label = derivation.label, let target = references.resolve(label) {
            number = "<span class=\"eq-number\">(\(target.number))</span>"
            labelID = " id=\"\(HTML.escape(target.id))\""
        }
        return """
            <div class="derivation"\(labelID)><div class="equation\(number.isEmpty ? "" : " numbered")">\(rendered)\(number)</div>\
            <p class="check-note" id="\(id)">\(HTML.escape(Self.derivationNote(derivation, draws: draws)))</p></div>

            """
    }
}
