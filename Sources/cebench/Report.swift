/// Prints one shape and precision of the benchmark table.
struct Report {
    let precision: Precision
    let elements: Int
    let measurements: Measurements

    static let header = "type    version                  ms    ns/elem    GB/s  numpy/this  this/copy"

    func print() {
        let m = measurements
        for (path, t) in m.paths { Swift.print(line("CECore \(path.rawValue)", t)) }
        if let t = m.textbook { Swift.print(line("Swift textbook", t)) }
        if let t = m.numpy { Swift.print(line("numpy in-place", t)) } else { Swift.print("numpy: python3 with numpy not found") }
        Swift.print(line("copy (memcpy)", m.copy))
        if let t = m.numpyCopy { Swift.print(line("copy (np.copyto)", t)) }
    }

    func line(_ name: String, _ nanoseconds: Double) -> String {
        let bytes = Double(elements * precision.bytes * 2)
        let ratio = measurements.numpy.map { format($0 / nanoseconds, 2) + "x" } ?? "-"
        return pad(precision.name, 8) + pad(name, 20)
            + pad(format(nanoseconds / 1e6, 3), 10, left: true)
            + pad(format(nanoseconds / Double(elements), 3), 11, left: true)
            + pad(format(bytes / nanoseconds, 2), 8, left: true)
            + pad(ratio, 12, left: true)
            + pad(format(nanoseconds / measurements.copy, 2) + "x", 11, left: true)
    }
}

/// x with `digits` decimals.
func format(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (x * scale).rounded() / scale
    var s = "\(r)"
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
    }
    return s
}

func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return left ? fill + s : s + fill
}
