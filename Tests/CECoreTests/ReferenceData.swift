import Foundation
import Testing
import RealModule

/// A row of reference values from `Reference/reference.json` (mpmath, 50 digits).
struct ReferenceCase: Decodable {
    /// A seeded row: `kind` "gaussian" (σ = `scale`) or absent (uniform, width `scale`).
    struct Generator: Decodable { var kind: String?; var seed: UInt64; var count: Int; var scale: Double }
    var name: String
    var type: String
    var label: Int
    var logits: [String]?
    var generator: Generator?
    var indices: [Int]?
    var softmax: [String]
    var logSoftmax: [String]
    var gradient: [String]
    var logSumExp: String
    var loss: String

    /// Every case for element type T ("Double" or "Float").
    static func all<T>(for _: T.Type) throws -> [ReferenceCase] {
        let folder = try #require(Bundle.module.url(forResource: "Reference", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("reference.json"))
        let name = T.self == Float.self ? "Float" : "Double"
        return try JSONDecoder().decode(ReferenceFile.self, from: data).cases.filter { $0.type == name }
    }

    /// The logits, parsed exactly or regenerated bit for bit.
    func inputs<T: TestFloat>(_: T.Type) -> [T] {
        if let logits { return logits.map { T($0)! } }
        let g = generator!
        if g.kind == "gaussian" { return seededGaussianLogits(seed: g.seed, count: g.count, sigma: g.scale) }
        return seededLogits(seed: g.seed, count: g.count, scale: T(g.scale))
    }

    /// The indices whose outputs are stored.
    func storedIndices(count: Int) -> [Int] { indices ?? Array(0..<count) }
}

/// The layout of reference.json.
struct ReferenceFile: Decodable { var cases: [ReferenceCase] }

typealias TestFloat = Real & BinaryFloatingPoint & LosslessStringConvertible & Sendable

/// The seeded logits of generate.py's `lcg_logits`: 53 (Double) or 24 (Float) random bits
/// u in [0, 1), z = (u − 0.5)·scale, exact in both languages.
func seededLogits<T: BinaryFloatingPoint>(seed: UInt64, count: Int, scale: T) -> [T] {
    var x = seed
    return (0..<count).map { _ in
        x = 6364136223846793005 &* x &+ 1442695040888963407
        let u: T = T.self == Float.self
            ? T(x >> 40) / T(1 << 24)
            : T(x >> 11) / T(sign: .plus, exponent: 53, significand: 1)
        return (u - 0.5) * scale
    }
}

/// The seeded wide-spread logits of generate.py's `gaussian_logits`: twelve 24-bit
/// uniforms of the same generator summed (Irwin–Hall), d = S − 6 exact in Double, the logit
/// d·σ rounded in Double and, for Float, rounded once more.
func seededGaussianLogits<T: BinaryFloatingPoint>(seed: UInt64, count: Int, sigma: Double) -> [T] {
    var x = seed
    return (0..<count).map { _ in
        var s: Int64 = 0
        for _ in 0..<12 {
            x = 6364136223846793005 &* x &+ 1442695040888963407
            s += Int64(x >> 40)
        }
        return T(Double(s - (6 << 24)) / Double(1 << 24) * sigma)
    }
}

/// |computed − exact| in units of ulp(exact); exact zeros and infinities must match exactly.
func ulpError<T: BinaryFloatingPoint>(_ computed: T, _ exact: T) -> Double {
    if exact == 0 || exact.isInfinite { return computed == exact ? 0 : .infinity }
    if computed.isNaN { return .infinity }
    return Double(abs(computed - exact) / exact.ulp)
}

/// The largest ulp error over two arrays, and where it happened.
func maxUlpError<T: BinaryFloatingPoint>(_ computed: [T], _ exact: [T]) -> (error: Double, index: Int) {
    var worst = (error: 0.0, index: -1)
    for (i, (c, e)) in zip(computed, exact).enumerated() {
        let u = ulpError(c, e)
        if u > worst.error || (u.isNaN && worst.index < 0) { worst = (u, i) }
    }
    return worst
}
