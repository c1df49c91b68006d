/// Walking the tree: children, names, and the expressions a binding or condition holds.
extension MathExpression {
    /// The immediate sub-expressions.
    package var children: [MathExpression] {
        switch self {
        case .number, .name, .constant: return []
        case .negate(let a), .apply(_, let a): return [a]
        case .arithmetic(_, let a, let b), .power(let a, let b), .element(let a, let b): return [a, b]
        case .call(_, let arguments, _), .extremum(_, let arguments): return arguments
        case .reduction(_, let binding, let body): return binding.expressions + [body]
        case .indicator(let condition): return condition.expressions
        case .derivative(let variable, let operand): return (variable.component.map { [$0] } ?? []) + [operand]
        case .primed(_, _, let argument, _), .transpose(let argument): return [argument]
        case .entry(let base, let row, let column): return [base, row, column]
        case .sample(let base, let index): return [base, index]
        case .matrix(let rows): return rows.flatMap { $0 }
        case .tabulate(let rows, let columns, let body):
            return (rows?.expressions ?? []) + (columns?.expressions ?? []) + [body]
        case .cases(let cases, let otherwise):
            return cases.flatMap { [$0.value] + $0.condition.expressions } + (otherwise.map { [$0] } ?? [])
        }
    }

    /// Every name the expression refers to (bound indices included).
    public var names: Set<String> {
        var out = Set<String>()
        func visit(_ e: MathExpression) {
            switch e {
            case .name(let n): out.insert(n)
            case .call(let n, _, _), .primed(let n, _, _, _): out.insert(n)
            case .derivative(let v, _): out.insert(v.name)
            default: break
            }
            e.children.forEach(visit)
        }
        visit(self)
        return out
    }
}

extension MathBinding {
    var expressions: [MathExpression] {
        switch range {
        case .over(let sources): return sources + excluded
        case .bounds(let a, let b): return [a, b] + excluded
        }
    }
}

extension MathCondition {
    var expressions: [MathExpression] {
        switch self {
        case .comparison(let operands, _): return operands
        case .all(let parts), .any(let parts): return parts.flatMap(\.expressions)
        case .forAll(let binding, let inner): return binding.expressions + inner.expressions
        }
    }
}
