import Dispatch
import RealModule

/// The per-row work of `crossEntropyLossAndGradient`, and its split over the cores.
@usableFromInline
struct BatchKernel<T: Real & BinaryFloatingPoint & Sendable>: Sendable {
    @usableFromInline let classes: Int
    @usableFromInline let weights: [T]?
    @usableFromInline let ignoreIndex: Int
    /// ε/K (0 without smoothing).
    @usableFromInline let smoothing: T
    /// 1 − ε.
    @usableFromInline let keep: T
    /// B = (ε/K)·Σ_c w_c.
    @usableFromInline let smoothingMass: T
    /// The factor of the reduction (1/Σw for the mean, else 1).
    @usableFromInline let scale: T
    /// The kernels' instruction set, read once per call (worker threads do not inherit
    /// the task's `InstructionSet.forced`).
    @usableFromInline let isa: InstructionSet

    @inlinable
    init(classes: Int, options: CrossEntropyOptions<T>, scale: T) {
        self.classes = classes
        weights = options.weights
        ignoreIndex = options.ignoreIndex
        smoothing = options.labelSmoothing / T(classes)
        keep = 1 - options.labelSmoothing
        var w = CompensatedSum<T>()
        if let weights = options.weights { for x in weights { w.add(x) } } else { w.add(T(classes)) }
        smoothingMass = smoothing * w.value
        self.scale = scale
        isa = InstructionSet.current
    }

    /// Processes every row, in parallel chunks when the batch is large.
    @inlinable
    func run(z: UnsafeBufferPointer<T>, labels: UnsafeBufferPointer<Int>,
             losses: UnsafeMutableBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>) {
        let rows = labels.count
        let chunks = z.count >= 32_768 ? Swift.min(rows, 64) : 1
        if chunks == 1 {
            process(0..<rows, z, labels, losses, gradient)
            return
        }
        let buffers = SendableBuffers(z: z, labels: labels, losses: losses, gradient: gradient)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let start = rows * c / chunks, end = rows * (c + 1) / chunks
            self.process(start..<end, buffers.z, buffers.labels, buffers.losses, buffers.gradient)
        }
    }

    /// Rows `range` in order; the max of each row is computed while the previous row is
    /// exponentiated (see `RowKernels.exponentiate` in CECoreBaseline), the same value
    /// `rowMax` would give.
    @inlinable
    func process(_ range: Range<Int>, _ z: UnsafeBufferPointer<T>, _ labels: UnsafeBufferPointer<Int>,
                 _ losses: UnsafeMutableBufferPointer<T>, _ gradient: UnsafeMutableBufferPointer<T>) {
        var nextMax: T? = nil
        for i in range {
            let next = i + 1 < range.upperBound && labels[i + 1] != ignoreIndex
                ? UnsafeBufferPointer(rebasing: z[((i + 1) * classes)..<((i + 2) * classes)]) : nil
            let m = nextMax
            nextMax = nil
            row(i, z, labels, losses, gradient, max: m, next: next, nextMax: &nextMax)
        }
    }

    /// Loss and gradient of row i (see `crossEntropyLossAndGradient` for the formulas).
    /// `knownMax` is the row's `rowMax` if already computed; `next`/`nextMax` as in `RowExponentials`.
    @inlinable
    func row(_ i: Int, _ z: UnsafeBufferPointer<T>, _ labels: UnsafeBufferPointer<Int>,
             _ losses: UnsafeMutableBufferPointer<T>, _ gradient: UnsafeMutableBufferPointer<T>,
             max knownMax: T?, next: UnsafeBufferPointer<T>?, nextMax: inout T?) {
        let k = classes
        let y = labels[i]
        let g = UnsafeMutableBufferPointer(rebasing: gradient[(i * k)..<((i + 1) * k)])
        if y == ignoreIndex {
            g.update(repeating: 0)
            losses[i] = 0
            return
        }
        let zr = UnsafeBufferPointer(rebasing: z[(i * k)..<((i + 1) * k)])
        let stats = RowExponentials(
            zr, max: knownMax ?? rowMax(zr, isa), into: g, next: next, nextMax: &nextMax, isa: isa)
        let wy = weights?[y] ?? 1
        let a = keep * wy
        let ey = g[y]
        let qyMinusOne = stats.qMinusOne(logit: zr[y], exponential: ey)
        let nll = stats.loss(logit: zr[y])
        if smoothing == 0 {
            scaleRow(g, by: scale * a * stats.reciprocal)
            g[y] = scale * (a * qyMinusOne)
            losses[i] = a == 0 ? 0 : a * nll
            return
        }
        // label smoothing: grad_j = (a + B) q_j − b_j, loss += Σ_c b_c (−log q_c)
        let c = (a + smoothingMass) * stats.reciprocal
        var smooth = CompensatedSum<T>()
        for j in 0..<k {
            let bj = smoothing * (weights?[j] ?? 1)
            smooth.add(bj == 0 ? 0 : -bj * stats.logProbability(logit: zr[j]))
            g[j] = scale * (c * g[j] - bj)
        }
        let qy = ey * stats.reciprocal
        let by = smoothing * (weights?[y] ?? 1)
        g[y] = scale * (a * qyMinusOne + (smoothingMass * qy - by))
        losses[i] = (a == 0 ? 0 : a * nll) + smooth.value
    }
}

extension BatchKernel {
    /// g_j ← c·g_j, with the vector kernel for Float and Double.
    @inlinable
    func scaleRow(_ g: UnsafeMutableBufferPointer<T>, by c: T) {
        if T.self == Float.self {
            Kernels.scale(reinterpret(g, as: Float.self), by: Float(c), isa)
        } else if T.self == Double.self {
            Kernels.scale(reinterpret(g, as: Double.self), by: Double(c), isa)
        } else {
            for j in 0..<g.count { g[j] *= c }
        }
    }
}

/// The kernel's buffers, handed to the worker threads; each thread touches its own rows.
@usableFromInline
struct SendableBuffers<T>: @unchecked Sendable {
    @usableFromInline let z: UnsafeBufferPointer<T>
    @usableFromInline let labels: UnsafeBufferPointer<Int>
    @usableFromInline let losses: UnsafeMutableBufferPointer<T>
    @usableFromInline let gradient: UnsafeMutableBufferPointer<T>

    @inlinable
    init(z: UnsafeBufferPointer<T>, labels: UnsafeBufferPointer<Int>,
         losses: UnsafeMutableBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>) {
        self.z = z; self.labels = labels; self.losses = losses; self.gradient = gradient
    }
}
