// Matrices in TeX steps: entries and rows, literals, `\operatorname{diag}`
// and determinants. Products and transposes are arithmetic
// (`__texMultiply`, `__texTranspose`).

/// `A_{ij}`, `A_{i,j}`: the entry in row i and column j of a matrix,
/// counting from 0 as Swift does.
/// - Throws: `__TeXError` when the value is not a matrix, or an index is out of range.
public func __texEntry(_ base: __TeXValue, _ row: __TeXValue, _ column: __TeXValue, _ written: String) throws -> __TeXValue {
    guard case .matrix(let r, let c, let entries) = base else {
        throw __TeXError("`\(written)` is \(base.shape), not a matrix, so it cannot take two subscripts")
    }
    let i = try wholeIndex(row, below: r, "row", written), j = try wholeIndex(column, below: c, "column", written)
    return .number(entries[i * c + j])
}

/// `x^{(i)}`: sample (row) i of an array of vectors, a matrix whose rows are
/// the vectors, as a vector.
/// - Throws: `__TeXError` when the value is not a matrix, or the index is out of range.
public func __texRow(_ base: __TeXValue, _ index: __TeXValue, _ written: String) throws -> __TeXValue {
    guard case .matrix(let r, let c, let entries) = base else {
        throw __TeXError("`\(written)^{(…)}` picks a sample of an array of vectors, and `\(written)` is \(base.shape)")
    }
    let i = try wholeIndex(index, below: r, "sample", written)
    return .vector(Array(entries[(i * c)..<(i * c + c)]))
}

/// `z^l`, `a^{l-1}`: layer l of an array of vectors (a matrix with one row
/// per layer, as backpropagation writes activations), and a power
/// otherwise. A superscript that holds a name is a layer only on a matrix,
/// which the reader never raises to a power; a written number (`A^2`) stays
/// a power, so it is never taken for a layer.
/// - Parameters:
///   - layer: the superscript as a row index (shifted by `% indices from 1`).
///   - exponent: the superscript as written, for the power.
public func __texLayerOrPower(_ base: __TeXValue, layer: __TeXValue, exponent: __TeXValue, _ written: String) throws -> __TeXValue {
    guard case .matrix = base else {
        if case .vector = base {
            throw __TeXError("`\(written)` is \(base.shape), so its superscript is a power, which the reader takes of numbers only; if it holds one vector per layer, make it an array of vectors (`[[Double]]`), and `\(written)^{l}` is layer l")
        }
        return try __texPower(base, exponent)
    }
    return try __texLayerOrSelf(base, layer: layer, written)
}

/// `z_i^l`: element i of layer l of an array of vectors, and the power of
/// `z_i` otherwise (``__texLayerOrPower(_:layer:exponent:_:)``).
public func __texLayerElementOrPower(
    _ base: __TeXValue, _ index: __TeXValue, layer: __TeXValue, exponent: __TeXValue, _ written: String
) throws -> __TeXValue {
    guard case .matrix = base else {
        return try __texPower(try __texElement(base, index, written), exponent)
    }
    return try __texElement(try __texLayerOrPower(base, layer: layer, exponent: exponent, written), index, written + "^{…}")
}

/// What `i` runs over in `\sum_i a_i^l`: layer l of an array of vectors,
/// or the value itself where the superscript is a power.
public func __texLayerOrSelf(_ base: __TeXValue, layer: __TeXValue, _ written: String) throws -> __TeXValue {
    guard case .matrix(let rows, let columns, let entries) = base else { return base }
    let l = try wholeIndex(layer, below: rows, "layer", written)
    return .vector(Array(entries[(l * columns)..<(l * columns + columns)]))
}

/// A `bmatrix` (or `pmatrix`) literal, row after row; every cell a number.
/// - Throws: `__TeXError` for rows of different lengths or a cell that is not a number.
public func __texMatrixLiteral(_ rows: [[__TeXValue]]) throws -> __TeXValue {
    let columns = rows.first?.count ?? 0
    guard columns > 0 else { throw __TeXError("an empty matrix") }
    var entries: [Double] = []
    for (i, row) in rows.enumerated() {
        guard row.count == columns else {
            throw __TeXError("row \(i + 1) of the matrix has \(row.count) entr\(row.count == 1 ? "y" : "ies") and row 1 has \(columns)")
        }
        for (j, cell) in row.enumerated() {
            guard case .number(let x) = cell else {
                throw __TeXError("the entry in row \(i + 1), column \(j + 1) of the matrix is \(cell.shape); each entry must be a number")
            }
            entries.append(x)
        }
    }
    return .matrix(rows: rows.count, columns: columns, entries)
}

/// `\operatorname{diag}(v)`: the square matrix with v on its diagonal.
/// - Throws: `__TeXError` when the argument is not a vector.
public func __texDiag(_ v: __TeXValue) throws -> __TeXValue {
    guard case .vector(let x) = v else { throw __TeXError("diag takes a vector, and its argument is \(v.shape)") }
    var entries = [Double](repeating: 0, count: x.count * x.count)
    for i in x.indices { entries[i * x.count + i] = x[i] }
    return .matrix(rows: x.count, columns: x.count, entries)
}

/// `\det A`, `\begin{vmatrix}…\end{vmatrix}`: the determinant of a square
/// matrix, by elimination with partial pivoting.
/// - Throws: `__TeXError` when the matrix is not square.
public func __texDeterminant(_ a: __TeXValue) throws -> __TeXValue {
    let (n, c, entries) = grid(a)
    guard n == c else { throw __TeXError("a determinant of \(a.shape), which is not square") }
    var m = entries
    var det = 1.0
    for k in 0..<n {
        let pivot = (k..<n).max { abs(m[$0 * n + k]) < abs(m[$1 * n + k]) }!
        if m[pivot * n + k] == 0 { return .number(0) }
        if pivot != k {
            for j in 0..<n { m.swapAt(k * n + j, pivot * n + j) }
            det = -det
        }
        det *= m[k * n + k]
        for i in (k + 1)..<n {
            let factor = m[i * n + k] / m[k * n + k]
            for j in k..<n { m[i * n + j] -= factor * m[k * n + j] }
        }
    }
    return .number(det)
}

/// `A^{k}` of a square matrix and a whole number k: the product of k copies
/// of A, `A^{0}` the identity, `A^{-1}` the inverse (Gauss-Jordan with
/// partial pivoting) and `A^{-k}` its k-th power. A singular matrix has no
/// inverse, which is an error; so is any other exponent, or a matrix that is
/// not square (an element-wise power is written element by element).
func matrixPower(_ a: __TeXValue, rows n: Int, columns c: Int, exponent y: Double) throws -> __TeXValue {
    guard n == c else { throw __TeXError("a power of \(a.shape), which is not square; the reader raises square matrices to whole powers (`A^{2}` is A·A, `A^{-1}` the inverse)") }
    guard y == y.rounded(), abs(y) <= 64 else { throw __TeXError("a power of \(a.shape) to \(y): the reader raises square matrices to whole powers from −64 to 64 only") }
    var base = a
    if y < 0 {
        guard case .matrix(_, _, let entries) = a else { return a }
        var m = entries
        var inverse = [Double](repeating: 0, count: n * n)
        for i in 0..<n { inverse[i * n + i] = 1 }
        let scale = entries.reduce(0) { Swift.max($0, Swift.abs($1)) }
        for k in 0..<n {
            let pivot = (k..<n).max { Swift.abs(m[$0 * n + k]) < Swift.abs(m[$1 * n + k]) }!
            // A pivot lost in rounding is a singular matrix, not a huge inverse.
            guard Swift.abs(m[pivot * n + k]) > scale * Double(n) * Double.ulpOfOne else {
                throw __TeXError("a negative power of \(a.shape) that is singular: it has no inverse")
            }
            if pivot != k {
                for j in 0..<n { m.swapAt(k * n + j, pivot * n + j); inverse.swapAt(k * n + j, pivot * n + j) }
            }
            let p = m[k * n + k]
            for j in 0..<n { m[k * n + j] /= p; inverse[k * n + j] /= p }
            for i in 0..<n where i != k {
                let factor = m[i * n + k]
                if factor == 0 { continue }
                for j in 0..<n { m[i * n + j] -= factor * m[k * n + j]; inverse[i * n + j] -= factor * inverse[k * n + j] }
            }
        }
        base = .matrix(rows: n, columns: n, entries: inverse)
    }
    var result: __TeXValue = .matrix(rows: n, columns: n, entries: (0..<(n * n)).map { $0 / n == $0 % n ? 1 : 0 })
    for _ in 0..<Int(abs(y)) { result = try __texMultiply(result, base) }
    return result
}

/// An index as an Int below `count`.
private func wholeIndex(_ index: __TeXValue, below count: Int, _ what: String, _ written: String) throws -> Int {
    guard case .number(let x) = index, x.isFinite, x == x.rounded() else {
        throw __TeXError("the \(what) index of `\(written)` is \(index.shape == "a number" ? "\(index.numbers[0])" : index.shape), not a whole number")
    }
    guard x >= 0, x < Double(count) else {
        throw __TeXError("\(what) \(Int(x)) is out of range for `\(written)`, which has \(count) \(what)\(count == 1 ? "" : "s") (indices 0…\(count - 1), as Swift counts)")
    }
    return Int(x)
}

/// `\operatorname{tr}(A)`: the sum of the diagonal of a square matrix.
/// - Throws: `__TeXError` when the matrix is not square.
public func __texTrace(_ a: __TeXValue) throws -> __TeXValue {
    let (n, c, entries) = grid(a)
    guard n == c else { throw __TeXError("a trace of \(a.shape), which is not square") }
    return .number((0..<n).reduce(0) { $0 + entries[$1 * n + $1] })
}

/// A vector, row or matrix written with ellipses: entry (i, j) is
/// `body(i, j)` for i in `rows` and j in `columns`. Without rows it is a
/// row (1×n); without columns, a vector.
/// - Throws: `__TeXError` when an entry is not a number, or a range is empty.
public func __texTabulate(rows: [Int]?, columns: [Int]?, _ body: (Int, Int) throws -> __TeXValue) throws -> __TeXValue {
    let rowIndices = rows ?? [0], columnIndices = columns ?? [0]
    guard !rowIndices.isEmpty, !columnIndices.isEmpty else { throw __TeXError("a matrix written with ellipses runs over no index at all") }
    var entries: [Double] = []
    for i in rowIndices {
        for j in columnIndices {
            let entry = try body(i, j)
            guard case .number(let x) = entry else {
                throw __TeXError("an entry of a matrix written with ellipses is \(entry.shape); each entry must be a number")
            }
            entries.append(x)
        }
    }
    return .matrix(rows: rowIndices.count, columns: columnIndices.count, entries)
}
