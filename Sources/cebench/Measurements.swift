import CECore
import Dispatch
import RealModule
#if canImport(Glibc)
import Glibc
#endif

/// Float or Double, with the matching numpy dtype.
enum Precision: Hashable {
    case float, double
    var numpyName: String { self == .float ? "float32" : "float64" }
    var bytes: Int { self == .float ? 4 : 8 }
    var name: String { self == .float ? "Float" : "Double" }
}

/// Median wall times in nanoseconds of each version in one run; all versions' samples
/// interleave, so they see the same machine load.
struct Measurements {
    /// CECore fused, by path (every path this CPU has).
    var paths: [(InstructionSet, Double)]
    var textbook: Double?
    var numpy: Double?
    /// memcpy of the logits into a buffer of the same size (in cache when it fits).
    var copy: Double
    /// numpy's np.copyto of the same bytes, as the floor was measured.
    var numpyCopy: Double?

    static func run<T: Real & BinaryFloatingPoint & Sendable>(
        _: T.Type, shape: Shape, options: BenchOptions
    ) -> Measurements {
        let (rows, classes) = (shape.rows, shape.classes)
        let precision: Precision = T.self == Float.self ? .float : .double
        let numpy = NumpyBaseline(rows: rows, classes: classes, dtype: precision.numpyName)
        defer { numpy?.stop() }
        var rng = SplitMix(seed: 42)
        let logits = (0..<(rows * classes)).map { _ in T(rng.nextGaussian() * 3) }
        let labels = (0..<rows).map { _ in Int(rng.next() % UInt64(classes)) }
        var sink: T = 0
        var gradient = [T](repeating: 0, count: logits.count)
        var target = [T](repeating: 0, count: logits.count)
        let paths = InstructionSet.available
        var fused = [[Double]](repeating: [], count: paths.count)
        var textbook: [Double] = [], numpyTimes: [Double] = [], copy: [Double] = [], numpyCopy: [Double] = []
        for sample in 0...options.samples {
            let keep = sample > 0  // sample 0 warms up
            // the paths take turns going first: the second of two back-to-back runs was
            // measured up to 1.3x slower even when both ran the same code
            for k in paths.indices {
                let i = (k + sample) % paths.count, path = paths[i]
                let t = time {
                    InstructionSet.withPath(path) {
                        let r = try! crossEntropyLossAndGradient(
                            logits: logits, classes: classes, labels: labels, gradient: &gradient)
                        sink += r.loss + gradient[17 % gradient.count]
                    }
                }
                if keep { fused[i].append(t) }
            }
            let c = time {
                logits.withUnsafeBytes { src in
                    target.withUnsafeMutableBytes { dst in _ = memcpy(dst.baseAddress!, src.baseAddress!, src.count) }
                }
            }
            sink += target[rows % target.count]
            if keep { copy.append(c) }
            if options.textbook {
                let t = time { sink += Textbook.lossAndGradient(logits, classes: classes, labels: labels, into: &gradient) }
                if keep { textbook.append(t) }
            }
            if let numpy, let (run, copied) = numpy.time() {
                if keep { numpyTimes.append(run); numpyCopy.append(copied) }
            }
        }
        if sink.isNaN { print("") }  // keeps the work alive
        return Measurements(
            paths: zip(paths, fused.map(median)).map { ($0, $1) },
            textbook: textbook.isEmpty ? nil : median(textbook),
            numpy: numpyTimes.isEmpty ? nil : median(numpyTimes),
            copy: median(copy),
            numpyCopy: numpyCopy.isEmpty ? nil : median(numpyCopy))
    }

    /// The time of `path`, if this CPU has it.
    func time(of path: InstructionSet) -> Double? { paths.first { $0.0 == path }?.1 }
    /// The time of the path CECore selects.
    var selected: Double { time(of: InstructionSet.selected)! }
    /// The time of the baseline path.
    var baseline: Double { time(of: .baseline)! }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start)
    }
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

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
