/// Writes a ``MathExpression`` back out as the reader understood it, in a
/// Swift-like notation with every implicit operation made explicit:
/// `q_i - \mathbb{1}(y = i)` reads `q[i] - indicator(y == i)`, and
/// `\sum_{j \ne y} e^{z_j}` reads `sum(j in indices(z) where j != y: exp(z[j]))`.
package enum MathReading {
    /// The reading of `e`, in Swift-like text.
    public static func text(_ e: MathExpression) -> String {
        write(e, context: 0)
    }

    /// Precedence: 1 sums, 2 products, 3 unary minus, 4 powers and atoms.
    private static func write(_ e: MathExpression, context: Int) -> String {
        let (text, level) = written(e)
        return level < context ? "(" + text + ")" : text
    }

    private static func written(_ e: MathExpression) -> (String, Int) {
        switch e {
        case .number(let text): return (text, 4)
        case .name(let name): return (name, 4)
        case .constant(.e): return ("e", 4)
        case .constant(.pi): return ("pi", 4)
        case .negate(let a): return ("-" + write(a, context: 3), 3)
        case .arithmetic(let op, let a, let b):
            switch op {
            case .add, .subtract: return (write(a, context: 1) + " \(op.rawValue) " + write(b, context: 2), 1)
            case .multiply, .divide, .hadamard: return (write(a, context: 2) + " \(op.rawValue) " + write(b, context: 3), 2)
            case .inner: return ("⟨" + write(a, context: 0) + ", " + write(b, context: 0) + "⟩", 4)
            }
        case .power(let a, let b): return ("pow(\(write(a, context: 0)), \(write(b, context: 0)))", 4)
        case .apply(let f, let a): return ("\(f.rawValue)(\(write(a, context: 0)))", 4)
        case .element(let base, let index): return (write(base, context: 4) + "[\(write(index, context: 0))]", 4)
        case .call(let name, let arguments, _):
            return ("\(name)(\(arguments.map { write($0, context: 0) }.joined(separator: ", ")))", 4)
        case .reduction(let kind, let binding, let body):
            return ("\(kind.rawValue)(\(range(binding)): \(write(body, context: 0)))", 4)
        case .extremum(let kind, let arguments):
            return ("\(kind.rawValue)(\(arguments.map { write($0, context: 0) }.joined(separator: ", ")))", 4)
        case .indicator(let condition): return ("indicator(\(write(condition)))", 4)
        case .primed(let name, _, let argument, let order):
            return ("\(name)\(String(repeating: "'", count: order))(\(write(argument, context: 0)))", 4)
        case .transpose(let a): return (write(a, context: 4) + "ᵀ", 4)
        case .entry(let base, let row, let column):
            return (write(base, context: 4) + "[\(write(row, context: 0)), \(write(column, context: 0))]", 4)
        case .sample(let base, let index): return (write(base, context: 4) + "[sample \(write(index, context: 0))]", 4)
        case .matrix(let rows):
            return ("[" + rows.map { "[" + $0.map { write($0, context: 0) }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]", 4)
        case .tabulate(let rows, let columns, let body):
            let ranges = [rows, columns].compactMap { $0 }.map(range).joined(separator: ", ")
            let kind = rows == nil ? "row" : columns == nil ? "vector" : "matrix"
            return ("\(kind)(\(ranges): \(write(body, context: 0)))", 4)
        case .cases(let cases, let otherwise):
            var parts = cases.map { "\(write($0.value, context: 0)) if \(write($0.condition))" }
            if let otherwise { parts.append("\(write(otherwise, context: 0)) otherwise") }
            return ("cases(" + parts.joined(separator: "; ") + ")", 4)
        case .derivative(let variable, let operand):
            let wrt = variable.name + (variable.component.map { "[\(write($0, context: 0))]" } ?? "")
            return ("d/d\(wrt)(\(write(operand, context: 0)))", 4)
        }
    }

    private static func range(_ binding: MathBinding) -> String {
        var text: String
        switch binding.range {
        case .over(let sources):
            text = "\(binding.name) in indices(\(sources.map { write($0, context: 0) }.joined(separator: ", ")))"
        case .bounds(let lower, let upper):
            text = "\(binding.name) in \(write(lower, context: 2))...\(write(upper, context: 2))"
        }
        if !binding.excluded.isEmpty {
            text += " where " + binding.excluded.map { "\(binding.name) != \(write($0, context: 0))" }.joined(separator: " && ")
        }
        return text
    }

    private static func write(_ c: MathCondition) -> String {
        switch c {
        case .comparison(let operands, let relations):
            var text = write(operands[0], context: 0)
            for (k, relation) in relations.enumerated() {
                if k > 0 { text += " && " + write(operands[k], context: 0) }
                text += " \(relation.rawValue) " + write(operands[k + 1], context: 0)
            }
            return text
        case .all(let parts): return parts.map { "(" + write($0) + ")" }.joined(separator: " && ")
        case .any(let parts): return parts.map { "(" + write($0) + ")" }.joined(separator: " || ")
        case .forAll(let binding, let inner): return "forAll(\(range(binding)): \(write(inner)))"
        }
    }
}
