import Testing
@testable import TeXMath
@testable import Tutorial
@testable import TutorialMarkdown

/// A `% let` may use the `% let` functions declared above it: each call is
/// replaced by the body of the declaration with that name and arity.
@Suite struct LetExpansionTests {
    static func function(_ name: String, _ parameters: [String], _ swift: String) -> MathDeclaration {
        MathDeclaration(name: name, tex: nil, parameters: parameters.map { .init(name: $0, type: nil) }, swift: swift, line: 1, column: 1)
    }

    static func value(_ name: String, _ swift: String) -> MathDeclaration {
        MathDeclaration(name: name, tex: nil, parameters: nil, swift: swift, line: 1, column: 1)
    }

    @Test func aCallIsReplacedByTheBodyOfItsArity() {
        let declarations = [
            Self.function("H", ["p"], "entropy(p)"),
            Self.function("H", ["p", "q"], "crossEntropy(p, q)"),
            Self.function("D", ["p", "q"], "H(p, q) - H(p)"),
        ]
        let expanded = LetExpansion.expanding(declarations)
        #expect(expanded[2].swift == "(crossEntropy((p), (q))) - (entropy((p)))")
        #expect(expanded[0] == declarations[0] && expanded[1] == declarations[1])
    }

    @Test func argumentsAreSubstitutedWholeAndLabelsAndMembersStay() {
        let declarations = [
            Self.function("f", ["x", "label"], "loss(logits: x, label: label) + x.count + xs[0]"),
            Self.value("v", "f(z.map { $0 * 2 }, (y, 1).0) * 3"),
        ]
        #expect(LetExpansion.expanding(declarations)[1].swift
                == "(loss(logits: (z.map { $0 * 2 }), label: ((y, 1).0)) + (z.map { $0 * 2 }).count + xs[0]) * 3")
    }

    @Test func callsOfLaterOrUnknownArityOrInStringsOrAsMembersStay() {
        let declarations = [
            Self.value("a", "g(1)"),
            Self.function("g", ["x"], "x + 1"),
            Self.value("b", "g(1, 2) + s.g(3) + \"g(4)\" + gg(5)"),
        ]
        let expanded = LetExpansion.expanding(declarations)
        #expect(expanded[0].swift == "g(1)", "a call above the declaration is not expanded")
        #expect(expanded[2].swift == "g(1, 2) + s.g(3) + \"g(4)\" + gg(5)")
    }

    /// Chapter 08 declares `% let gradient(z) = …` and then calls the
    /// runtime's `gradient(at: z) { … }`: a labelled call is the chapter's
    /// own function, since a declared function's parameters have no labels.
    @Test func aCallWithALabelledArgumentIsTheChaptersOwnFunction() {
        let declarations = [
            Self.function("gradient", ["z"], "exact(z)"),
            Self.function("AD", ["z"], "gradient(at: z) { meanLoss($0) }.base + gradient(z)"),
        ]
        #expect(LetExpansion.expanding(declarations)[1].swift == "gradient(at: z) { meanLoss($0) }.base + (exact((z)))")
        #expect(LetExpansion.isLabelled("at: z") && !LetExpansion.isLabelled("a ? b : c") && !LetExpansion.isLabelled("Swift::max"))
    }

    @Test func expansionsNest() {
        let declarations = [
            Self.function("f", ["x"], "x * x"),
            Self.function("g", ["x"], "f(x) + f(2)"),
            Self.value("c", "g(3)"),
        ]
        #expect(LetExpansion.expanding(declarations)[2].swift == "((((3)) * ((3))) + ((2) * (2)))")
    }
}
