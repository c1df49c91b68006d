
/// The indices an unbounded index runs over: those of every vector the body
/// subscripts with it, which must all have one size; minus the excluded ones.
/// `base` is the number of the first element (1 under `% indices from 1`).
public func __texIndices(_ index: String, _ sources: [(String, __TeXValue)], excluding: [__TeXValue], base: Int = 0) throws -> [Int] {
    var count: Int?
    var first = ""
    for (written, value) in sources {
        guard case .vector(let v) = value else {
            throw __TeXError("`\(index)` subscripts `\(written)`, which is \(value.shape), not a vector")
        }
        if let count, count != v.count {
            throw __TeXError("`\(index)` ranges over `\(first)` (\(count) elements) and `\(written)` (\(v.count) elements): their sizes differ")
        }
        if count == nil { count = v.count; first = written }
    }
    let skip = try excluding.map { try Int.__fromTeX($0) }
    return (base..<(base + (count ?? 0))).filter { !skip.contains($0) }
}

/// `_{j=a}^{b}`: the whole numbers from a through b (none when b < a).
public func __texBounds(_ index: String, _ lower: __TeXValue, _ upper: __TeXValue, excluding: [__TeXValue]) throws -> [Int] {
    let a = try Int.__fromTeX(lower), b = try Int.__fromTeX(upper)
    let skip = try excluding.map { try Int.__fromTeX($0) }
    guard a <= b else { return [] }
    return (a...b).filter { !skip.contains($0) }
}

/// `\sum`: numbers add; vectors add element by element. An empty sum is 0.
public func __texSum(_ indices: [Int], _ body: (Int) throws -> __TeXValue) throws -> __TeXValue {
    var total: __TeXValue = .number(0)
    for (k, j) in indices.enumerated() {
        let term = try body(j)
        total = k == 0 ? term : try __texAdd(total, term)
    }
    return total
}

/// `\prod`: of numbers. An empty product is 1.
public func __texProduct(_ indices: [Int], _ body: (Int) throws -> __TeXValue) throws -> __TeXValue {
    var total = 1.0
    for j in indices { total *= try Double.__fromTeX(body(j)) }
    return .number(total)
}

/// `\max_j`, `\min_j`: of numbers, over at least one index.
public func __texExtremum(_ maximum: Bool, _ indices: [Int], _ body: (Int) throws -> __TeXValue) throws -> __TeXValue {
    var best: Double?
    for j in indices {
        let x = try Double.__fromTeX(body(j))
        best = best.map { maximum ? Swift.max($0, x) : Swift.min($0, x) } ?? x
    }
    guard let best else { throw __TeXError("\\\(maximum ? "max" : "min") over no index at all") }
    return .number(best)
}

/// `\max(a, b, …)`, `\min(a, b, …)`.
public func __texExtremum(_ maximum: Bool, _ values: [__TeXValue]) throws -> __TeXValue {
    let numbers = try values.map { try Double.__fromTeX($0) }
    return .number(maximum ? numbers.max()! : numbers.min()!)
}

/// `\mathbb{1}(condition)`.
public func __texIndicator(_ holds: Bool) -> __TeXValue { .number(holds ? 1 : 0) }

/// One comparison of a condition: `a < b` of numbers (`=` is exact equality).
public func __texCompare(_ a: __TeXValue, _ relation: String, _ b: __TeXValue) throws -> Bool {
    guard case .number(let x) = a, case .number(let y) = b else {
        throw __TeXError("`\(relation)` compares numbers; here it has \(a.shape) and \(b.shape)")
    }
    switch relation {
    case "==": return x == y
    case "!=": return x != y
    case "<": return x < y
    case ">": return x > y
    case "<=": return x <= y
    case ">=": return x >= y
    default: throw __TeXError("unknown relation \(relation)")
    }
}

/// `\forall i`: the condition holds for every index.
public func __texForAll(_ indices: [Int], _ body: (Int) throws -> Bool) throws -> Bool {
    for j in indices where try !body(j) { return false }
    return true
}
