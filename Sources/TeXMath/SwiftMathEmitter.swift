/// Turns a ``MathExpression`` into Swift statements that compute it with
/// ChapterRuntime's `__TeXValue` operations, one small statement per node
/// (`let __t3 = try __texAdd(__t1, __t2)`), so that the type checker never
/// meets a long expression.
///
/// Every statement is placed at the step's chapter line and column, so a
/// compile error in a step (an unknown function, a type that does not
/// convert) points at the step. Sums, `\forall` and derivatives become
/// closures; inside a derivative the variable is rebound to its perturbed
/// value and the block's `% let` values are computed again from it.
package struct SwiftMathEmitter {
    /// A line of Swift and the chapter line and column it stands for.
    package struct Line: Equatable {
        /// The Swift.
        public var code: String
        /// The chapter line it stands for.
        public var line: Int
        /// The chapter column it stands for.
        package var column: Int
    }

    /// The statements emitted so far.
    package private(set) var lines: [Line] = []
    /// Names whose type a derivative or a function parameter borrows (`__w_z`).
    package private(set) var witnesses: Set<String> = []
    private var counter: Int
    private let line: Int
    private let column: Int
    /// The block's `% let` values, computed again inside derivatives.
    private let values: [MathDeclaration]

    /// Whether decimal numbers are `__texLiteral`s that an `\approx` step varies.
    private let approximate: Bool
    /// The `__texLiteral`s emitted: each number as Swift, and half a unit in its last digit.
    package private(set) var literalValues: [(value: String, halfUnit: String, digits: Int)] = []
    /// How many such literals were emitted.
    package var literals: Int { literalValues.count }
    /// 1 under `% indices from 1`: `z_1` is `z[0]`.
    private let indexBase: Int

    /// An emitter for one step at `line`:`column`; `counter` continues the
    /// numbering of temporaries of the steps before it.
    public init(line: Int, column: Int, values: [MathDeclaration], counter: Int = 0, approximate: Bool = false, indexBase: Int = 0) {
        self.approximate = approximate
        self.indexBase = indexBase
        self.line = line
        self.column = column
        self.values = values
        self.counter = counter
    }

    /// Where the next emitter's temporaries continue.
    package var nextCounter: Int { counter }

    private mutating func temporary() -> String {
        counter += 1
        return "__t\(counter)"
    }

    private mutating func emit(_ code: String) {
        lines.append(Line(code: code, line: line, column: column))
    }

    /// Emits `e` and returns the name of the `__TeXValue` that holds it.
    public mutating func value(_ e: MathExpression) -> String {
        let t = temporary()
        switch e {
        case .number(let text):
            let literal = text.hasPrefix(".") ? "0" + text : text
            if approximate, let point = literal.firstIndex(of: ".") {
                let decimals = literal.distance(from: point, to: literal.endIndex) - 1
                emit("let \(t) = __texLiteral(\(literal), 5e-\(decimals + 1), \(literals))")
                let significant = literal.filter(\.isNumber).drop(while: { $0 == "0" }).count
                literalValues.append((literal, "5e-\(decimals + 1)", significant))
            } else {
                emit("let \(t) = __TeXValue.number(\(literal))")
            }
        case .name(let name):
            emit("let \(t) = try __texValue(\(name))")
        case .constant(.e):
            emit("let \(t) = __TeXValue.number(2.718281828459045)")
        case .constant(.pi):
            emit("let \(t) = __TeXValue.number(Double.pi)")
        case .negate(let a):
            let x = value(a)
            emit("let \(t) = __texNegate(\(x))")
        case .arithmetic(let op, let a, let b):
            let x = value(a), y = value(b)
            let function = ["+": "__texAdd", "-": "__texSubtract", "*": "__texMultiply", "/": "__texDivide", "⊙": "__texHadamard", "⟨,⟩": "__texInner"][op.rawValue]!
            emit("let \(t) = try \(function)(\(x), \(y))")
        case .power(.element(let base, let index), let b) where !b.names.isEmpty:
            // `z_i^l`: element i of layer l when z holds one vector per layer,
            // else the power of z_i; the runtime tells by z's shape.
            let z = value(base), i = value(shifted(index)), layer = value(shifted(b)), y = value(b)
            emit("let \(t) = try __texLayerElementOrPower(\(z), \(i), layer: \(layer), exponent: \(y), \(ValueQuote.swift(MathReading.text(base))))")
        case .power(let a, let b) where !b.names.isEmpty:
            // `z^l`, `a^{l-1}`: layer l of an array of vectors, else a power.
            let x = value(a), layer = value(shifted(b)), y = value(b)
            emit("let \(t) = try __texLayerOrPower(\(x), layer: \(layer), exponent: \(y), \(ValueQuote.swift(MathReading.text(a))))")
        case .power(let a, let b):
            let x = value(a), y = value(b)
            emit("let \(t) = try __texPower(\(x), \(y))")
        case .apply(let f, let a):
            let x = value(a)
            switch f {
            case .exp: emit("let \(t) = __texExp(\(x))")
            case .log: emit("let \(t) = __texLog(\(x))")
            case .log1p: emit("let \(t) = __texLog1p(\(x))")
            case .sqrt: emit("let \(t) = __texSqrt(\(x))")
            case .abs: emit("let \(t) = try __texAbs(\(x))")
            case .diag: emit("let \(t) = try __texDiag(\(x))")
            case .det: emit("let \(t) = try __texDeterminant(\(x))")
            case .trace: emit("let \(t) = try __texTrace(\(x))")
            case .norm, .norm1, .normInfinity, .normFrobenius:
                emit("let \(t) = try __texNorm(\(x), .\(f.rawValue))")
            case .sin, .cos, .tan, .arcsin, .arccos, .arctan, .sinh, .cosh, .tanh:
                emit("let \(t) = __texTrigonometric(\(x), .\(f.rawValue))")
            }
        case .transpose(let a):
            let x = value(a)
            emit("let \(t) = __texTranspose(\(x))")
        case .entry(let base, let row, let column):
            let b = value(base), i = value(shifted(row)), j = value(shifted(column))
            emit("let \(t) = try __texEntry(\(b), \(i), \(j), \(ValueQuote.swift(MathReading.text(base))))")
        case .sample(let base, let index):
            let b = value(base), i = value(shifted(index))
            emit("let \(t) = try __texRow(\(b), \(i), \(ValueQuote.swift(MathReading.text(base))))")
        case .matrix(let rows):
            let cells = rows.map { $0.map { value($0) } }
            emit("let \(t) = try __texMatrixLiteral([\(cells.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ", "))])")
        case .tabulate(let rows, let columns, let body):
            let r = rows.map { indices($0) } ?? "nil", c = columns.map { indices($0) } ?? "nil"
            emit("let \(t) = try __texTabulate(rows: \(r), columns: \(c)) { (\(rows?.name ?? "_"): Int, \(columns?.name ?? "_"): Int) throws -> __TeXValue in")
            let result = value(body)
            emit("return \(result)")
            emit("}")
        case .cases(let cases, let otherwise):
            // Each condition and value is a closure: only the cases that hold are evaluated.
            var pairs: [String] = []
            for item in cases {
                let c = temporary(), v = temporary()
                emit("let \(c): () throws -> Bool = {")
                let holds = condition(item.condition)
                emit("return \(holds)")
                emit("}")
                emit("let \(v): () throws -> __TeXValue = {")
                let result = value(item.value)
                emit("return \(result)")
                emit("}")
                pairs.append("(\(c), \(v))")
            }
            var fallback = "nil"
            if let otherwise {
                let v = temporary()
                emit("let \(v): () throws -> __TeXValue = {")
                let result = value(otherwise)
                emit("return \(result)")
                emit("}")
                fallback = v
            }
            emit("let \(t) = try __texCases([\(pairs.joined(separator: ", "))], otherwise: \(fallback))")
        case .element(let base, let index):
            let b = value(base), i = value(shifted(index))
            emit("let \(t) = try __texElement(\(b), \(i), \(ValueQuote.swift(MathReading.text(base))))")
        case .call(let name, let arguments, let declared):
            let xs = arguments.map { value($0) }
            if declared {
                emit("let \(t) = try \(Self.functionName(name, arity: xs.count))(\(xs.joined(separator: ", ")))")
            } else {
                emit("let \(t) = try __texValue(\(name)(\(xs.map { "__texArgument(\($0))" }.joined(separator: ", "))))")
            }
        case .reduction(let kind, let binding, let body):
            let indices = self.indices(binding)
            let call: String
            switch kind {
            case .sum: call = "__texSum(\(indices))"
            case .product: call = "__texProduct(\(indices))"
            case .max: call = "__texExtremum(true, \(indices))"
            case .min: call = "__texExtremum(false, \(indices))"
            }
            emit("let \(t) = try \(call) { (\(binding.name): Int) throws -> __TeXValue in")
            let result = value(body)
            emit("return \(result)")
            emit("}")
        case .extremum(let kind, let arguments):
            let xs = arguments.map { value($0) }
            emit("let \(t) = try __texExtremum(\(kind == .max), [\(xs.joined(separator: ", "))])")
        case .indicator(let condition):
            let c = self.condition(condition)
            emit("let \(t) = __texIndicator(\(c))")
        case .primed(let name, let declared, let argument, let order):
            let point = value(argument)
            emitPrime(name, declared: declared, at: point, into: t, level: 1, order: order)
        case .derivative(let variable, let operand):
            let point = value(.name(variable.name))
            let component = variable.component.map { value(shifted($0)) } ?? "nil"
            witnesses.insert(variable.name)
            emit("let \(t) = try __texDerivative(at: \(point), component: \(component)) { (__p: __TeXValue) throws -> __TeXValue in")
            emit("let \(variable.name) = try __texNative(__p, like: __w_\(variable.name))")
            for declaration in values where declaration.name != variable.name {
                let prefix = "let \(declaration.name) = "
                lines.append(Line(code: prefix + declaration.swift, line: declaration.line, column: max(declaration.column - prefix.count, 1)))
            }
            let result = value(operand)
            emit("return \(result)")
            emit("}")
        }
        return t
    }

    /// `let result = f^(order - level + 1)(point)`, one central difference per prime.
    private mutating func emitPrime(_ name: String, declared: Bool, at point: String, into result: String, level: Int, order: Int) {
        let p = "__p\(level)"
        emit("let \(result) = try __texDerivative(at: \(point), component: nil) { (\(p): __TeXValue) throws -> __TeXValue in")
        if level == order {
            emit(declared ? "return try \(Self.functionName(name, arity: 1))(\(p))" : "return try __texValue(\(name)(__texArgument(\(p))))")
        } else {
            let inner = temporary()
            emitPrime(name, declared: declared, at: p, into: inner, level: level + 1, order: order)
            emit("return \(inner)")
        }
        emit("}")
    }

    /// The Swift name of a `% let` function of `arity` parameters (`H(p)`
    /// and `H(p, q)` are two functions).
    package static func functionName(_ name: String, arity: Int) -> String { "__texfn_\(name)_\(arity)" }

    /// An index as Swift counts it: `i - 1` under `% indices from 1`.
    private func shifted(_ index: MathExpression) -> MathExpression {
        guard indexBase != 0 else { return index }
        if case .number(let n) = index, let k = Int(n) { return .number(String(k - indexBase)) }
        return .arithmetic(.subtract, index, .number(String(indexBase)))
    }

    /// Emits the `[Int]` of indices a binding runs over and returns its name.
    private mutating func indices(_ binding: MathBinding) -> String {
        let excluded = binding.excluded.map { value($0) }
        let t = temporary()
        switch binding.range {
        case .over(let sources):
            let pairs = sources.map { source -> String in
                // `\sum_i a_i^l`: i runs over layer l of a when a holds one
                // vector per layer, else over a itself (the superscript a power).
                if case .power(let base, let e) = source, !e.names.isEmpty {
                    let b = value(base), layer = value(shifted(e)), t = temporary()
                    let written = ValueQuote.swift(MathReading.text(base))
                    emit("let \(t) = try __texLayerOrSelf(\(b), layer: \(layer), \(written))")
                    return "(\(written), \(t))"
                }
                return "(\(ValueQuote.swift(MathReading.text(source))), \(value(source)))"
            }
            emit("let \(t) = try __texIndices(\(ValueQuote.swift(binding.name)), [\(pairs.joined(separator: ", "))], excluding: [\(excluded.joined(separator: ", "))], base: \(indexBase))")
        case .bounds(let lower, let upper):
            let a = value(lower), b = value(upper)
            emit("let \(t) = try __texBounds(\(ValueQuote.swift(binding.name)), \(a), \(b), excluding: [\(excluded.joined(separator: ", "))])")
        }
        return t
    }

    /// Emits a condition and returns the name of the `Bool` that holds it.
    package mutating func condition(_ c: MathCondition) -> String {
        switch c {
        case .comparison(let operands, let relations):
            let xs = operands.map { value($0) }
            let parts = relations.enumerated().map { k, relation -> String in
                let t = temporary()
                emit("let \(t) = try __texCompare(\(xs[k]), \(ValueQuote.swift(relation.rawValue)), \(xs[k + 1]))")
                return t
            }
            let t = temporary()
            emit("let \(t) = \(parts.joined(separator: " && "))")
            return t
        case .all(let inner), .any(let inner):
            let parts = inner.map { condition($0) }
            let t = temporary()
            emit("let \(t) = \(parts.joined(separator: { if case .all = c { return " && " } else { return " || " } }()))")
            return t
        case .forAll(let binding, let inner):
            let indices = self.indices(binding)
            let t = temporary()
            emit("let \(t) = try __texForAll(\(indices)) { (\(binding.name): Int) throws -> Bool in")
            let result = condition(inner)
            emit("return \(result)")
            emit("}")
            return t
        }
    }
}
