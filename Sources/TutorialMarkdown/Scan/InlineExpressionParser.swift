import Foundation
import TutorialBase

/// Splits the inside of `\( … )` into expression, format and claim.
///
/// - `\(EXPR)`: a value, printed as Swift prints it.
/// - `\(EXPR, decimals: N)` / `\(EXPR, significant: N)`: a formatted value.
/// - `\(EXPR ≈ LITERAL)`: a claim; LITERAL is shown exactly as written.
///
/// Only a top-level `≈` or `, decimals:` counts: one inside parentheses,
/// a closure or a string belongs to the expression.
enum InlineExpressionParser {
    package struct Problem: Error { var message: String }

    package static func parse(_ inside: [Unicode.Scalar], location: SourceLocation) throws -> InlineExpression {
        for tilde in SwiftTextWalker.topLevelIndices(of: "~", in: inside) where tilde + 1 < inside.count && inside[tilde + 1] == "=" {
            throw Problem(message: #"`~=` is Swift's pattern match, which would print true or false; to claim a value, write "≈" (\(x ≈ 1.1))"#)
        }
        let approx = SwiftTextWalker.topLevelIndices(of: "≈", in: inside)
        if let at = approx.first {
            guard approx.count == 1 else { throw Problem(message: #"a claim has one "≈"; found \#(approx.count)"#) }
            let expression = text(inside[..<at])
            let literal = text(inside[(at + 1)...])
            guard !expression.isEmpty else { throw Problem(message: #"the claim has no expression before "≈""#) }
            guard !literal.isEmpty else { throw Problem(message: #"the claim has no number after "≈""#) }
            do { _ = try ClaimLiteral.parse(literal) } catch let bad as ClaimLiteral.ParseError {
                throw Problem(message: bad.message)
            }
            return InlineExpression(expression: expression, claim: literal, location: location)
        }
        var expression = text(inside[...])
        var format = ValueFormat.plain
        if let comma = SwiftTextWalker.topLevelIndices(of: ",", in: inside).last {
            let tail = text(inside[(comma + 1)...])
            for (name, make) in [("decimals:", ValueFormat.decimals), ("significant:", ValueFormat.significant)]
            where tail.hasPrefix(name) {
                let number = tail.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
                let lowest = name == "significant:" ? 1 : 0
                guard let n = Int(number), n >= lowest, n <= 17 else {
                    throw Problem(message: "\(name) needs a whole number from \(lowest) to 17, got '\(number)'")
                }
                format = make(n)
                expression = text(inside[..<comma])
            }
        }
        guard !expression.isEmpty else { throw Problem(message: #""\()" holds no expression"#) }
        return InlineExpression(expression: expression, format: format, location: location)
    }

    package static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
