#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A recipe for one random input of a derivation check.
///
/// In a derivation's first line, `% for z in logits(count: 2...8), y in
/// label(below: z.count)`, each name is drawn from its generator in order, so
/// a later generator can depend on an earlier draw (`z.count`).
public struct Generator<Value> {
    let make: (inout SeededGenerator) -> Value

    /// Creates a generator that draws with `make`.
    public init(_ make: @escaping (inout SeededGenerator) -> Value) {
        self.make = make
    }

    /// Draws one value.
    public func draw(using random: inout SeededGenerator) -> Value {
        make(&random)
    }
}

/// Logits: `count` values (a count drawn uniformly from the range) each drawn
/// uniformly from `values` (default −5…5, the scale of real classifier outputs).
public func logits(count: ClosedRange<Int>, in values: ClosedRange<Double> = -5...5) -> Generator<[Double]> {
    Generator { random in
        let k = count.lowerBound + Int(random.next() % UInt64(count.count))
        return (0..<k).map { _ in values.lowerBound + (values.upperBound - values.lowerBound) * random.unit() }
    }
}

/// Logits of exactly `count` classes.
public func logits(count: Int, in values: ClosedRange<Double> = -5...5) -> Generator<[Double]> {
    logits(count: count...count, in: values)
}

/// A class label drawn uniformly from 0..<n.
public func label(below n: Int) -> Generator<Int> {
    precondition(n > 0, "label(below:) needs at least one class, got \(n)")
    return Generator { random in Int(random.next() % UInt64(n)) }
}

/// A coordinate index drawn uniformly from 0..<n (same law as `label(below:)`;
/// the separate name says which role the variable plays).
public func index(below n: Int) -> Generator<Int> {
    precondition(n > 0, "index(below:) needs n > 0, got \(n)")
    return Generator { random in Int(random.next() % UInt64(n)) }
}

/// A probability distribution over `count` outcomes (a count drawn from the
/// range): independent Exp(1) draws, normalised, which is uniform on the simplex.
public func probabilities(count: ClosedRange<Int>) -> Generator<[Double]> {
    Generator { random in
        let k = count.lowerBound + Int(random.next() % UInt64(count.count))
        let e = (0..<k).map { _ in -log(1 - random.unit()) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}

/// A probability distribution over exactly `count` outcomes.
public func probabilities(count: Int) -> Generator<[Double]> {
    probabilities(count: count...count)
}

/// A real number drawn uniformly from `range`.
public func real(in range: ClosedRange<Double>) -> Generator<Double> {
    Generator { random in range.lowerBound + (range.upperBound - range.lowerBound) * random.unit() }
}

/// A matrix of `rows` × `columns` entries (each count drawn from its range),
/// each drawn uniformly from `values`: one inner array per row, as
/// `[[Double]]` holds a matrix and TeX steps read it.
public func matrix(rows: ClosedRange<Int>, columns: ClosedRange<Int>, in values: ClosedRange<Double> = -5...5) -> Generator<[[Double]]> {
    Generator { random in
        let r = rows.lowerBound + Int(random.next() % UInt64(rows.count))
        let c = columns.lowerBound + Int(random.next() % UInt64(columns.count))
        return (0..<r).map { _ in (0..<c).map { _ in values.lowerBound + (values.upperBound - values.lowerBound) * random.unit() } }
    }
}

/// A matrix of exactly `rows` × `columns` entries.
public func matrix(rows: Int, columns: Int, in values: ClosedRange<Double> = -5...5) -> Generator<[[Double]]> {
    matrix(rows: rows...rows, columns: columns...columns, in: values)
}
