import Foundation
import TeXMath
import TutorialBase

/// Reads the `%` lines of a derivation block, which readers never see:
///
/// ```
/// % for z in logits(count: 2...8), y in label(below: z.count)
/// % let q = softmax(z)
/// % let D_{KL}(p \| q) = klDivergence(p, q)     (any TeX on the left)
/// % tolerance 1e-9      % atol 1e-12      % draws 200
/// % indices from 1      % label eq:gradient
/// ```
struct DerivationHeader {
    package var file: String
    package var diagnostics: [Diagnostic] = []

    /// Reads one `%` line into `derivation`.
    package mutating func read(_ comment: String, line: Int, column: Int, into derivation: inout Derivation) {
        let words = comment.split(separator: " ", maxSplits: 1).map(String.init)
        let rest = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch words.first {
        case "for":
            derivation.forLine = line
            derivation.variables = variables(rest, line: line)
        case "let":
            if let declaration = declaration(words.count > 1 ? words[1] : "", line: line, column: column + 4) { derivation.declarations.append(declaration) }
        case "tolerance", "rtol":
            if let t = Double(rest), t.isFinite, t >= 0, t <= Derivation.loosestTolerance { derivation.tolerance = t } else if let t = Double(rest), t > Derivation.loosestTolerance {
                error(line, column, "'% tolerance \(rest)' is looser than \(Derivation.loosestTolerance): steps that far apart are not equal as a reader reads `=`; make the steps agree, or write `\\approx` with the decimals you mean")
            } else {
                error(line, column, "'% tolerance' needs a finite, non-negative number such as 1e-6")
            }
        case "atol":
            if let t = Double(rest), t.isFinite, t >= 0 { derivation.absoluteTolerance = t } else {
                error(line, column, "'% atol' needs a finite, non-negative number such as 1e-12")
            }
        case "draws":
            if let n = Int(rest), n > 0, n <= 100_000 { derivation.draws = n } else {
                error(line, column, "'% draws' needs a whole number from 1 to 100000")
            }
        case "label":
            if rest.hasPrefix("eq:"), !rest.contains(" ") { derivation.label = rest } else {
                error(line, column, "'% label' needs a label of the form eq:NAME")
            }
        case "indices":
            switch rest {
            case "from 1": derivation.indexBase = 1
            case "from 0": derivation.indexBase = 0
            default: error(line, column, "'% indices' is '% indices from 1' or '% indices from 0'")
            }
        case nil:
            return
        default:
            error(line, column, "a derivation comment line is '% for …', '% let …', '% tolerance …', '% atol …', '% draws …', '% indices from 1' or '% label …'; a step needs its TeX before the '%'")
        }
    }

    private mutating func error(_ line: Int, _ column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message))
    }

    package mutating func variables(_ text: String, line: Int) -> [Derivation.Variable] {
        let scalars = Array(text.unicodeScalars)
        var cuts = SwiftTextWalker.topLevelIndices(of: ",", in: scalars)
        cuts.append(scalars.count)
        var variables: [Derivation.Variable] = []
        var start = 0
        for cut in cuts {
            let part = String(String.UnicodeScalarView(scalars[start..<cut])).trimmingCharacters(in: .whitespaces)
            start = cut + 1
            let pieces = part.components(separatedBy: " in ")
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            guard pieces.count >= 2, Self.isIdentifier(name) else {
                diagnostics.append(Diagnostic(file: file, line: line,
                    "'% for' expects 'NAME in GENERATOR, …', e.g. '% for z in logits(count: 2...8)'; cannot read '\(part)'"))
                continue
            }
            let generator = pieces.dropFirst().joined(separator: " in ").trimmingCharacters(in: .whitespaces)
            variables.append(.init(name: name, generator: generator))
        }
        return variables
    }

    /// `NAME = SWIFT`, `NAME(a, b: Type) = SWIFT`, or TeX on the left:
    /// `D_{KL}(p \| q) = …`, `\hat{y} = …`, `net_{h1} = …`.
    mutating func declaration(_ text: String, line: Int, column: Int) -> Derivation.Declaration? {
        let scalars = Array(text.unicodeScalars)
        let usage = "'% let' expects 'NAME = SWIFT' or 'NAME(a, b) = SWIFT', e.g. '% let q = softmax(z)'; the name may be TeX, '% let D_{KL}(p \\| q) = kl(p, q)'"
        guard let equals = Self.definingEquals(scalars) else {
            error(line, column, usage + "; cannot read '\(text)'")
            return nil
        }
        let left = String(String.UnicodeScalarView(scalars[..<equals])).trimmingCharacters(in: .whitespaces)
        var i = equals + 1
        while i < scalars.count, scalars[i] == " " { i += 1 }
        let swift = String(String.UnicodeScalarView(scalars[i...])).trimmingCharacters(in: .whitespaces)
        guard !swift.isEmpty else {
            error(line, column + i, usage + "; the Swift after '=' is missing")
            return nil
        }
        // The parameters: a final (…) group on the left.
        var head = left
        var parameters: [Derivation.Declaration.Parameter]?
        if left.hasSuffix(")"), let open = Self.openingParen(of: left) {
            head = String(left[..<open]).trimmingCharacters(in: .whitespaces)
            let inside = String(left[left.index(after: open)..<left.index(before: left.endIndex)])
            parameters = []
            for part in Self.parameterParts(inside) {
                let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let name = pieces[0].hasPrefix("\\") ? String(pieces[0].dropFirst()) : pieces[0]
                guard Self.isIdentifier(name) else {
                    error(line, column, "'\(part.trimmingCharacters(in: .whitespaces))' is not a parameter name; write '% let \(head)(a, b: Int) = …'")
                    return nil
                }
                parameters?.append(.init(name: name, type: pieces.count > 1 ? pieces[1] : nil))
            }
        }
        guard !head.isEmpty else {
            error(line, column, usage)
            return nil
        }
        if Self.isIdentifier(head) {
            return .init(name: head, parameters: parameters, swift: swift, line: line, column: column + i)
        }
        if head.hasPrefix("\\"), TeXMathParser.ownCommands.contains(String(head.dropFirst())) {
            error(line, column, "'\(head)' is read by the reader itself, whatever a '% let' says (a declaration of it would be ignored): give your function a name of its own, such as '% let \\operatorname{my\(head.dropFirst())}(x) = …'")
            return nil
        }
        guard let name = MathNames.identifier(forTeX: head) else {
            error(line, column, "'\(head)' cannot be declared: a TeX name is letters, digits, subscripts and commands such as \\hat{y}; " + usage)
            return nil
        }
        return .init(name: name, tex: head, parameters: parameters, swift: swift, line: line, column: column + i)
    }

    /// The `=` that separates the name from its Swift: the first one outside
    /// brackets that is not part of `==`, `<=`, `>=` or `!=`.
    static func definingEquals(_ s: [Unicode.Scalar]) -> Int? {
        var depth = 0
        for (k, c) in s.enumerated() {
            switch c {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "=" where depth == 0:
                let before = k > 0 ? s[k - 1] : " ", after = k + 1 < s.count ? s[k + 1] : " "
                if after == "=" || ["=", "<", ">", "!"].contains(before) { continue }
                return k
            default: break
            }
        }
        return nil
    }

    /// The `(` that opens the final group of `left`.
    static func openingParen(of left: String) -> String.Index? {
        var depth = 0
        var index = left.endIndex
        while index > left.startIndex {
            index = left.index(before: index)
            if left[index] == ")" { depth += 1 }
            if left[index] == "(" { depth -= 1; if depth == 0 { return index } }
        }
        return nil
    }

    /// Parameters split at `,`, `;`, `\|`, `||`, `\Vert`, `\parallel` and `|`.
    static func parameterParts(_ inside: String) -> [String] {
        var text = inside
        for separator in ["\\parallel", "\\Vert", "\\|", "||", "|", ";"] { text = text.replacingOccurrences(of: separator, with: ",") }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
