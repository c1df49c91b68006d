// Implementation-only: chapter programs compile against CECore with a plain swiftc call that
// knows no module map for this C target (an internal import would still make them load it).
@_implementationOnly import CCPUID
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The instruction set CECore's row kernels run with.
///
/// Chosen once per process, unless the environment variable `CECORE_ISA` names one
/// (`baseline`, `avx2` or `avx512`), which tests and benchmarks use to compare paths: the
/// widest path the CPU supports (AVX-512, else AVX2 with FMA, else the baseline x86-64
/// code), for Float and Double alike.
///
/// Double once stayed off AVX-512, which an AVX-512 machine had measured slower than AVX2
/// (`cebench --runs 3`: 21.7 ms against 10.5 ms at B × K = 4096 × 1000). Two causes were
/// found in the disassembly: a libm call in the loop body made every vector register
/// caller-saved (fixed by a loop without the call), and for `-target-cpu skylake-avx512`
/// LLVM built the exp table lookup from eight scalar loads, lane inserts and a
/// `vgatherqpd`, where the AVX2 build had no gather. The lookup now takes each entry's
/// (head, tail) in one 16-byte load (`RowKernels.pair`), with no gather on any path; on a
/// Zen 5 AVX-512 machine the AVX-512 Double path then took 0.89–0.92× the AVX2 path's time
/// at both wide shapes (it had taken 1.07–1.13×).
///
/// Every path returns bit-identical results (see `RowKernels` in CECoreBaseline), so the
/// choice changes only the speed.
public enum InstructionSet: String, CaseIterable, Sendable {
    /// x86-64 with SSE2, the code every x86-64 CPU runs (and the only path elsewhere).
    case baseline
    /// AVX2 and FMA (Haswell and later, Zen): 256-bit vectors.
    case avx2
    /// AVX-512 F/CD/BW/DQ/VL (Skylake-SP and later, Zen 4): 512-bit vectors.
    case avx512

    /// The shortest row the wider paths take: shorter rows run the baseline kernels on
    /// every path, because a row of a few vectors gains nothing from wider registers (the
    /// per-row work dominates). The bits are the same either way.
    public static let shortestWideRow = 64

    /// The path this process uses (`CECORE_ISA`, else the widest `available` one).
    public static let selected: InstructionSet = choose(requested: requested, available: available)

    /// The value of `CECORE_ISA`, if set.
    static let requested: String? = getenv("CECORE_ISA").map { String(cString: $0) }

    /// The paths this CPU can run, baseline first.
    public static let available: [InstructionSet] =
        [.baseline] + (cecore_cpu_has_avx2() != 0 ? [.avx2] : [])
        + (cecore_cpu_has_avx512() != 0 ? [.avx512] : [])

    /// Runs `body` with the kernels of `path` in the current task: a benchmark or a test
    /// comparing the paths within one process. Work that `body` hands to other threads
    /// keeps the path only where CECore itself spreads it (the batched loss).
    ///
    /// - Precondition: this CPU can run `path` (it is in `available`).
    public static func withPath<R>(_ path: InstructionSet, _ body: () throws -> R) rethrows -> R {
        if !available.contains(path) {
            fatalError("instruction set \(path.rawValue) is not available on this CPU (it has "
                + available.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return try $forced.withValue(path, operation: body)
    }

    /// The path for the current task: `forced` when set, else `selected`.
    @usableFromInline
    static var current: InstructionSet { forced ?? selected }

    /// Runs the kernels of one path in this task (the bit-identity tests compare paths
    /// within one process); nil uses `selected`.
    @TaskLocal
    static var forced: InstructionSet? = nil

    /// The path for a `CECORE_ISA` value: an empty or absent value picks the widest
    /// available path; a name the CPU cannot run, or an unknown name, stops the program
    /// with a message that says so.
    static func choose(requested: String?, available: [InstructionSet]) -> InstructionSet {
        guard let requested, !requested.isEmpty else { return available.last! }
        guard let isa = InstructionSet(rawValue: requested.lowercased()) else {
            fatalError("CECORE_ISA=\(requested) is not one of baseline, avx2, avx512")
        }
        guard available.contains(isa) else {
            fatalError("CECORE_ISA=\(requested), but this CPU supports only "
                + available.map(\.rawValue).joined(separator: ", "))
        }
        return isa
    }
}
