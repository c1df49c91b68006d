import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Derivation blocks: generators, declarations, steps, twins, options.
@Suite struct DerivationParserTests {
    func parse(_ text: String, symbols: [ChapterSymbols.Symbol] = []) -> (Derivation, [Diagnostic]) {
        DerivationParser.parse(text, index: 0, codeBlockIndex: 0, fenceLine: 10, firstLine: 11, file: "c.md", symbols: symbols)
    }

    @Test func readsGeneratorsDeclarationsStepsAndOptions() {
        let (d, problems) = parse("""
            % for z in logits(count: 2...8), y in label(below: z.count)
            % let q = softmax(z)
            % let Loss(z, y: Int) = crossEntropy(logits: z, label: y)
            % tolerance 1e-6
            % draws 50
            % label eq:grad
            \\text{Loss}(z, y) &= -\\log q_y
              &= -z_y + \\log\\sum_j e^{z_j} % -z[y] + logSumExp(z)
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(d.variables.map(\.name) == ["z", "y"])
        #expect(d.variables[1].generator == "label(below: z.count)")
        #expect(d.declarations.map(\.name) == ["q", "Loss"])
        #expect(d.declarations[0].swift == "softmax(z)" && d.declarations[0].column == 11)
        #expect(d.declarations[1].parameters == [.init(name: "z", type: nil), .init(name: "y", type: "Int")])
        #expect(d.tolerance == 1e-6 && d.draws == 50 && d.label == "eq:grad")
        #expect(d.steps.map(\.reading) == [
            "Loss(z, y)", "-log(q[y])", "-z[y] + log(sum(j in indices(z): exp(z[j])))", "Swift twin: -z[y] + logSumExp(z)",
        ])
        #expect(d.steps.map(\.line) == [17, 17, 18, 18])
        #expect(d.steps.map(\.column) == [1, 22, 6, 34])
        #expect(d.steps.map(\.relation) == [.first, .equal, .equal, .equal])
        #expect(d.texStepCount == 3 && d.twinOnlyStepCount == 0)
        #expect(!d.displayTeX.contains("logSumExp"))
    }

    @Test func aStepTheReaderCannotReadUsesItsTwinAndSaysWhy() {
        let (d, problems) = parse("""
            % for z in logits(count: 3)
            \\sum_j e^{z_j} &= \\text{automatic differentiation} % z.map { Double.exp($0) }.reduce(0, +)
            """)
        #expect(problems.isEmpty)
        #expect(d.steps.count == 2)
        #expect(d.steps[1].isTwinOnly)
        #expect(d.twinOnlyStepCount == 1 && d.texStepCount == 1)
    }

    @Test func aStepWithNeitherReadableTeXNorATwinIsAnErrorAtTheToken() {
        let (_, problems) = parse("% for z in logits(count: 3)\nz_0 &= \\log z_0 z_1\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 12)
        #expect(problems.first?.column == 17)
        #expect(problems.first?.message.contains("ambiguous") == true)
    }

    @Test func theChaptersOwnNamesAreInScope() {
        let symbols = [ChapterSymbols.Symbol(name: "probabilities", isFunction: false, line: 3)]
        let (d, problems) = parse("\\text{probabilities}_1 \\approx 0.63\n", symbols: symbols)
        #expect(problems.isEmpty, "\(problems)")
        #expect(d.isWorkedExample && d.evaluations == 1)
        #expect(d.steps.last?.relation == .approximately(decimals: 2))
    }

    @Test func needsTwoSteps() {
        let (_, problems) = parse("% for z in logits(count: 3)\nz_0\n")
        #expect(problems.count == 1)
        #expect(problems[0].message.contains("at least two steps"))
    }

    @Test func badOptionsAreReportedAtTheirLine() {
        let (_, problems) = parse("% tolerance lots\n% for nothing here\n% let = 3\n% let f(1) = 2\n")
        #expect(problems.map(\.line) == [11, 12, 13, 14])
    }

    @Test func aToleranceLooserThanAThousandthIsAnErrorAndASetOneIsStatedOnThePage() {
        // With 0.5, x = 1.4x held on every draw in [1, 2].
        let (_, loose) = parse("% tolerance 0.5\n% for x in real(in: 1...2)\nx &= 1.4 x\n")
        #expect(loose.count == 1)
        #expect(loose.first?.line == 11)
        #expect(loose.first?.message.contains("'% tolerance 0.5' is looser than 0.001") == true, "\(loose)")
        let (set, problems) = parse("% tolerance 1e-6\n% atol 2.5e-12\n% for x in real(in: 1...2)\nx &= x\n")
        #expect(problems.isEmpty, "\(problems)")
        #expect(ChapterTypesetter.derivationNote(set, draws: 200) == "✓ All 2 steps checked from their TeX on 200 random draws (x), within a relative 10⁻⁶ or an absolute 2.5e-12.")
        let (usual, _) = parse("% for x in real(in: 1...2)\nx &= x\n")
        #expect(ChapterTypesetter.derivationNote(usual, draws: 200) == "✓ All 2 steps checked from their TeX on 200 random draws (x).")
    }

    @Test func aFamiliarSymbolTheBlockGivesItsOwnMeaningIsNamedInTheNote() {
        // The page shows π x = 3x; only the hidden % let says that π is 3 here.
        let (pi, _) = parse("% let \\pi = 3\n% for x in real(in: 1...2)\n\\pi x &= 3 x\n")
        #expect(ChapterTypesetter.derivationNote(pi, draws: 200).hasSuffix("(x). Here π is the block's own name, not the number π."))
        let (e, _) = parse("% for x in real(in: 1...2), e in real(in: 1...2)\ne^{x} &= e^{x}\n")
        #expect(ChapterTypesetter.derivationNote(e, draws: 200).hasSuffix("Here e is the block's own name, not Euler's number."))
        let (tanh, _) = parse("% let \\tanh(t) = t\n% for x in real(in: 1...2)\n\\tanh x &= x\n")
        #expect(ChapterTypesetter.derivationNote(tanh, draws: 200).hasSuffix("Here tanh is the function the block declares."))
        let (plain, _) = parse("% for x in real(in: 1...2)\ne^{x} &= e^{x}\n")
        #expect(!ChapterTypesetter.derivationNote(plain, draws: 200).contains("own name"))
    }

    @Test func declaringACommandTheReaderReadsItselfIsAnError() {
        // It was ignored in silence: \\log stayed the logarithm.
        let (_, problems) = parse("% let \\log(t) = t\n% for x in real(in: 1...2)\n\\log x &= x\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("'\\log' is read by the reader itself") == true, "\(problems)")
        let (_, det) = parse("% let \\det(m) = m\n% for x in real(in: 1...2)\n\\det(x) &= x\n")
        #expect(det.isEmpty, "\(det)")
    }

    @Test func aKaTeXErrorPointsAtTheStepsLineAndColumn() {
        let (d, _) = parse("% for z in logits(count: 3)\nz_0 &= z_0\n  &= \\frac{z_0}{z_1\n")
        // KaTeX counts from 1 in the TeX it was given: "\begin{aligned}\n" is 16 units.
        let tex = d.displayTeX
        let position = tex.utf16.count - "\n\\end{aligned}".utf16.count
        let at = d.location(ofTeXError: "KaTeX parse error: Expected '}', got 'EOF' at position \(position): …")
        #expect(at.line == 13)
        #expect(d.location(ofTeXError: "KaTeX parse error: Undefined control sequence: \\fracc at position 17: z_0").line == 12)
        #expect(d.location(ofTeXError: "KaTeX parse error: Expected '}', got 'EOF' at end of input: …").line == 13)
    }
}
