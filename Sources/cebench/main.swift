// cebench: times CECore's fused cross-entropy forward + backward on every kernel path this
// CPU has, against numpy in place and the in-cache copy of the same bytes, all in one run.
//
//     swift run -c release cebench [--runs N] [--samples N] [--shape BxK]... [--no-textbook]
//
// Default shapes: B = 4096, K = 1000; B = 65 536, K = 10; B = 64, K = 50 257.

import CECore
import Foundation

let options: BenchOptions
do {
    options = try BenchOptions(CommandLine.arguments.dropFirst())
} catch {
    print("cebench: \(error)\n\(BenchOptions.usage)")
    exit(2)
}

print("cebench: cross-entropy loss + gradient (mean reduction), \(options.runs) run(s) of "
      + "\(options.samples) interleaved samples per shape; each figure is a median")
print(CPUDescription.current.line)
print("paths on this CPU: \(InstructionSet.available.map(\.rawValue).joined(separator: ", ")); "
      + "selected: \(InstructionSet.selected.rawValue) (CECORE_ISA overrides)")
print("bytes = read logits + write gradient; numpy/this = numpy time / this time; "
      + "this/copy = this time / memcpy of the logits")
print("CECore reuses its gradient buffer, like numpy in place; the copy is of the same bytes, in cache")

var table = ResultTable()
for run in 1...options.runs {
    if options.runs > 1 { print("\n=== run \(run) of \(options.runs)") }
    for shape in options.shapes {
        print("\nB = \(shape.rows), K = \(shape.classes)")
        print(Report.header)
        for precision in [Precision.float, .double] {
            let m = precision == .float
                ? Measurements.run(Float.self, shape: shape, options: options)
                : Measurements.run(Double.self, shape: shape, options: options)
            table.add(m, shape: shape, precision: precision)
            Report(precision: precision, elements: shape.rows * shape.classes, measurements: m).print()
        }
    }
}
if options.runs > 1 {
    print("\n=== median of the \(options.runs) runs")
    for shape in options.shapes {
        print("\nB = \(shape.rows), K = \(shape.classes)")
        print(Report.header)
        for precision in [Precision.float, .double] {
            Report(precision: precision, elements: shape.rows * shape.classes,
                   measurements: table.median(shape: shape, precision: precision)).print()
        }
    }
}
print("")
for line in table.targets() { print(line) }
