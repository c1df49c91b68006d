import CECore
import Dispatch
import RealModule

/// Float or Double, with the matching numpy dtype.
enum Precision {
    case float, double
    var numpyName: String { self == .float ? "float32" : "float64" }
    var bytes: Int { self == .float ? 4 : 8 }
    var name: String { self == .float ? "Float" : "Double" }
}

/// Median wall times in nanoseconds of each version; the runs of all versions interleave.
struct Measurements {
    var fused: Double
    var fusedNewArray: Double
    var textbook: Double
    var numpy: Double?

    static func run<T: Real & BinaryFloatingPoint & Sendable>(
        _: T.Type, rows: Int, classes: Int, runs: Int, numpy: NumpyBaseline?
    ) -> Measurements {
        var rng = SplitMix(seed: 42)
        let logits = (0..<(rows * classes)).map { _ in T(rng.nextGaussian() * 3) }
        let labels = (0..<rows).map { _ in Int(rng.next() % UInt64(classes)) }
        var sink: T = 0
        var gradient = [T](repeating: 0, count: logits.count)
        var times: [[Double]] = [[], [], [], []]
        for run in 0...runs {
            let sample = [
                time {
                    let r = try! crossEntropyLossAndGradient(
                        logits: logits, classes: classes, labels: labels, gradient: &gradient)
                    sink += r.loss + gradient[17]
                },
                time {
                    let r = try! crossEntropyLossAndGradient(logits: logits, classes: classes, labels: labels)
                    sink += r.loss + r.gradient[17]
                },
                time { sink += Textbook.lossAndGradient(logits, classes: classes, labels: labels, into: &gradient) },
                numpy?.time() ?? .nan,
            ]
            if run > 0 { for i in 0..<4 { times[i].append(sample[i]) } }  // run 0 warms up
        }
        if sink.isNaN { print("") }  // keeps the work alive
        let m = times.map(median)
        return Measurements(fused: m[0], fusedNewArray: m[1], textbook: m[2], numpy: m[3].isNaN ? nil : m[3])
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start)
    }

    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
}

/// SplitMix64 with a Box–Muller normal, for reproducible logits.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextGaussian() -> Double {
        let u = (Double(next() >> 11) + 0.5) / 9007199254740992
        let v = Double(next() >> 11) / 9007199254740992
        return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * .pi * v)
    }
}
