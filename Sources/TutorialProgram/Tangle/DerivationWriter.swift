import TeXMath
import TutorialBase
import TutorialMarkdown
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
    package static func write(_ derivation: Derivation, into out: inout ProgramWriter) {
        let relations = derivation.steps.map { runtimeRelation($0.relation) }
        out.raw("__tutorialDerivation(\(derivation.index), draws: \(derivation.evaluations), tolerance: \(derivation.tolerance), absolute: \(derivation.absolute), relations: [\(relations.joined(separator: ", "))]) { __random in")
        for variable in derivation.variables {
            // Under `% indices from 1` a drawn index or class counts from 1 too.
            let shift = derivation.indexBase != 0 && Derivation.drawsIndex(variable.generator) ? " + \(derivation.indexBase)" : ""
            out.located(line: derivation.forLine,
                "    let \(variable.name) = (\(Tangler.qualified(variable.generator))).draw(using: &__random)\(shift)")
        }
        let values = derivation.declarations.filter { $0.parameters == nil }
        let functions = derivation.declarations.filter { $0.parameters != nil }
        for value in values {
            out.expression(prefix: "    let \(value.name) = (", value.swift, suffix: ")", at: SourceLocation(line: value.line, column: value.column))
        }

        // Steps first, into a buffer, to learn which names lend their types.
        var body = ProgramWriter(file: out.file)
        let lenders = Set(derivation.variables.map(\.name) + values.map(\.name) + derivation.chapterValueNames)
        var witnesses = Set(functions.flatMap { $0.parameters ?? [] }.filter { $0.type == nil && lenders.contains($0.name) }.map(\.name))
        let borrowed = argumentLenders(derivation, lenders: lenders)
        witnesses.formUnion(borrowed.values)
        var counter = 0
        for (k, step) in derivation.steps.enumerated() {
            var guardLines: [SwiftMathEmitter.Line] = []
            var guardResult: String?
            if let condition = step.condition {
                var emitter = SwiftMathEmitter(line: step.line, column: step.column, values: values, counter: counter, indexBase: derivation.indexBase)
                guardResult = emitter.condition(condition)
                guardLines = emitter.lines
                counter = emitter.nextCounter
                witnesses.formUnion(emitter.witnesses)
            }
            let opening = guardResult.map { result -> String in
                body.line("let __s\(k) = __texGuarded({ () throws -> Bool in", at: step.line, column: step.column)
                for line in guardLines { body.line(line.code, at: line.line, column: line.column) }
                body.line("return \(result)", at: step.line, column: step.column)
                body.line("}) {", at: step.line, column: step.column)
                return ""
            } ?? "let __s\(k) = "
            switch step.source {
            case .tex(let expression):
                var approximate = false
                if case .approximately(_?) = step.relation { approximate = true }
                var emitter = SwiftMathEmitter(line: step.line, column: step.column, values: values, counter: counter,
                                               approximate: approximate, indexBase: derivation.indexBase)
                let result = emitter.value(expression)
                counter = emitter.nextCounter
                witnesses.formUnion(emitter.witnesses)
                let call: String
                if emitter.literals > 0 {
                    let literals = emitter.literalValues.map(\.value).joined(separator: ", ")
                    let halves = emitter.literalValues.map(\.halfUnit).joined(separator: ", ")
                    let known = derivation.knownValues.map { "\($0) as Any" }.joined(separator: ", ")
                    let digits = emitter.literalValues.map { String($0.digits) }.joined(separator: ", ")
                    call = "__texApproximateStep(literals: [\(literals)], halfUnits: [\(halves)], digits: [\(digits)], lone: \(isLoneNumber(expression)), known: { [\(known)] })"
                } else {
                    call = "__texStep"
                }
                body.line("\(opening)\(call) { () throws -> __TeXValue in", at: step.line, column: step.column)
                for line in emitter.lines { body.line(line.code, at: line.line, column: line.column) }
                body.line("return \(result)", at: step.line, column: step.column)
                body.line("}", at: step.line, column: step.column)
            case .twin(let swift, _):
                body.expression(prefix: "    \(opening)__texTwin(", swift, suffix: ")", at: SourceLocation(line: step.line, column: step.column))
            }
            if guardResult != nil { body.line("}", at: step.line, column: step.column) }
        }

        for name in witnesses.sorted() { out.raw("    let __w_\(name) = \(name)") }
        for function in functions {
            let parameters = function.parameters ?? []
            let list = parameters.indices.map { "_ __a\($0): __TeXValue" }.joined(separator: ", ")
            out.raw("    @MainActor func \(SwiftMathEmitter.functionName(function.name, arity: parameters.count))(\(list)) throws -> __TeXValue {")
            for (k, parameter) in parameters.enumerated() {
                if let type = parameter.type {
                    out.raw("        let \(parameter.name): \(type) = try __texNative(__a\(k))")
                } else if lenders.contains(parameter.name) {
                    out.raw("        let \(parameter.name) = try __texNative(__a\(k), like: __w_\(parameter.name))")
                } else if let lender = borrowed["\(function.name)/\(parameters.count)/\(k)"] {
                    // The type its uses imply: the input or value passed to it in the steps.
                    out.raw("        let \(parameter.name) = try __texNative(__a\(k), like: __w_\(lender))")
                } else {
                    out.raw("        let \(parameter.name): Double = try __texNative(__a\(k), parameter: \(ValueQuote.swift(parameter.name)), of: \(ValueQuote.swift(function.tex ?? function.name)))")
                }
            }
            out.expression(prefix: "        return try __texValue(", function.swift, suffix: ")",
                           at: SourceLocation(line: function.line, column: function.column))
            out.raw("    }")
        }
        out.append(body)
        let inputs = derivation.variables.map { "(\(ValueQuote.swift($0.name)), \($0.name) as Any)" }
        let steps = derivation.steps.indices.map { "__s\($0)" }
        out.raw("    return (inputs: [\(inputs.joined(separator: ", "))], steps: [\(steps.joined(separator: ", "))])")
        out.raw("}")
    }

    /// For each untyped parameter of a `% let` function ("name/arity/k"),
    /// an input or value the steps pass to it, whose type it takes.
    static func argumentLenders(_ derivation: Derivation, lenders: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        func visit(_ e: MathExpression) {
            if case .call(let name, let arguments, true) = e {
                for (k, argument) in arguments.enumerated() {
                    if case .name(let n) = argument, lenders.contains(n), out["\(name)/\(arguments.count)/\(k)"] == nil {
                        out["\(name)/\(arguments.count)/\(k)"] = n
                    }
                }
            }
            e.children.forEach(visit)
        }
        for step in derivation.steps { if case .tex(let e) = step.source { visit(e) } }
        return out
    }

    /// The runtime's spelling of a step's relation.
    static func runtimeRelation(_ relation: StepRelation) -> String {
        switch relation {
        case .first: return ".first"
        case .equal, .approximately(nil): return ".equal"
        case .approximately(let d?): return ".approximately(\(d))"
        case .inequality(.less): return ".less"
        case .inequality(.lessOrEqual): return ".lessOrEqual"
        case .inequality(.greater): return ".greater"
        case .inequality(.greaterOrEqual): return ".greaterOrEqual"
        case .inequality: return ".equal"
        }
    }

    /// Whether a step is one number, `0.4644` or `-0.4644`: its result, rounded.
    static func isLoneNumber(_ e: MathExpression) -> Bool {
        switch e {
        case .number: return true
        case .negate(.number): return true
        default: return false
        }
    }
}
