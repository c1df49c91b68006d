/// A B × K problem.
struct Shape: Hashable {
    var rows: Int
    var classes: Int
}

/// cebench's command line.
struct BenchOptions {
    static let usage = """
    usage: cebench [--runs N] [--samples N] [--shape BxK]... [--no-textbook]
      --runs N      repeat the whole comparison N times and add the median of the runs (default 1)
      --samples N   interleaved samples of each version per shape and run (default 11)
      --shape BxK   a shape to time (repeatable; default 4096x1000, 65536x10, 64x50257)
      --no-textbook skip the textbook Swift version
    """

    var runs = 1
    var samples = 11
    var shapes: [Shape] = []
    var textbook = true

    struct Problem: Error, CustomStringConvertible { var description: String }

    init<S: Sequence>(_ arguments: S) throws where S.Element == String {
        var it = arguments.makeIterator()
        func count(_ name: String) throws -> Int {
            guard let v = it.next(), let n = Int(v), n >= 1 else { throw Problem(description: "\(name) needs a count ≥ 1") }
            return n
        }
        while let a = it.next() {
            switch a {
            case "--runs": runs = try count(a)
            case "--samples": samples = try count(a)
            case "--no-textbook": textbook = false
            case "--shape":
                let parts = (it.next() ?? "").split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 1, parts[1] >= 1 else {
                    throw Problem(description: "--shape needs B x K, for example 4096x1000")
                }
                shapes.append(Shape(rows: parts[0], classes: parts[1]))
            default: throw Problem(description: "unknown argument \(a)")
            }
        }
        if shapes.isEmpty {
            shapes = [Shape(rows: 4096, classes: 1000), Shape(rows: 65536, classes: 10), Shape(rows: 64, classes: 50257)]
        }
    }
}
