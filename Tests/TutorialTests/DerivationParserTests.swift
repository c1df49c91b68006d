import Testing
@testable import Tutorial

/// Derivation blocks: generators, steps, options.
@Suite struct DerivationParserTests {
    func parse(_ text: String) -> (Derivation, [Diagnostic]) {
        DerivationParser.parse(text, index: 0, codeBlockIndex: 0, fenceLine: 10, firstLine: 11, file: "c.md")
    }

    @Test func readsGeneratorsStepsAndOptions() {
        let (d, problems) = parse("""
            % for z in logits(count: 2...8), y in label(below: z.count)
            % tolerance 1e-6
            % draws 50
            % label eq:grad
            L &= -\\log q_y % -Double.log(softmax(z)[y])
              &= 50\\% more % -z[y] + logSumExp(z)
            """)
        #expect(problems.isEmpty)
        #expect(d.variables.map(\.name) == ["z", "y"])
        #expect(d.variables[1].generator == "label(below: z.count)")
        #expect(d.tolerance == 1e-6 && d.draws == 50 && d.label == "eq:grad")
        #expect(d.checkedSteps.map(\.expression) == ["-Double.log(softmax(z)[y])", "-z[y] + logSumExp(z)"])
        #expect(d.checkedSteps.map(\.line) == [15, 16])
        #expect(d.displayTeX.contains("50\\% more"))
        #expect(!d.displayTeX.contains("logSumExp"))
    }

    @Test func needsTwoCheckedSteps() {
        let (_, problems) = parse("% for z in logits(count: 3)\nL &= 1 % 1.0\n")
        #expect(problems.count == 1)
        #expect(problems[0].message.contains("at least two steps"))
    }

    @Test func badOptionsAreReportedAtTheirLine() {
        let (_, problems) = parse("% tolerance lots\n% for nothing here\na &= b % 1\n&= c % 1\n")
        #expect(problems.map(\.line) == [11, 12])
    }
}
