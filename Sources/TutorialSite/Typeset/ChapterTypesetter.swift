import ChapterChannel
import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TeXMath

/// Typeset: writes a chapter's body HTML from its parsed tree (see
/// `HTMLRenderer`), putting in the values, claims, typeset math, highlighted
/// code, printed output, figures and cross-reference links.
package struct ChapterTypesetter {
    package var document: ChapterDocument
    package var run: ChapterRun?
    package var page: String
    package var formulas: ChapterFormulas
    package var formulaHTML: [Formula: String]
    package var references: CrossReferences
    package var unsafe: Bool
    /// The works `[@key]` and `@key` cite.
    package var bibliography = Bibliography()
    /// How a value without a format of its own prints (book.toml's `[format]`).
    package var plainNumbers: PlainNumberFormat = .shortest

    package struct Output {
        package var html: String
        package var title: String
        var titleHTML: String
        package var outline: [OutlineEntry]
        /// The id of every heading on the page, for links to `#section`.
        package var headingIDs: [String] = []
    }

    /// Typesets the chapter: the body HTML (without the title heading), the
    /// title and the outline.
    package func typeset() -> Output {
        let values = run?.values ?? [:]
        var spanHTML: [String] = []
        var spanText: [String] = []
        var blockHTML: [Int: String] = [:]
        let notes = Footnotes(document)
        let citations = Citations(bibliography: bibliography)
        for (index, span) in document.spans.enumerated() {
            let id = document.firstExpressionOfSpan[index]
            switch span.kind {
            case .value(let expression):
                let (html, text) = Self.valueHTML(expression, value: values[id], plain: plainNumbers)
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
                    // In a sentence, display math stays phrasing content: a <div> may not stand inside a <p>.
                    spanHTML.append(displayMath(rendered, label: math.label, element: "span"))
                    blockHTML[index] = displayMath(rendered, label: math.label, element: "div")
                } else {
                    spanHTML.append(rendered)
                }
                spanText.append(formula?.tex ?? "")
            case .footnote(let label):
                spanHTML.append(notes.marks[index] ?? HTML.escape("[^\(label)]"))
                spanText.append("")
            case .inlineNote:
                spanHTML.append(notes.marks[index] ?? "^[")
                spanText.append("")
            case .inlineNoteEnd:
                spanHTML.append("]")
                spanText.append("]")
            case .citation(let citation):
                spanHTML.append(citations.html(citation))
                spanText.append(citations.text(citation))
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
        let strayTables = (run?.tables ?? []).filter { table in
            !document.swiftBlocks.contains { $0.index == table.block }
        }

        var renderer = HTMLRenderer(
            unsafe: unsafe, headingIDs: [],
            codeBlock: { codeHTML[$0] },
            span: { index, place in
                guard spanHTML.indices.contains(index) else { return "" }
                switch place {
                case .inline: return spanHTML[index]
                case .block: return blockHTML[index] ?? spanHTML[index]
                case .text: return HTML.escape(spanText[index], as: .commonMark)
                case .insideLink:
                    // Links do not nest: a reference inside a link's text is its name.
                    switch document.spans[index].kind {
                    case .reference, .citation: return HTML.escape(spanText[index], as: .commonMark)
                    default: break
                    }
                    if let mark = notes.plainMark(index) { return mark }
                    return spanHTML[index]
                }
            },
            isBlock: { blockHTML[$0] != nil })
        renderer.numbered = { [references, page] line in references.numbered[CrossReferences.Place(page: page, line: line)] }
        renderer.imageAttributes = { [document] line in document.imageAttributes[line] }

        // The title is the chapter's first block when that is a level-1 heading; the page shows it above the body.
        var body = document.blocks
        var titleInlines: [MarkdownInline]?
        if case .heading(1, let inlines)? = body.first?.kind {
            titleInlines = inlines
            body.removeFirst()
        }
        let titleHTML = titleInlines.map { renderer.inlineHTML($0) }
        let headings = HeadingAnchors.headings(in: body, explicit: document.headingIDs) { renderer.inlineHTML($0) }
        renderer.headingIDs = headings.map(\.id)
        var html = renderer.render(body)
        html += strayFigures.map(figureHTML).joined()
        html += strayTables.map(tableHTML).joined()
        html += citations.section(document)
        html += notes.section(document, blocks: { renderer.render($0) }, inlines: { renderer.inlineHTML($0) })
        let outline = headings.filter { $0.level >= 2 && $0.level <= 3 }
            .map { OutlineEntry(level: $0.level, id: $0.id, titleHTML: HTML.escape($0.text)) }
        let title = titleHTML.map(HeadingAnchors.plainText)
        return Output(
            html: html, title: title ?? document.name,
            titleHTML: titleHTML ?? HTML.escape(document.name), outline: outline, headingIDs: headings.map(\.id))
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

    static func valueHTML(_ expression: InlineExpression, value: Value?, plain: PlainNumberFormat = .shortest) -> (String, String) {
        let computed = value.map { ValueFormatter.prose($0, expression.format, plain: plain) } ?? "?"
        if let claim = expression.claim {
            let exact = value.map { ValueFormatter.format($0, .plain) } ?? "?"
            let title = "checked: \(expression.expression) = \(exact)"
            let id = checkAnchor(expression)
            return ("<span class=\"claim\" id=\"\(id)\" title=\"\(HTML.escape(title))\">\(HTML.escape(claim))</span>", claim)
        }
        return ("<span class=\"value\" title=\"\(HTML.escape(expression.expression))\">\(HTML.escape(computed))</span>", computed)
    }

    /// Display math in `element` (`div` on its own, `span` in a sentence):
    /// numbered when labelled.
    func displayMath(_ rendered: String, label: String?, element: String) -> String {
        guard let label, let target = references.resolve(label) else {
            return "<\(element) class=\"equation\">\(rendered)</\(element)>"
        }
        return "<\(element) class=\"equation numbered\" id=\"\(HTML.escape(target.id))\">\(rendered)<span class=\"eq-number\">(\(target.number))</span></\(element)>"
    }

    func swiftBlockHTML(_ block: SwiftBlock) -> String {
        var html = ""
        if !block.hidden {
            let kind = block.runs ? "" : " class=\"norun\" title=\"shown, not run\""
            html += "<pre\(kind)><code class=\"language-swift\">\(SwiftHighlighter.html(block.code, runs: block.reading.highlights))</code></pre>\n"
        }
        if block.showsOutput, let printed = run?.printed[block.index], !printed.isEmpty {
            html += "<pre class=\"output\"><code>\(HTML.escape(printed))</code></pre>\n"
        }
        for figure in run?.figures ?? [] where figure.block == block.index {
            html += figureHTML(figure)
        }
        for table in run?.tables ?? [] where table.block == block.index {
            html += tableHTML(table)
        }
        return html
    }

    func figureHTML(_ figure: ChapterRun.Figure) -> String {
        let target = references.resolve(figure.label)
        let id = target.map { " id=\"\(HTML.escape($0.id))\"" } ?? ""
        let name = target.map { "\($0.name):" } ?? ""
        // Written again through the allowlist: no markup from a program reaches the page as sent.
        let svg = SVGAllowlist.clean(figure.svg, label: figure.alt)
        return "<figure class=\"figure\"\(id)>\(svg)<figcaption><span class=\"figure-label\">\(HTML.escape(name))</span> \(HTML.escape(figure.caption))</figcaption></figure>\n"
    }

    /// A table from `table(...)`: numbered caption above, cells as text;
    /// columns whose every cell is a number are right-aligned.
    func tableHTML(_ table: ChapterRun.Table) -> String {
        let target = references.resolve(table.label)
        let id = target.map { " id=\"\(HTML.escape($0.id))\"" } ?? ""
        let name = target.map { "\($0.name):" } ?? ""
        let numeric = table.header.indices.map { c in
            !table.rows.isEmpty && table.rows.allSatisfy { c < $0.count && Self.isNumber($0[c]) }
        }
        // One string grown in place: a program may send a million cells.
        var html = "<figure class=\"table\"\(id)><figcaption><span class=\"figure-label\">\(HTML.escape(name))</span> \(HTML.escape(table.caption))</figcaption>\n"
        html.reserveCapacity(table.rows.reduce(256) { $0 + $1.reduce(32) { $0 + $1.utf8.count + 30 } })
        func cell(_ tag: String, _ text: String, _ column: Int) {
            html += column < numeric.count && numeric[column] ? "<\(tag) class=\"align-right\">" : "<\(tag)>"
            html += HTML.escape(text)
            html += "</\(tag)>\n"
        }
        html += "<table>\n<thead>\n<tr>\n"
        for (c, heading) in table.header.enumerated() { cell("th", heading, c) }
        html += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            html += "<tbody>\n"
            for row in table.rows {
                html += "<tr>\n"
                for c in table.header.indices { cell("td", c < row.count ? row[c] : "", c) }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n</figure>\n"
    }

    /// A cell that reads as a number: `-0.462`, `3.86e-22`, `1200`, `nan`,
    /// `inf`, with spaces around it and `−` (U+2212) for the minus.
    package static func isNumber(_ text: String) -> Bool {
        // A plain ASCII cell is read in place; only another space or a − needs copies.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var utf8 = Substring(text).utf8
            while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
            while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
            return !utf8.isEmpty && Double(Substring(utf8)) != nil
        }
        return Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")) != nil
    }

    /// "✓ All 8 steps checked from their TeX on 200 random draws (z, y, i).",
    /// or how many only a Swift twin checked, and the tolerances when the
    /// derivation set its own ("…, within a relative 10⁻⁶.").
    static func derivationNote(_ derivation: Derivation, draws: Int) -> String {
        let tex = derivation.texStepCount
        let twins = derivation.twinOnlyStepCount
        let alsoTwin = derivation.steps.filter { !$0.isFromTeX && !$0.isTwinOnly }.count
        var how = twins == 0
            ? "All \(tex) steps checked from their TeX"
            : "\(tex + twins) steps checked: \(tex) from their TeX, \(twins) by \(twins == 1 ? "its" : "their") Swift twin\(twins == 1 ? "" : "s")"
        if alsoTwin > 0 { how += " (\(alsoTwin) also against \(alsoTwin == 1 ? "a" : "their") Swift twin\(alsoTwin == 1 ? "" : "s"))" }
        if twins > 0 {
            let which = derivation.steps.filter(\.isTwinOnly).map { "“\($0.tex)”" }.joined(separator: ", ")
            how += " (\(which)),"
        }
        let on = derivation.isWorkedExample
            ? "on the chapter's values"
            : "on \(draws) random draw\(draws == 1 ? "" : "s") (\(derivation.variables.map(\.name).joined(separator: ", ")))"
        let chains = derivation.chainCount
        let equations = chains > 1 ? ", read as \(chains) separate equations" : ""
        let within = derivation.toleranceNote.map { ", \($0)" } ?? ""
        return "✓ \(how) \(on)\(equations)\(within)." + Self.ownNamesNote(derivation)
    }

    /// The symbols every reader knows that the block gives a meaning of its
    /// own (a `% let` or a `% for` name, which the page does not show): the
    /// steps were checked with that meaning, so the note says so ("Here π is
    /// the block's own name, not the number π."), or `% let \pi = 3` would
    /// make π x = 3x read as checked.
    static func ownNamesNote(_ derivation: Derivation) -> String {
        let familiar: [(name: String, symbol: String, meaning: String)] = [
            ("e", "e", "Euler's number"), ("pi", "π", "the number π"), ("delta", "δ", "the Kronecker delta"),
        ]
        let own = Set(derivation.declarations.map(\.name) + derivation.variables.map(\.name))
        var notes = familiar.filter { own.contains($0.name) }.map { "Here \($0.symbol) is the block's own name, not \($0.meaning)." }
        // A function the reader knows (\sin, \tanh, …) that the block declares is checked as declared.
        notes += TeXMathParser.trigonometric.keys.sorted().filter { own.contains($0) }.map { "Here \($0) is the function the block declares." }
        return notes.isEmpty ? "" : " " + notes.joined(separator: " ")
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

    /// The memberwise initializer, for the driver a layer above.
    package init(document: ChapterDocument, run: ChapterRun?, page: String, formulas: ChapterFormulas, formulaHTML: [Formula: String], references: CrossReferences, unsafe: Bool, bibliography: Bibliography = Bibliography(), plainNumbers: PlainNumberFormat = .shortest) {
        self.bibliography = bibliography
        self.document = document
        self.run = run
        self.page = page
        self.formulas = formulas
        self.formulaHTML = formulaHTML
        self.references = references
        self.unsafe = unsafe
        self.plainNumbers = plainNumbers
    }
}
