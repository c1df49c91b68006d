import CECore

/// Every run's measurements, for the median over runs and the targets.
struct ResultTable {
    private var runs: [Key: [Measurements]] = [:]
    private var order: [Key] = []

    struct Key: Hashable {
        var shape: Shape
        var precision: Precision
    }

    mutating func add(_ m: Measurements, shape: Shape, precision: Precision) {
        let key = Key(shape: shape, precision: precision)
        if runs[key] == nil { order.append(key) }
        runs[key, default: []].append(m)
    }

    /// Each version's median over the runs.
    func median(shape: Shape, precision: Precision) -> Measurements {
        let all = runs[Key(shape: shape, precision: precision)]!
        func med(_ f: (Measurements) -> Double?) -> Double? {
            let xs = all.compactMap(f)
            return xs.isEmpty ? nil : cebench.median(xs)
        }
        return Measurements(
            paths: all[0].paths.indices.map { i in (all[0].paths[i].0, med { $0.paths[i].1 }!) },
            textbook: med(\.textbook), numpy: med(\.numpy), copy: med(\.copy)!, numpyCopy: med(\.numpyCopy))
    }

    /// The issue's targets, on the medians over the runs: at B = 4096, K = 1000 the selected
    /// path ≥ 2.5× numpy in place and ≤ 2.5× the copy; on every shape no slower than the
    /// baseline or the AVX2 path.
    ///
    /// Where the selected path is the AVX-512 one and its median is above the AVX2 path's,
    /// the line also gives the ratio's range over the runs: when some run had it at or
    /// below 1, the two are not told apart by this run ("within the runs' spread"), which
    /// is the case for Float, whose 8 lanes fill one 256-bit register on both paths.
    func targets() -> [String] {
        let path = InstructionSet.selected.rawValue
        var lines = ["targets (selected path: \(path); medians over the runs):"]
        for key in order {
            let m = median(shape: key.shape, precision: key.precision)
            let selected = m.selected
            let name = "\(key.precision.name) B = \(key.shape.rows), K = \(key.shape.classes) (\(path))"
            if key.shape == Shape(rows: 4096, classes: 1000) {
                if let numpy = m.numpy {
                    let r = numpy / selected
                    lines.append("  \(name): \(format(r, 2))x numpy in place (target ≥ 2.5): \(r >= 2.5 ? "holds" : "MISSED")")
                }
                let c = selected / m.copy
                lines.append("  \(name): \(format(c, 2))x the copy (target ≤ 2.5): \(c <= 2.5 ? "holds" : "MISSED")")
            }
            let b = selected / m.baseline
            if let avx2 = m.time(of: .avx2), key.shape.classes >= InstructionSet.shortestWideRow {
                let a = selected / avx2
                var verdict = a <= 1.0 ? "holds" : "MISSED"
                if a > 1.0, InstructionSet.selected != .avx2 {
                    let each = runs[key]!.map { run in run.selected / run.time(of: .avx2)! }
                    let spread = "runs \(format(each.min()!, 2))–\(format(each.max()!, 2))"
                    verdict = each.min()! <= 1.0 ? "within the runs' spread (\(spread))" : "MISSED (\(spread))"
                }
                lines.append("  \(name): \(format(a, 2))x the AVX2 path's time (target ≤ 1): \(verdict)")
            }
            if key.shape.classes < InstructionSet.shortestWideRow {
                lines.append("  \(name): \(format(b, 2))x the baseline path's time (rows shorter than "
                             + "\(InstructionSet.shortestWideRow) run the baseline kernels on every path: no target)")
            } else {
                lines.append("  \(name): \(format(b, 2))x the baseline path's time (target ≤ 1): \(b <= 1 ? "holds" : "MISSED")")
            }
        }
        lines.append("(against CECore before the vector kernels, on every shape: scripts/cebench-before)")
        return lines
    }
}
