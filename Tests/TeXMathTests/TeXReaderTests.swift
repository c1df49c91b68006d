import Testing
@testable import TeXMath

/// The TeX reader: every row of the guide's subset table, its precedence rules,
/// the scope of derivatives, and the ambiguities it refuses to guess.
@Suite struct TeXReaderTests {
    /// Names in scope for these tests: vectors z, q, p, w; indices i, y, K;
    /// scalars x, c, m, epsilon; functions Loss(2), H(2), f(1) and a chapter function.
    static let scope: MathScope = {
        var scope = MathScope()
        for name in ["z", "q", "p", "w", "i", "y", "K", "x", "c", "m", "epsilon"] {
            scope.declare(name, .value, variable: true, inBlock: true)
        }
        scope.declare("Loss", .declaredFunction(arity: 2), inBlock: true)
        scope.declare("H", .declaredFunction(arity: 2), inBlock: true)
        scope.declare("f", .declaredFunction(arity: 1), inBlock: true)
        scope.declare("boosted", .swiftFunction)
        return scope
    }()

    /// How the reader reads `tex`, or its error message.
    func reading(_ tex: String) -> String {
        reading(tex, in: Self.scope)
    }

    // MARK: The guide's subset table, one example a row

    @Test(arguments: [
        ("0.6285", "0.6285"),
        ("a + b", "error"),
        ("x + c - m", "x + c - m"),
        ("x \\cdot c", "x * c"),
        ("x \\times c", "x * c"),
        ("x / c", "x / c"),
        ("2x", "2 * x"),
        ("\\frac{x}{c}", "x / c"),
        ("x^2", "pow(x, 2)"),
        ("x^{c+1}", "pow(x, c + 1)"),
        ("e^{x}", "exp(x)"),
        ("\\exp(x)", "exp(x)"),
        ("\\log x", "log(x)"),
        ("\\ln(x)", "log(x)"),
        ("\\log(1 + x)", "log1p(x)"),
        ("\\sqrt{x}", "sqrt(x)"),
        ("\\sqrt[3]{x}", "pow(x, 1 / 3)"),
        ("\\sin^2 x + \\cos^2 x", "pow(sin(x), 2) + pow(cos(x), 2)"),
        ("\\tanh(z)_i", "tanh(z)[i]"),
        ("\\arctan \\frac{x}{c}", "arctan(x / c)"),
        ("\\cosh x - \\sinh x", "cosh(x) - sinh(x)"),
        ("\\|z\\|^2", "pow(norm(z), 2)"),
        ("\\|z - w\\|_1", "norm1(z - w)"),
        ("\\lVert z \\rVert_\\infty", "normInfinity(z)"),
        ("\\Vert x \\Vert", "norm(x)"),
        ("\\|z\\|_3", "error"),
        ("\\langle z, w \\rangle", "⟨z, w⟩"),
        ("z \\odot w + q", "z ⊙ w + q"),
        ("\\langle z, w", "error"),
        ("\\sin^{-1} x", "error"),
        ("\\sin^{c} x", "error"),
        ("\\sin x c", "error"),
        ("|x - c|", "abs(x - c)"),
        ("\\max_j z_j", "max(j in indices(z): z[j])"),
        ("\\min_j z_j", "min(j in indices(z): z[j])"),
        ("\\max(x, c)", "max(x, c)"),
        ("z_i", "z[i]"),
        ("z_{i+1}", "z[i + 1]"),
        ("q_0", "q[0]"),
        ("\\operatorname{softmax}(z)_i", "softmax(z)[i]"),
        ("\\sum_j e^{z_j}", "sum(j in indices(z): exp(z[j]))"),
        ("\\sum_{j \\ne y} q_j", "sum(j in indices(q) where j != y: q[j])"),
        ("\\sum_{j=0}^{K-1} z_j", "sum(j in 0...(K - 1): z[j])"),
        ("\\prod_j q_j", "product(j in indices(q): q[j])"),
        ("(x + c)[x - c]", "(x + c) * (x - c)"),
        ("\\{x + c\\}", "x + c"),
        ("\\left( x + c \\right)", "x + c"),
        ("\\big( x \\big) \\Big( c \\Big) \\bigg( m \\bigg)", "x * c * m"),
        ("{x + c}", "x + c"),
        ("\\mathbb{1}(y = i)", "indicator(y == i)"),
        ("\\mathbb{1}[y \\ne i]", "indicator(y != i)"),
        ("\\mathbb{1}(y \\neq i)", "indicator(y != i)"),
        ("\\mathbb{1}(x < c)", "indicator(x < c)"),
        ("\\mathbb{1}(x > c)", "indicator(x > c)"),
        ("\\mathbb{1}(x \\le c)", "indicator(x <= c)"),
        ("\\mathbb{1}(x \\leq c)", "indicator(x <= c)"),
        ("\\mathbb{1}(x \\ge c)", "indicator(x >= c)"),
        ("\\mathbb{1}(x \\geq c)", "indicator(x >= c)"),
        ("\\mathbb{1}(0 \\le q_i \\le 1)", "indicator(0 <= q[i] && q[i] <= 1)"),
        ("\\mathbb{1}(x > 0 \\land c > 0)", "indicator((x > 0) && (c > 0))"),
        ("\\mathbb{1}(\\forall i: q_i \\ge 0)", "indicator(forAll(i in indices(q): q[i] >= 0))"),
        ("\\mathbb{1}(q_i \\ge 0 \\text{ for every } i)", "indicator(forAll(i in indices(q): q[i] >= 0))"),
        ("\\mathbb{1}(q_i \\ge 0 \\text{ for all } i \\ne y)", "indicator(forAll(i in indices(q) where i != y: q[i] >= 0))"),
        ("\\nabla_{z_i} \\text{Loss}(z, y)", "d/dz[i](Loss(z, y))"),
        ("\\frac{\\partial}{\\partial z_i} \\text{Loss}(z, y)", "d/dz[i](Loss(z, y))"),
        ("\\frac{\\partial \\text{Loss}(z, y)}{\\partial z_i}", "d/dz[i](Loss(z, y))"),
        ("\\frac{d}{dx} x^2", "d/dx(pow(x, 2))"),
        ("\\nabla_z \\text{Loss}(z, y)", "d/dz(Loss(z, y))"),
        ("\\, x \\; \\quad c \\! \\displaystyle", "x * c"),
        ("H(p, q)", "H(p, q)"),
        ("\\text{Loss}(z + \\epsilon, y)", "Loss(z + epsilon, y)"),
        ("\\mathrm{Loss}(z, y) \\texttt{Loss}(z, y)", "Loss(z, y) * Loss(z, y)"),
        ("f_i(z)", "f(z)[i]"),
        ("\\pi x", "pi * x"),
        ("\\mathbf{z}_i + \\boldsymbol{\\epsilon} + \\vec{q}_0", "z[i] + epsilon + q[0]"),
        ("\\frac{\\partial \\mathcal{Loss}(z, y)}{\\partial \\mathbf{z}}", "d/dz(Loss(z, y))"),
    ])
    func readsTheTableRow(_ tex: String, _ expected: String) {
        let got = reading(tex)
        if expected == "error" {
            #expect(got.hasPrefix("error"), "\(tex) read as \(got)")
        } else {
            #expect(got == expected, "\(tex)")
        }
    }

    // MARK: Precedence

    @Test(arguments: [
        ("-x^2", "-pow(x, 2)"),
        ("-z_y + \\log \\sum_j e^{z_j}", "-z[y] + log(sum(j in indices(z): exp(z[j])))"),
        ("x + c m", "x + c * m"),
        ("x - c - m", "x - c - m"),
        ("x - (c - m)", "x - (c - m)"),
        ("x / c \\cdot m", "x / c * m"),
        ("\\frac{x}{c} m", "x / c * m"),
        ("\\sum_j z_j + x", "sum(j in indices(z): z[j]) + x"),
        ("\\sum_j z_j x", "sum(j in indices(z): z[j] * x)"),
        ("x \\sum_j z_j", "x * sum(j in indices(z): z[j])"),
        ("\\log \\sum_j e^{z_j - m}", "log(sum(j in indices(z): exp(z[j] - m)))"),
        ("\\log(x) c", "log(x) * c"),
        ("\\log \\frac{x}{c}", "log(x / c)"),
        ("e^{c} e^{x}", "exp(c) * exp(x)"),
        ("q_i^2", "pow(q[i], 2)"),
        ("x \\cdot -c", "x * -c"),
    ])
    func readsPrecedence(_ tex: String, _ expected: String) {
        #expect(reading(tex) == expected, "\(tex)")
    }

    // MARK: The scope of a derivative

    @Test(arguments: [
        // The rest of the product, up to the next + or −.
        ("\\nabla_{z_i} \\log \\sum_j e^{z_j} - \\nabla_{z_i} z_y", "d/dz[i](log(sum(j in indices(z): exp(z[j])))) - d/dz[i](z[y])"),
        ("\\nabla_{z_i} x z_i + c", "d/dz[i](x * z[i]) + c"),
        // The group right after it, and no further.
        ("\\nabla_{z_i} (z_i) x", "d/dz[i](z[i]) * x"),
        ("\\frac{d}{dx} \\big(x^2\\big) c", "d/dx(pow(x, 2)) * c"),
        // Inside a sum: the sum's body is the rest of the product.
        ("\\sum_j \\nabla_{z_i} e^{z_j}", "sum(j in indices(z): d/dz[i](exp(z[j])))"),
    ])
    func aDerivativeAppliesToTheGroupAfterItOrTheRestOfTheProduct(_ tex: String, _ expected: String) {
        #expect(reading(tex) == expected, "\(tex)")
    }

    // MARK: Never guess

    @Test(arguments: [
        ("\\log x y", "`\\log x y…` is ambiguous"),
        ("x / c m", "is ambiguous: write \\frac"),
        ("q_12", "TeX takes only the first digit"),
        ("x^23", "TeX takes only the first digit"),
        ("|x |c| m|", "could close `|…|` or open another one"),
        ("\\sum z_j w_k", "without an index: its body has several: j, k"),
        ("\\sum_j x", "cannot tell what `j` ranges over"),
        ("\\text{automatic differentiation}", "is not a name the reader can evaluate"),
        ("a", "`a` is not declared; names in scope: z, q, p, w, i, y, K, x, c, m, epsilon, Loss(2 arguments)"),
        ("softmax(z)", "write a name of several letters as `\\operatorname{softmax}`"),
        ("\\text{Loss}(z)", "takes 2 arguments, not 1"),
        ("\\text{Loss}", "is a function of 2 arguments"),
        ("x \\pm c", "stands for two values"),
        ("\\log^2 x", "is ambiguous"),
        ("\\mathbb{1}(x)", "needs a condition"),
        ("\\nabla_{\\text{Loss}} x", "cannot be varied"),
        ("x'", "a prime"),
        ("(x, c)", "a tuple"),
        ("\\infty", "not a value"),
        ("\\begin{bmatrix} x \\end{pmatrix}", "closes the"),
        ("\\frac{x}{c", "the step ends"),
        ("\\sum_{j \\in S} z_j", "is not read"),
        ("\\widehat{x}", "is a name of its own, not the letter under the accent"),
        ("\\foo{x} + \\bar{x}' + u", "error"),
        ("\\frac{\\partial (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x", "nests deeper than"),
    ])
    func anAmbiguityIsAnErrorThatSaysWhatToWrite(_ tex: String, _ message: String) {
        let got = reading(tex)
        #expect(got.hasPrefix("error"), "\(tex) read as \(got)")
        if message != "error" { #expect(got.contains(message), "\(tex): \(got)") }
    }

    @Test func anErrorPointsAtTheToken() {
        #expect(reading("x + \\log x y").hasPrefix("error at 12:"))
        #expect(reading("x + a").hasPrefix("error at 5:"))
    }

    @Test func anIndexUsedOutsideItsSumIsNamed() {
        #expect(reading("\\frac{e^{z_j}}{\\sum_j e^{z_j}}").contains("outside the `\\sum_j` that binds it"))
    }

    @Test func eIsEulersNumberUnlessTheBlockDeclaresIt() {
        #expect(reading("e^{x}") == "exp(x)")
        var scope = MathScope()
        scope.declare("e", .value, inBlock: true)
        scope.declare("x", .value, inBlock: true)
        let tokens = TeXLexer.tokens("e^{x}", column: 1)
        #expect((try? MathReading.text(TeXMathParser.read(tokens, scope: scope))) == "pow(e, x)")
        var chapterOnly = MathScope()
        chapterOnly.declare("e", .value)
        chapterOnly.declare("x", .value)
        #expect((try? MathReading.text(TeXMathParser.read(tokens, scope: chapterOnly))) == "exp(x)")
    }

    // MARK: Lines and relations

    @Test func aLineSplitsAtRelationsOutsideBraces() {
        let terms = DerivationLine.terms("\\sum_{j=1}^{K} q_j &= 1 \\approx 1.0", column: 1)
        #expect(terms.map(\.tex) == ["\\sum_{j=1}^{K} q_j", "1", "1.0"])
        #expect(terms.map(\.column) == [1, 23, 33])
        #expect(terms[2].relation == .approximately(decimals: 1))
    }

    @Test func anInequalityBetweenStepsIsAStepOfItsOwn() {
        let terms = DerivationLine.terms("x \\le c < m", column: 1)
        #expect(terms.map(\.relation) == [.first, .inequality(.lessOrEqual), .inequality(.less)])
        #expect(DerivationLine.terms("x \\ne c", column: 1).last?.problem?.message.contains("is not checked") == true)
    }

    @Test(arguments: [
        ("0.4644", 4), ("-\\log 0.6285", 4), ("2.5 \\times 10^{-3}", 4), ("3 \\times 10^{4}", -4), ("0.46 + 0.001", 2),
    ])
    func anApproximateStepHasThePrecisionOfItsLeastPreciseNumber(_ tex: String, _ decimals: Int) {
        #expect(DerivationLine.precision(of: TeXLexer.tokens(tex, column: 1)) == decimals)
    }

    @Test func wholeNumbersAloneClaimNoPrecision() {
        #expect(DerivationLine.precision(of: TeXLexer.tokens("\\frac{1}{3}", column: 1)) == nil)
    }

    // MARK: Published notation (issue: read the math people publish)

    /// How the reader reads `tex` in `scope`, or the first problem.
    func reading(_ tex: String, in scope: MathScope) -> String {
        do {
            return MathReading.text(try TeXMathParser.read(TeXLexer.tokens(tex, column: 1), scope: scope))
        } catch {
            return "error at \(error.first.column): \(error.first.message)"
        }
    }

    @Test(arguments: [
        // \frac and \sqrt take one token or group, as TeX does; a script after them applies to the whole.
        ("\\frac2x^2", "pow(2 / x, 2)"),
        ("\\frac 1 2 x", "1 / 2 * x"),
        ("\\frac12", "1 / 2"),
        ("\\sqrt x^2", "pow(sqrt(x), 2)"),
        // A one-token subscript before a comma is an argument, not a matrix index.
        ("\\max(z_0, z_1)", "max(z[0], z[1])"),
        ("\\log_2 x", "log(x) / log(2)"),
        ("\\log_{10}(x + c)", "log(x + c) / log(10)"),
        ("\\delta_{iy}", "indicator(i == y)"),
        ("\\delta_{i,y}", "indicator(i == y)"),
        ("\\sum e^{z_d}", "sum(d in indices(z): exp(z[d]))"),
        ("\\sum_j^K z_j", "sum(j in 0...(K - 1): z[j])"),
    ])
    func readsPublishedNotation(_ tex: String, _ expected: String) {
        #expect(reading(tex) == expected, "\(tex)")
    }

    @Test func everyUnreadableConstructOfAStepIsReportedAtItsOwnColumn() throws {
        let tokens = TeXLexer.tokens("\\hat{x} + \\foo{x} + u + \\bar{x}", column: 1)
        #expect(throws: TeXReadFailure.self) { try TeXMathParser.read(tokens, scope: Self.scope) }
        do {
            _ = try TeXMathParser.read(tokens, scope: Self.scope)
        } catch {
            #expect(error.problems.map(\.column) == [1, 11, 21, 25], "\(error.problems)")
        }
    }

    @Test func aDeclaredTeXNameIsReadAsThatName() {
        var scope = Self.scope
        scope.declare("D_KL", .declaredFunction(arity: 2), inBlock: true)
        scope.declareTeX("D_{KL}", as: "D_KL")
        scope.declare("hat_y", .value, variable: true, inBlock: true)
        scope.declareTeX("\\hat{y}", as: "hat_y")
        scope.declare("MSE", .value, inBlock: true)
        scope.declareTeX("MSE", as: "MSE")
        #expect(reading("D_{KL}(p \\| q)", in: scope) == "D_KL(p, q)")
        #expect(reading("D_{KL}(p || q)", in: scope) == "D_KL(p, q)")
        #expect(reading("D_{KL}(p \\Vert q)", in: scope) == "D_KL(p, q)")
        #expect(reading("(1 - \\hat{y})^2", in: scope) == "pow(1 - hat_y, 2)")
        #expect(reading("2 MSE", in: scope) == "2 * MSE")
    }

    @Test func aNameThatIsAlsoAProductOfDeclaredLettersIsAnError() {
        var scope = Self.scope
        scope.declare("xcm", .value, inBlock: true)
        scope.declareTeX("xcm", as: "xcm")
        #expect(reading("xcm", in: scope).contains("could be the declared name `xcm` or the product x·c·m"))
    }

    @Test func overloadsByArityAreOneName() {
        var scope = Self.scope
        scope.declare("H", .declaredFunction(arity: 1), inBlock: true)
        #expect(reading("H(p, q) - H(p)", in: scope) == "H(p, q) - H(p)")
        #expect(reading("H(p, q, w)", in: scope).contains("takes 1 or 2 arguments, not 3"))
    }

    @Test func primesDifferentiateADeclaredFunctionOfOneArgument() {
        #expect(reading("f'(x)") == "f'(x)")
        #expect(reading("f''(x) + f^{\\prime}(c)") == "f''(x) + f'(c)")
        #expect(reading("x'").contains("a prime (`'`) on a value is not read"))
    }

    @Test func aDerivativeThatWouldHoldADependentChapterValueFixedIsAnError() {
        var scope = MathScope()
        scope.declare("z", .value, variable: true, dependsOn: .some([]))
        scope.declare("L", .value, variable: true, dependsOn: .some(["crossEntropy", "z"]))
        scope.declare("eta", .value, variable: true, dependsOn: .some([]))
        scope.declare("w", .value, variable: true, dependsOn: .none)
        scope.declare("v", .value, variable: true, dependsOn: .some(nil))
        #expect(reading("\\frac{\\partial L}{\\partial z_0}", in: scope).contains("would hold `L` fixed"))
        #expect(reading("\\nabla_{z_0} (\\eta z_0)", in: scope) == "d/dz[0](eta * z[0])")
        // A value whose definition render cannot see (a `var`) may depend on anything.
        #expect(reading("\\nabla_{z_0} v", in: scope).contains("would hold `v` fixed"))
        // Through a `% let` whose Swift uses it.
        var block = scope
        block.declare("L2", .value, variable: true, inBlock: true)
        block.recordUses(of: "L2", ["L"])
        #expect(reading("\\nabla_{z_0} L_2", in: block).hasPrefix("error"))
    }

    @Test func chainsInequalitiesConditionsAndPunctuation() {
        let row = DerivationLine.row("q_y - 1 &\\le 0, \\quad \\text{for } i \\ne j.", column: 1)
        #expect(row.terms.map(\.tex) == ["q_y - 1", "0"])
        #expect(row.terms.map(\.relation) == [.first, .inequality(.lessOrEqual)])
        #expect(row.hasCondition)
        let prose = DerivationLine.row("a &= b \\quad \\text{(by the chain rule)}", column: 1)
        #expect(prose.terms.map(\.tex) == ["a", "b"] && !prose.hasCondition)
        let environment = DerivationLine.row("\\begin{aligned} a &= b \\\\[1em] &= c, \\end{aligned} \\label{eq:x}", column: 1)
        #expect(environment.terms.map(\.tex) == ["a", "b", "c"])
        let chains = DerivationLine.terms("a = b \\iff c = d", column: 1)
        #expect(chains.map(\.relation) == [.first, .equal, .first, .equal])
        let rounded = DerivationLine.terms("a = 0.5514", column: 1)
        #expect(rounded.last?.relation == .approximately(decimals: 4) && rounded.last?.isRoundedAfterEqual == true)
    }

    @Test(.timeLimit(.minutes(1))) func randomTeXNeverCrashesOrHangs() {
        // A seeded stream of TeX pieces, including unbalanced groups and deep nesting.
        let pieces = ["x", "z_i", "q_{j}", "+", "-", "\\cdot", "/", "^", "_", "{", "}", "(", ")", "[", "]", "|", "\\frac", "\\sqrt",
                      "\\sum_j", "\\sum", "\\prod", "\\max", "\\log", "\\exp", "e^{", "\\nabla_{z_i}", "\\partial", "\\mathbb{1}(",
                      "=", "<", "\\le", ",", "'", "\\left(", "\\right)", "\\delta_{", "\\hat{", "0.5", "12", "\\text{", "\\quad",
                      "\\begin{aligned}", "\\\\", "&", "\\|", "\\foo", "\\forall", "\\text{for } i \\ne j", "."]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var read = 0
        for _ in 0..<4000 {
            let tex = (0..<(1 + next(40))).map { _ in pieces[next(pieces.count)] }.joined(separator: " ")
            let row = DerivationLine.row(tex, column: 1)
            for term in row.terms where (try? TeXMathParser.read(term, scope: Self.scope)) != nil { read += 1 }
            _ = try? TeXMathParser.readCondition(of: row, scope: Self.scope)
        }
        let deep = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        let signs = String(repeating: "-", count: 20000) + "x"
        let fractions = String(repeating: "\\frac{", count: 3000) + "x"
        for tex in [deep, signs, fractions, String(repeating: "{", count: 5000)] {
            #expect((try? TeXMathParser.read(TeXLexer.tokens(tex, column: 1), scope: Self.scope)) == nil)
        }
        #expect(read > 0)
    }
}
