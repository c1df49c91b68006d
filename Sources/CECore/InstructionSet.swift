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
/// Chosen once per process and precision, unless the environment variable `CECORE_ISA`
/// names one (`baseline`, `avx2` or `avx512`), which tests and benchmarks use to compare
/// paths:
/// - Float takes the widest path the CPU supports (AVX-512, else AVX2 with FMA, else the
///   baseline x86-64 code);
/// - Double never takes AVX-512 by default. Measured on an AVX-512 machine (`cebench
///   --runs 3`, medians), the AVX-512 Double kernels took 21.7 ms at B × K = 4096 × 1000
///   against 10.5 ms for AVX2 and 15.9 ms for the baseline, and 17.6 ms against 7.2 ms
///   and 10.9 ms at 64 × 50 257, while AVX-512 Float was the fastest path. Until a machine
///   with AVX-512 shows the Double kernels faster, the default is the widest other path.
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

    /// The precisions whose default path differs (see the type's comment).
    public enum Precision: Sendable {
        case float, double
    }

    /// The path this process uses for Float rows (`CECORE_ISA`, else the best `available` one).
    public static let selected: InstructionSet = choose(requested: requested, available: available, for: .float)

    /// The path this process uses for Double rows (`CECORE_ISA`, else the best `available`
    /// one that is not AVX-512).
    public static let selectedForDouble: InstructionSet = choose(requested: requested, available: available, for: .double)

    /// The path of one precision: `selected` or `selectedForDouble`.
    public static func selected(for precision: Precision) -> InstructionSet {
        precision == .float ? selected : selectedForDouble
    }

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

    /// The path for the current task and rows of `T`: `forced` when set, else the selected
    /// path of T's precision (Double's for Double, Float's for every other type, whose rows
    /// run the baseline's scalar code anyway).
    @usableFromInline
    static func current<T>(for _: T.Type) -> InstructionSet {
        forced ?? (T.self == Double.self ? selectedForDouble : selected)
    }

    /// Runs the kernels of one path in this task (the bit-identity tests compare paths
    /// within one process); nil uses `selected`.
    @TaskLocal
    static var forced: InstructionSet? = nil

    /// The path for a `CECORE_ISA` value and a precision: an empty or absent value picks
    /// the widest available path (for Double, the widest that is not AVX-512); a name the
    /// CPU cannot run, or an unknown name, stops the program with a message that says so.
    static func choose(requested: String?, available: [InstructionSet], for precision: Precision) -> InstructionSet {
        guard let requested, !requested.isEmpty else {
            return available.last { precision == .float || $0 != .avx512 }!
        }
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
