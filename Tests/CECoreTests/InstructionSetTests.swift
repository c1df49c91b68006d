import Testing
@testable import CECore
import CECoreBaseline
import CECoreAVX2
import CECoreAVX512

/// Every kernel path this CPU can run gives the same bits as the baseline path, on the
/// reference set and on random rows, for every public function.
@Suite("Instruction sets")
struct InstructionSetTests {
    /// The wider paths available here (none on a CPU without AVX2).
    static let wider = InstructionSet.available.filter { $0 != .baseline }

    /// Every output of every public function for one row, as bit patterns.
    static func outputs<T: TestFloat>(_ z: [T], label: Int) -> [UInt64] {
        var all: [T] = softmax(z) + logSoftmax(z) + crossEntropyGradient(logits: z, label: label)
        all += [logSumExp(z), crossEntropy(logits: z, label: label)]
        return all.map(bits)
    }

    static func bits<T: BinaryFloatingPoint>(_ x: T) -> UInt64 {
        if let f = x as? Float { return UInt64(f.bitPattern) }
        return (x as! Double).bitPattern
    }

    /// The batched loss, row losses and gradient, as bit patterns.
    static func batchOutputs<T: TestFloat>(
        _ z: [T], classes: Int, labels: [Int], options: CrossEntropyOptions<T>
    ) throws -> [UInt64] {
        let r = try crossEntropyLossAndGradient(logits: z, classes: classes, labels: labels, options: options)
        return ([r.loss] + r.rowLosses + r.gradient).map(bits)
    }

    /// The rows compared: the reference set, then random rows of every length up to 40 and
    /// a few long ones, with spreads from 1 to 300 and some masked, infinite and NaN logits.
    static func rows<T: TestFloat>(_: T.Type) throws -> [(z: [T], label: Int)] {
        var rows = try ReferenceCase.all(for: T.self).map { ($0.inputs(T.self), $0.label) }
        var rng = RandomLogits(seed: 1500)
        for count in Array(1...40) + [64, 999, 1000, 4097, 20000] {
            for spread in [1.0, 8, 40, 300] {
                var z: [T] = rng.logits(count, spread: spread)
                if count > 3 && spread == 8 { z[rng.label(count)] = -.infinity }
                rows.append((z, rng.label(count)))
            }
        }
        rows.append(([1, .nan, 2, 3, 4, 5, 6, 7, 8, 9], 0))
        rows.append(([.infinity, 1, 2, 3, 4, 5, 6, 7, 8, .infinity], 9))
        rows.append((Array(repeating: 2, count: 19), 4))  // every entry a maximum
        return rows
    }

    @Test("the paths this CPU has are found, baseline first")
    func available() {
        #expect(InstructionSet.available.first == .baseline)
        #expect(InstructionSet.available.contains(InstructionSet.selected))
        print("instruction sets on this CPU: \(InstructionSet.available.map(\.rawValue)), selected \(InstructionSet.selected.rawValue)")
    }

    @Test("CECORE_ISA picks a path; unset or empty picks the widest the CPU has")
    func choice() {
        let all: [InstructionSet] = [.baseline, .avx2, .avx512]
        #expect(InstructionSet.choose(requested: nil, available: all) == .avx512)
        #expect(InstructionSet.choose(requested: "", available: [.baseline, .avx2]) == .avx2)
        #expect(InstructionSet.choose(requested: nil, available: [.baseline]) == .baseline)
        #expect(InstructionSet.choose(requested: "baseline", available: all) == .baseline)
        #expect(InstructionSet.choose(requested: "AVX2", available: all) == .avx2)
        #expect(InstructionSet.choose(requested: "avx512", available: all) == .avx512)
    }

    @Test("rows run the selected path, unless CECORE_ISA forced another, and a forced path overrides it")
    func currentPath() {
        #expect(InstructionSet.current == InstructionSet.selected)
        if InstructionSet.requested?.isEmpty ?? true {
            #expect(InstructionSet.selected == InstructionSet.available.last)
        } else {
            #expect(InstructionSet.selected.rawValue == InstructionSet.requested?.lowercased())
        }
        InstructionSet.$forced.withValue(.baseline) {
            #expect(InstructionSet.current == .baseline)
        }
    }

    @Test("single-row functions: every path gives the baseline's bits")
    func singleRows() throws {
        try check(Float.self)
        try check(Double.self)
        func check<T: TestFloat>(_: T.Type) throws {
            let rows = try Self.rows(T.self)
            let expected = InstructionSet.$forced.withValue(.baseline) {
                rows.map { Self.outputs($0.z, label: $0.label) }
            }
            for isa in Self.wider {
                let got = InstructionSet.$forced.withValue(isa) { rows.map { Self.outputs($0.z, label: $0.label) } }
                for i in rows.indices where got[i] != expected[i] {
                    Issue.record("\(T.self) \(isa): row \(i) (K = \(rows[i].z.count)) differs from baseline")
                }
            }
        }
    }

    @Test("the batched loss: every path gives the baseline's bits, in one piece and split over the cores")
    func batches() throws {
        try check(Float.self)
        try check(Double.self)
        func check<T: TestFloat>(_: T.Type) throws {
            var rng = RandomLogits(seed: 1600)
            let options: [CrossEntropyOptions<T>] = [
                .init(), .init(reduction: .sum, labelSmoothing: 0.1),
                .init(weights: (0..<13).map { T($0 % 4) / 2 }, ignoreIndex: 3),
            ]
            for (rows, classes) in [(5, 13), (64, 13), (3, 1000), (48, 1000), (4096, 10)] {
                let z: [T] = rng.logits(rows * classes, spread: 6)
                let labels = (0..<rows).map { _ in rng.label(classes) }
                for o in options where o.weights == nil || o.weights!.count == classes {
                    let expected = try InstructionSet.$forced.withValue(.baseline) {
                        try Self.batchOutputs(z, classes: classes, labels: labels, options: o)
                    }
                    for isa in Self.wider {
                        let got = try InstructionSet.$forced.withValue(isa) {
                            try Self.batchOutputs(z, classes: classes, labels: labels, options: o)
                        }
                        #expect(differences(got, expected) == 0, "\(T.self) \(isa): B = \(rows), K = \(classes)")
                    }
                }
            }
        }
    }
}

/// How many entries of two equally long bit-pattern lists differ (the length counts too).
func differences(_ a: [UInt64], _ b: [UInt64]) -> Int {
    zip(a, b).filter { $0 != $1 }.count + abs(a.count - b.count)
}

/// The kernel modules themselves, called directly: each compiled copy agrees with the
/// baseline's bit for bit on exponentials, sums and maxima.
@Suite("Kernel modules")
struct KernelModuleTests {
    typealias Exponentiate<T> = (UnsafePointer<T>, Int, T, UnsafeMutablePointer<T>, UnsafePointer<T>?) -> (tail: T, nextMax: T)

    static func float(_ isa: InstructionSet) -> (Exponentiate<Float>, (UnsafePointer<Float>, Int) -> Float) {
        switch isa {
        case .baseline: return (CECoreBaseline.RowKernels.exponentiate, CECoreBaseline.RowKernels.max)
        case .avx2: return (CECoreAVX2.RowKernels.exponentiate, CECoreAVX2.RowKernels.max)
        case .avx512: return (CECoreAVX512.RowKernels.exponentiate, CECoreAVX512.RowKernels.max)
        }
    }

    static func double(_ isa: InstructionSet) -> (Exponentiate<Double>, (UnsafePointer<Double>, Int) -> Double) {
        switch isa {
        case .baseline: return (CECoreBaseline.RowKernels.exponentiate, CECoreBaseline.RowKernels.max)
        case .avx2: return (CECoreAVX2.RowKernels.exponentiate, CECoreAVX2.RowKernels.max)
        case .avx512: return (CECoreAVX512.RowKernels.exponentiate, CECoreAVX512.RowKernels.max)
        }
    }

    /// e, t, the next row's max and this row's max, as bit patterns.
    static func run<T: TestFloat>(
        _ z: [T], next: [T], _ kernels: (Exponentiate<T>, (UnsafePointer<T>, Int) -> T)
    ) -> [UInt64] {
        var e = [T](repeating: 0, count: z.count)
        let m = kernels.1(z, z.count)
        let r = e.withUnsafeMutableBufferPointer { kernels.0(z, z.count, m, $0.baseAddress!, next) }
        return (e + [r.tail, r.nextMax, m]).map(InstructionSetTests.bits)
    }

    @Test("every compiled copy of the kernels returns the baseline's bits")
    func agree() {
        var rng = RandomLogits(seed: 1700)
        for count in Array(1...33) + [1000, 1001, 20000] {
            for spread in [0.5, 10, 100] {
                let zf: [Float] = rng.logits(count, spread: spread), nf: [Float] = rng.logits(count, spread: spread)
                let zd: [Double] = rng.logits(count, spread: spread * 8), nd: [Double] = rng.logits(count, spread: spread)
                let expectedF = Self.run(zf, next: nf, Self.float(.baseline))
                let expectedD = Self.run(zd, next: nd, Self.double(.baseline))
                for isa in InstructionSetTests.wider {
                    #expect(differences(Self.run(zf, next: nf, Self.float(isa)), expectedF) == 0, "Float \(isa), K = \(count)")
                    #expect(differences(Self.run(zd, next: nd, Self.double(isa)), expectedD) == 0, "Double \(isa), K = \(count)")
                }
            }
        }
    }

    /// A row's last 1 to 7 elements are exponentiated one at a time; they must get the bits
    /// a vector lane gives. Appending copies of the max to fill the last vector leaves m,
    /// and so every e_j, unchanged, but moves the tail into full vectors.
    @Test("a row's last elements get the bits of a vector lane")
    func tailsMatchLanes() {
        var rng = RandomLogits(seed: 1701)
        for count in Array(1...23) + [1001, 1007] {
            for spread in [0.5, 10, 30, 100] {
                var zf: [Float] = rng.logits(count, spread: spread)
                var zd: [Double] = rng.logits(count, spread: spread * 8)
                if count > 1 && count % 3 == 0 {  // a masked class in the tail
                    zf[count - 1] = -.infinity
                    zd[count - 1] = -.infinity
                }
                let filledF = zf + [Float](repeating: zf.max()!, count: (8 - count % 8) % 8)
                let filledD = zd + [Double](repeating: zd.max()!, count: (8 - count % 8) % 8)
                for isa in InstructionSet.available {
                    let (f, d) = (Self.float(isa), Self.double(isa))
                    #expect(differences(Array(Self.run(zf, next: zf, f).prefix(count)),
                                        Array(Self.run(filledF, next: filledF, f).prefix(count))) == 0,
                            "Float \(isa), K = \(count)")
                    #expect(differences(Array(Self.run(zd, next: zd, d).prefix(count)),
                                        Array(Self.run(filledD, next: filledD, d).prefix(count))) == 0,
                            "Double \(isa), K = \(count)")
                }
            }
        }
    }
}
