/// Formats one line of the benchmark table.
struct Report {
    let precision: Precision
    let elements: Int
    let numpy: Double?

    static let header = "type    version                ms     ns/elem   GB/s   numpy/this"

    func line(_ name: String, _ nanoseconds: Double) -> String {
        let bytes = Double(elements * precision.bytes * 2)
        let ratio = numpy.map { format($0 / nanoseconds, 2) + "x" } ?? "-"
        return pad(precision.name, 8) + pad(name, 20)
            + pad(format(nanoseconds / 1e6, 2), 9, left: true)
            + pad(format(nanoseconds / Double(elements), 3), 12, left: true)
            + pad(format(bytes / nanoseconds, 2), 7, left: true)
            + pad(ratio, 13, left: true)
    }

    private func format(_ x: Double, _ digits: Int) -> String {
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

    private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? fill + s : s + fill
    }
}
