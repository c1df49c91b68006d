// cebench: times CECore's fused cross-entropy forward+backward against the textbook
// Swift version and, when python3 with numpy is present, the in-place numpy version.
//
//     swift run -c release cebench [rows] [classes] [runs]

import CECore

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let rows = arguments.count > 0 ? arguments[0] : 4096
let classes = arguments.count > 1 ? arguments[1] : 1000
let runs = arguments.count > 2 ? arguments[2] : 15

print("cebench: cross-entropy loss + gradient, B = \(rows), K = \(classes), median of \(runs) interleaved runs")
print("bytes = read logits + write gradient; last column = numpy time / this time")
print("CECore fused reuses its gradient buffer, like numpy in place; (new array) allocates one per call")
print("")
print(Report.header)
for precision in [Precision.float, .double] {
    let numpy = NumpyBaseline(rows: rows, classes: classes, dtype: precision.numpyName)
    let m = precision == .float
        ? Measurements.run(Float.self, rows: rows, classes: classes, runs: runs, numpy: numpy)
        : Measurements.run(Double.self, rows: rows, classes: classes, runs: runs, numpy: numpy)
    numpy?.stop()
    let report = Report(precision: precision, elements: rows * classes, numpy: m.numpy)
    print(report.line("CECore fused", m.fused))
    print(report.line("  (new array)", m.fusedNewArray))
    print(report.line("Swift textbook", m.textbook))
    if let t = m.numpy { print(report.line("numpy in-place", t)) } else { print("numpy: python3 with numpy not found") }
}
