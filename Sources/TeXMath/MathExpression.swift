/// What one step of a derivation means, as the TeX reader understood it:
/// a tree of plain values that the emitter turns into Swift and the printer
/// writes back out ("read as: q[i] - indicator(y == i)").
public indirect enum MathExpression: Sendable, Hashable {
    /// A number as written, e.g. `0.6285`.
    case number(String)
    /// A value in scope: a `% for` input, a `% let` value, a bound index or a
    /// name of the chapter's Swift code (`z`, `q`, `epsilon`, `Loss`).
    case name(String)
    /// Euler's number `e` or `\pi`, when no declaration takes the name.
    case constant(MathConstant)
    case negate(MathExpression)
    /// `a + b`, `a - b`, `a \cdot b` (or `ab`), `a / b` and `\frac{a}{b}`.
    case arithmetic(ArithmeticOperator, MathExpression, MathExpression)
    /// `a^{b}`; `e^{x}` is `apply(.exp, x)`.
    case power(MathExpression, MathExpression)
    /// `\exp`, `\log`/`\ln`, `\sqrt`, `|x|`; `\log(1 + x)` is read as `log1p(x)`.
    case apply(MathFunction, MathExpression)
    /// `z_i`: element `i` of the vector `z` (indices count from 0, as in Swift).
    case element(MathExpression, index: MathExpression)
    /// `\operatorname{softmax}(z)`, `H(p, q)`: a `% let` function (`declared`)
    /// or a function of the chapter's Swift code.
    case call(String, [MathExpression], declared: Bool)
    /// `\sum_j`, `\prod_j`, `\max_j`, `\min_j` over a bound index.
    case reduction(Reduction, MathBinding, MathExpression)
    /// `\max(a, b)`, `\min(a, b, c)`.
    case extremum(Reduction, [MathExpression])
    /// `\mathbb{1}(…)`: 1 where the condition holds, else 0.
    case indicator(MathCondition)
    /// `\nabla_{z_i} F`, `\frac{\partial F}{\partial z_i}`, `\frac{d}{dx} F`,
    /// taken numerically with central differences.
    case derivative(MathVariable, MathExpression)
    /// `f'(x)`, `\sigma''(z)`: the `order`-th derivative of a function of one
    /// argument, at `argument` (central differences, one per prime).
    case primed(String, declared: Bool, argument: MathExpression, order: Int)
    /// `A^T`, `A^\top`, `v^\intercal`: a vector becomes a row, a matrix its transpose.
    case transpose(MathExpression)
    /// `A_{ij}`, `A_{i,j}`: the entry in row i and column j of a matrix.
    case entry(MathExpression, row: MathExpression, column: MathExpression)
    /// `x^{(i)}`: sample i of an array of vectors (row i of its matrix), never a power.
    case sample(MathExpression, index: MathExpression)
    /// A `bmatrix`, `pmatrix` or `matrix` literal, row after row.
    case matrix([[MathExpression]])
    /// A vector, row or matrix written with ellipses (`x_1 \\ \vdots \\ x_n`):
    /// entry (i, j) is the body with the indices bound; `rows` nil makes a
    /// row (1×n), `columns` nil a vector.
    case tabulate(rows: MathBinding?, columns: MathBinding?, MathExpression)
    /// `\begin{cases}`: the value of the case whose condition holds, or
    /// `otherwise` when none does.
    case cases([MathCase], otherwise: MathExpression?)

    /// A named constant: `e` or `\pi`.
    public enum MathConstant: String, Sendable, Hashable { case e, pi }

    /// A binary arithmetic operator, by its Swift spelling.
    public enum ArithmeticOperator: String, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        /// `a \odot b`: element by element, two vectors or two matrices of one shape.
        case hadamard = "⊙"
        /// `\langle a, b \rangle`: the dot product of two vectors, or the sum of
        /// the element-wise products of two matrices (Frobenius).
        case inner = "⟨,⟩"
    }

    /// A function of one argument that TeX names (`\exp`, `\log`, `\sqrt`, …).
    public enum MathFunction: String, Sendable, Hashable {
        case exp, log, log1p, sqrt, abs
        /// `\sin`, `\cos`, `\tan`, their inverses `\arcsin`, `\arccos`,
        /// `\arctan`, and the hyperbolic `\sinh`, `\cosh`, `\tanh`: element
        /// by element on a vector, as `\exp`.
        case sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh
        /// `\|v\|`, `\|v\|_2`: the Euclidean norm of a vector (|x| of a
        /// number); `\|v\|_1` the sum of magnitudes, `\|v\|_\infty` the
        /// largest magnitude, `\|A\|_F` the Frobenius norm of a matrix.
        case norm, norm1, normInfinity, normFrobenius
        /// `\operatorname{diag}(v)`: the matrix with v on its diagonal.
        case diag
        /// `\det A`, `\begin{vmatrix}…\end{vmatrix}`: the determinant.
        case det
        /// `\operatorname{tr}(A)`: the trace, the sum of the diagonal.
        case trace
    }

    /// A big operator over an index: `\sum`, `\prod`, `\max`, `\min`.
    public enum Reduction: String, Sendable, Hashable {
        case sum, product, max, min
    }
}

/// One row of `\begin{cases}`: a value and the condition under which it is the value.
public struct MathCase: Sendable, Hashable {
    /// The value, left of `&`.
    public var value: MathExpression
    /// The condition, right of `&` (`\text{if } x > 0`, `x > 0`).
    package var condition: MathCondition
}

/// A variable of differentiation: `z` (the whole gradient), `z_i` (one
/// component) or a scalar `x`.
public struct MathVariable: Sendable, Hashable {
    /// The variable's name, `z`.
    public var name: String
    /// The subscript that picks a component, `z_j`'s `j`, or nil for the whole variable.
    var component: MathExpression?
}

/// The index a reduction or `\forall` binds, and what it ranges over.
public struct MathBinding: Sendable, Hashable {
    /// What a bound index ranges over.
    package enum Range: Sendable, Hashable {
        /// The indices of the vectors the body subscripts with the index
        /// (`\sum_j e^{z_j}` ranges over `z`); they must all have one size.
        case over([MathExpression])
        /// `_{j=a}^{b}`: from a through b, both included.
        case bounds(MathExpression, MathExpression)
    }

    /// The index's name.
    public var name: String
    /// What it ranges over.
    package var range: Range
    /// `_{j \ne y}`: indices left out.
    var excluded: [MathExpression] = []
}

/// A condition inside `\mathbb{1}(…)`.
public indirect enum MathCondition: Sendable, Hashable {
    /// `a < b`, or a chain `0 \le q_i \le 1`: every adjacent pair holds.
    case comparison([MathExpression], [Comparison])
    /// `\land` (or a comma between conditions).
    case all([MathCondition])
    /// `\lor`.
    case any([MathCondition])
    /// `\forall i`, `\text{ for every } i`, `\text{ for all } i \ne y`.
    case forAll(MathBinding, MathCondition)

    /// A comparison in a condition, by its Swift spelling.
    public enum Comparison: String, Sendable, Hashable {
        case equal = "==", notEqual = "!=", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
    }
}
