import Foundation

/// The number (or tuple of numbers) an author typed after `≈`, with the
/// precision its digits claim.
///
/// A number with d decimals claims |value − literal| ≤ ½·10^(−d); in
/// scientific notation the mantissa's decimals count at the exponent's scale
/// (`2.5e-3` claims ±0.05e-3); an integer claims exact equality.
package struct ClaimLiteral: Sendable, Hashable {
    /// One number of the literal, with the precision its digits claim.
    public struct Number: Sendable, Hashable {
        /// The number as written.
        public var text: String
        /// Its value.
        public var value: Double
        /// Decimals of the literal (of the mantissa for scientific notation).
        package var decimals: Int
        /// The power of ten of scientific notation (0 otherwise).
        package var exponent: Int
        /// Written without a point or exponent: it claims exact equality.
        package var isInteger: Bool

        /// Half a unit in the last written place (0 for integers).
        package var tolerance: Double {
            isInteger ? 0 : 0.5 * pow(10, Double(exponent - decimals))
        }

        /// Whether `x` agrees with this literal at the precision written.
        package func accepts(_ x: Double) -> Bool {
            if isInteger { return x == value }
            return abs(x - value) <= tolerance + 4 * max(abs(x), abs(value)).ulp
        }

        /// The largest number of decimals (≤ `decimals`) at which `x` still
        /// agrees with the literal; nil if not even at the units place.
        package func agreement(with x: Double) -> Int? {
            guard !isInteger, exponent == 0 else { return nil }
            var k = decimals
            while k >= 0 {
                if abs(x - value) <= 0.5 * pow(10, Double(-k)) + 4 * max(abs(x), abs(value)).ulp { return k }
                k -= 1
            }
            return nil
        }
    }

    /// The literal as written.
    public var text: String
    /// Its numbers: one, or one per tuple element.
    public var numbers: [Number]
    /// Written as a tuple, `(a, b)`.
    package var isTuple: Bool

    /// Why the text is not a claim literal.
    package struct ParseError: Error, Sendable {
        /// What is wrong with the literal, one sentence.
        public var message: String
    }

    /// Reads a literal such as `0.462`, `2.5e-3` or `(0.23, 0.63)`.
    /// - Throws: `ParseError` when it is not a number or a tuple of numbers.
    package static func parse(_ text: String) throws -> ClaimLiteral {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("(") {
            guard trimmed.hasSuffix(")") else { throw ParseError(message: "the tuple '\(trimmed)' has no closing ')'") }
            let parts = trimmed.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            let numbers = try parts.map { try number(String($0)) }
            guard !numbers.isEmpty else { throw ParseError(message: "the tuple '\(trimmed)' is empty") }
            return ClaimLiteral(text: trimmed, numbers: numbers, isTuple: true)
        }
        return ClaimLiteral(text: trimmed, numbers: [try number(trimmed)], isTuple: false)
    }

    /// A decimal number, its fraction digits and exponent captured (compiled once).
    nonisolated(unsafe) static let numberPattern = try? NSRegularExpression(pattern: #"^[-+]?([0-9]+)(\.([0-9]+))?([eE]([-+]?[0-9]+))?$"#)

    package static func number(_ raw: String) throws -> Number {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let normalized = text.replacingOccurrences(of: "\u{2212}", with: "-")
        guard let regex = numberPattern,
              let match = regex.firstMatch(in: normalized, range: NSRange(normalized.startIndex..., in: normalized)),
              let value = Double(normalized)
        else {
            throw ParseError(message: "'\(text)' after '≈' is not a number such as 0.462, -0.37, 2.5e-3 or 3, nor a tuple of them")
        }
        func group(_ i: Int) -> String? {
            Range(match.range(at: i), in: normalized).map { String(normalized[$0]) }
        }
        let decimals = group(3)?.count ?? 0
        let exponent = group(5).flatMap { Int($0) } ?? 0
        let isInteger = group(2) == nil && group(4) == nil
        return Number(text: text, value: value, decimals: decimals, exponent: exponent, isInteger: isInteger)
    }
}
