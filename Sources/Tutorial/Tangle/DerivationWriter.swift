import TeXMath
/// Tangle: writes one derivation into the chapter program.
///
/// ```swift
/// __tutorialDerivation(0, draws: 200, tolerance: 1e-09, decimals: [nil, nil]) { __random in
///     let z = (ChapterRuntime.logits(count: 2...8)).draw(using: &__random)   // % for
///     let q = softmax(z)                                                    // % let q = …
///     func __texfn_Loss(_ __a0: __TeXValue) throws -> __TeXValue { … }     // % let Loss(z) = …
///     let __s0 = __texStep { () throws -> __TeXValue in … }                // a step read from TeX
///     let __s1 = __texTwin(softmax(z)[i])                                  // a Swift twin
///     return (inputs: [("z", z as Any)], steps: [__s0, __s1])
/// }
/// ```
/// A worked example (no `% for`) is the same with no inputs and one draw.
enum DerivationWriter {
    static func write(_ derivation: Derivation, into out: inout ProgramWriter) {
        let decimals = derivation.steps.map { step -> String in
            if case .approximately(let d?) = step.relation { return "\(d)" }
            return "nil"
        }
        out.raw("__tutorialDerivation(\(derivation.index), draws: \(derivation.evaluations), tolerance: \(derivation.tolerance), decimals: [\(decimals.joined(separator: ", "))]) { __random in")
        for variable in derivation.variables {
            out.located(line: derivation.forLine,
                "    let \(variable.name) = (\(Tangler.qualified(variable.generator))).draw(using: &__random)")
        }
        let values = derivation.declarations.filter { $0.parameters == nil }
        let functions = derivation.declarations.filter { $0.parameters != nil }
        for value in values {
            out.expression(prefix: "    let \(value.name) = (", value.swift, suffix: ")", at: SourceLocation(line: value.line, column: value.column))
        }

        // Steps first, into a buffer, to learn which names lend their types.
        var body = ProgramWriter(file: out.file)
        var witnesses = Set(functions.flatMap { $0.parameters ?? [] }.filter { $0.type == nil }.map(\.name))
        var counter = 0
        for (k, step) in derivation.steps.enumerated() {
            switch step.source {
            case .tex(let expression):
                var approximate = false
                if case .approximately(_?) = step.relation { approximate = true }
                var emitter = SwiftMathEmitter(line: step.line, column: step.column, values: values, counter: counter, approximate: approximate)
                let result = emitter.value(expression)
                counter = emitter.nextCounter
                witnesses.formUnion(emitter.witnesses)
                let opening = emitter.literals > 0 ? "__texApproximateStep(literals: \(emitter.literals))" : "__texStep"
                body.line("let __s\(k) = \(opening) { () throws -> __TeXValue in", at: step.line, column: step.column)
                for line in emitter.lines { body.line(line.code, at: line.line, column: line.column) }
                body.line("return \(result)", at: step.line, column: step.column)
                body.line("}", at: step.line, column: step.column)
            case .twin(let swift, _):
                body.expression(prefix: "    let __s\(k) = __texTwin(", swift, suffix: ")", at: SourceLocation(line: step.line, column: step.column))
            }
        }

        for name in witnesses.sorted() { out.raw("    let __w_\(name) = \(name)") }
        for function in functions {
            let parameters = function.parameters ?? []
            let list = parameters.indices.map { "_ __a\($0): __TeXValue" }.joined(separator: ", ")
            out.raw("    @MainActor func __texfn_\(function.name)(\(list)) throws -> __TeXValue {")
            for (k, parameter) in parameters.enumerated() {
                if let type = parameter.type {
                    out.raw("        let \(parameter.name): \(type) = try __texNative(__a\(k))")
                } else {
                    out.raw("        let \(parameter.name) = try __texNative(__a\(k), like: __w_\(parameter.name))")
                }
            }
            out.expression(prefix: "        return __texValue(", function.swift, suffix: ")",
                           at: SourceLocation(line: function.line, column: function.column))
            out.raw("    }")
        }
        out.append(body)
        let inputs = derivation.variables.map { "(\(ValueQuote.swift($0.name)), \($0.name) as Any)" }
        let steps = derivation.steps.indices.map { "__s\($0)" }
        out.raw("    return (inputs: [\(inputs.joined(separator: ", "))], steps: [\(steps.joined(separator: ", "))])")
        out.raw("}")
    }
}
