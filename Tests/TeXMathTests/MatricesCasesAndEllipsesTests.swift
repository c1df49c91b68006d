import Testing
@testable import TeXMath

/// Matrices (literals, transposes, entries, samples, diag, det, trace),
/// `cases`, and the terms a `\cdots` leaves out: how each reads, and the
/// forms the reader refuses rather than guess.
@Suite struct MatricesCasesAndEllipsesTests {
    /// Matrices A, B; vectors u, v, x, z; indices i, j, n, K; scalars a, b, c.
    static let scope: MathScope = {
        var scope = MathScope()
        for name in ["A", "B", "u", "v", "x", "z", "i", "j", "n", "K", "a", "b", "c"] {
            scope.declare(name, .value, variable: true, inBlock: true)
        }
        scope.declare("S", .declaredFunction(arity: 1), inBlock: true)
        return scope
    }()

    /// How the reader reads `tex`, or its first problem (the reader tests' helper).
    func reading(_ tex: String, in scope: MathScope = Self.scope) -> String {
        TeXReaderTests().reading(tex, in: scope)
    }

    @Test(arguments: [
        ("A^T", "Aᵀ"),
        ("A^\\top", "Aᵀ"),
        ("A^{\\top}", "Aᵀ"),
        ("A^\\intercal", "Aᵀ"),
        ("A^\\mathsf{T}", "Aᵀ"),
        ("A^{T}", "Aᵀ"),
        ("u^\\top v", "uᵀ * v"),
        ("(A x)^\\top", "(A * x)ᵀ"),
        ("x^T A^T", "xᵀ * Aᵀ"),
        ("A_{ij}", "A[i, j]"),
        ("A_{i,j+1}", "A[i, j + 1]"),
        ("A_{i, j}", "A[i, j]"),
        ("z_{2j}", "z[2 * j]"),
        ("x^{(i)}", "x[sample i]"),
        ("x^{(i)}_j", "x[sample i][j]"),
        ("x_j^{(i)}", "x[sample i][j]"),
        ("x^{(i)\\top} v", "x[sample i]ᵀ * v"),
        ("x^{(i)T} v", "x[sample i]ᵀ * v"),
        ("x^{(i)\\mathsf{T}} v", "x[sample i]ᵀ * v"),
        // Layers as deep-learning notes write them: `^{[l]}` is always a layer.
        ("x^{[n]}", "x[sample n]"),
        ("x^{[n]}_j", "x[sample n][j]"),
        ("x_j^{[n-1]}", "x[sample n - 1][j]"),
        ("x^{[n]\\top} v", "x[sample n]ᵀ * v"),
        // `a^l`, `a^l_i`, `a_i^l`: read as powers, which the emitter makes a
        // layer when the value is an array of vectors (see below).
        ("a^{n}_i", "pow(a, n)[i]"),
        ("a_i^n", "pow(a[i], n)"),
        ("\\operatorname{diag}(v)", "diag(v)"),
        ("\\mathrm{diag}(S(z)) - S(z) S(z)^\\top", "diag(S(z)) - S(z) * S(z)ᵀ"),
        ("\\det A", "det(A)"),
        ("\\det(A B)", "det(A * B)"),
        ("\\operatorname{tr}(A^\\top B)", "trace(Aᵀ * B)"),
        ("\\begin{bmatrix} a & b \\\\ c & a \\end{bmatrix}", "[[a, b], [c, a]]"),
        ("\\begin{pmatrix} a \\\\ b \\\\ \\end{pmatrix}", "[[a], [b]]"),
        ("\\begin{vmatrix} a & b \\\\ c & a \\end{vmatrix}", "det([[a, b], [c, a]])"),
        ("\\begin{cases} a & \\text{if } a > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", "cases(a if a > 0; 0 otherwise)"),
        ("\\begin{cases} 1 & a > 0, \\\\ -1 & a < 0. \\end{cases}", "cases(1 if a > 0; -1 if a < 0)"),
        ("\\begin{cases} 1 & \\text{for } i = j \\\\ 0 & \\text{else} \\end{cases}", "cases(1 if i == j; 0 otherwise)"),
        ("z_1 + z_2 + \\cdots + z_K", "sum(k in 1...K: z[k])"),
        ("e^{z_1} + \\cdots + e^{z_K}", "sum(k in 1...K: exp(z[k]))"),
        ("1 + e^{z_1} + \\dots + e^{z_n}", "1 + sum(k in 1...n: exp(z[k]))"),
        ("z_0 + z_1 + z_2 + \\ldots + z_{n-1}", "sum(k in 0...(n - 1): z[k])"),
        ("u_1 v_1 + \\cdots + u_n v_n + c", "sum(k in 1...n: u[k] * v[k]) + c"),
        ("\\begin{bmatrix} z_1 \\\\ \\vdots \\\\ z_n \\end{bmatrix}", "vector(k in 1...n: z[k])"),
        ("\\begin{bmatrix} z_1 & z_2 & \\cdots & z_n \\end{bmatrix}", "row(k in 1...n: z[k])"),
        ("\\begin{bmatrix} A_{1,1} & \\cdots & A_{1,n} \\\\ \\vdots & \\ddots & \\vdots \\\\ A_{n,1} & \\cdots & A_{n,n} \\end{bmatrix}",
         "matrix(k in 1...n, l in 1...n: A[k, l])"),
    ])
    func reads(_ tex: String, _ expected: String) {
        #expect(reading(tex) == expected, "\(tex)")
    }

    /// A superscript with a name in it is a layer on an array of vectors and
    /// a power on a number, which the runtime tells by the value's shape; a
    /// superscript that is a written number is always a power, so `A^2` is
    /// never taken for row 2 of A.
    @Test(arguments: [
        ("a^{n}", "__texLayerOrPower"),
        ("a^{n-1}", "__texLayerOrPower"),
        ("a_i^{n}", "__texLayerElementOrPower"),
        ("\\sum_i a_i^{n}", "__texLayerOrSelf"),
        ("A^2", "__texPower"),
        ("a_i^2", "__texPower"),
    ])
    func aNamedSuperscriptIsALayerOnAnArrayOfVectors(_ tex: String, _ call: String) throws {
        let expression = try TeXMathParser.read(TeXLexer.tokens(tex, column: 1), scope: Self.scope)
        var emitter = SwiftMathEmitter(line: 1, column: 1, values: [])
        _ = emitter.value(expression)
        let code = emitter.lines.map(\.code).joined(separator: "\n")
        #expect(code.contains(call + "("), "\(tex): \(code)")
        if call == "__texPower" { #expect(!code.contains("Layer"), "\(tex): \(code)") }
    }

    @Test(arguments: [
        // A declared T makes `^T` a power of it.
        ("A^T", "pow(A, T)"),
    ])
    func aDeclaredTIsAPower(_ tex: String, _ expected: String) {
        var scope = Self.scope
        scope.declare("T", .value, inBlock: true)
        #expect(reading(tex, in: scope) == expected)
    }

    @Test(arguments: [
        ("\\begin{bmatrix} a & b \\\\ c \\end{bmatrix}", "row 2 of the `bmatrix` has 1 entry and row 1 has 2"),
        ("\\begin{bmatrix} a & \\cdots & b \\end{bmatrix}", "must differ only in one index"),
        ("\\begin{bmatrix} a & b \\end{pmatrix}", "`\\end{pmatrix}` closes the `\\begin{bmatrix}`"),
        ("\\begin{Vmatrix} a \\end{Vmatrix}", "is a norm"),
        ("\\begin{cases} a & \\text{otherwise} \\\\ 0 & a > 0 \\end{cases}", "the otherwise case comes last"),
        ("\\begin{cases} a \\\\ 0 \\end{cases}", "where `&` should separate the value from its condition"),
        ("\\begin{cases} a & \\text{whenever it rains} \\end{cases}", "write the condition as math"),
        ("\\begin{bmatrix} z_1 & \\vdots & z_n \\end{bmatrix}", "leaves columns out with `\\cdots`"),
        ("\\begin{bmatrix} A_{1,1} & \\cdots & A_{1,n} \\\\ \\vdots & \\ddots & \\vdots \\\\ A_{n,1} & \\cdots & A_{1,n} \\end{bmatrix}",
         "the last corner"),
        ("\\begin{bmatrix} z_1 & z_3 & \\cdots & z_n \\end{bmatrix}", "are not the first entries of its pattern"),
        ("z_1 + \\cdots + z_1", "must differ only in one index"),
        ("z_1 + \\cdots + u_n", "must differ only in one index"),
        ("z_1 - \\cdots - z_n", "with `+` on both sides"),
        ("\\cdots + z_n", "stands for terms left out"),
        ("x^{(i)} ^2", "a second superscript"),
        ("x^{(i)\\top}_j", "a subscript after a power is ambiguous"),
    ])
    func refuses(_ tex: String, _ message: String) {
        let got = reading(tex)
        #expect(got.hasPrefix("error"), "\(tex) read as \(got)")
        #expect(got.contains(message), "\(tex): \(got)")
    }

    @Test func aRowSplitsOnlyOutsideItsMatricesAndCases() {
        let row = DerivationLine.row("f(x) &= \\begin{cases} x & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", column: 1)
        #expect(row.terms.map(\.tex) == ["f(x)", "\\begin{cases} x & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}"])
        #expect(!row.hasCondition, "the `\\text{if}` of a case is not the row's side condition")
        #expect(DerivationLine.openEnvironments("J = \\begin{bmatrix} a & b \\\\") == 1)
        #expect(DerivationLine.openEnvironments("\\begin{aligned} a &= \\begin{bmatrix} a \\end{bmatrix}") == 0)
    }

    /// A line that starts with a binary operator and holds no relation goes
    /// on with the row above (`&\quad + 1`); any other line is a row.
    @Test(arguments: [
        ("   + 1", true), ("&\\quad + 1 \\\\", true), ("  - \\sum_j z_j", true), ("& \\cdot e^{x}", true),
        ("\\qquad \\times 2", true),
        ("&= x + 1", false), ("- x = y", false), ("-x", true), ("x + 1", false), ("", false), ("&", false),
    ])
    func aLineStartingWithAnOperatorContinuesTheRow(_ line: String, _ continues: Bool) {
        #expect(DerivationLine.continuesRow(line) == continues, "\(line)")
    }
}
