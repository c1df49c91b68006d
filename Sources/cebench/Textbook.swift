import RealModule

/// The stable textbook loss and gradient: max, exp, sum and divide as separate passes
/// over each row, one core, libm's exp (mean reduction, no options).
enum Textbook {
    static func lossAndGradient<T: Real & BinaryFloatingPoint>(
        _ logits: [T], classes: Int, labels: [Int], into gradient: inout [T]
    ) -> T {
        let rows = labels.count
        var loss: T = 0
        logits.withUnsafeBufferPointer { z in
            gradient.withUnsafeMutableBufferPointer { g in
                for i in 0..<rows {
                    let base = i * classes
                    var m = z[base]
                    for j in 0..<classes { m = max(m, z[base + j]) }
                    for j in 0..<classes { g[base + j] = T.exp(z[base + j] - m) }
                    var s: T = 0
                    for j in 0..<classes { s += g[base + j] }
                    for j in 0..<classes { g[base + j] /= s * T(rows) }
                    let y = labels[i]
                    g[base + y] -= 1 / T(rows)
                    loss += (T.log(s) - (z[base + y] - m)) / T(rows)
                }
            }
        }
        return loss
    }
}
