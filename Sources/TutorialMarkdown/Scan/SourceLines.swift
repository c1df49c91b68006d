import TutorialBase

/// A chapter's lines, split where cmark splits them (`\n`, `\r\n` or `\r`).
package struct SourceLines {
    private var lines: [[Unicode.Scalar]] = []
    /// For each line that is not all ASCII, the UTF-8 offset of each of its
    /// scalars and of its end (empty for an ASCII line, whose offsets are the
    /// indices): column conversions cost O(1), not O(column), so a line
    /// with 20,000 values is not quadratic.
    private var byteOffsets: [[Int]] = []

    package init(_ text: String) {
        var current: [Unicode.Scalar] = []
        var afterCR = false
        for c in text.unicodeScalars {
            if afterCR && c == "\n" { afterCR = false; continue }
            afterCR = c == "\r"
            if c == "\n" || c == "\r" {
                lines.append(current)
                current = []
            } else {
                current.append(c)
            }
        }
        lines.append(current)
        byteOffsets = lines.map { line in
            guard !line.allSatisfy(\.isASCII) else { return [] }
            var offsets = [0]
            offsets.reserveCapacity(line.count + 1)
            for c in line { offsets.append(offsets[offsets.count - 1] + UTF8.width(c)) }
            return offsets
        }
    }

    /// How many lines there are.
    package var count: Int { lines.count }

    /// Line `number` (1-based); empty past the end.
    package subscript(number: Int) -> [Unicode.Scalar] {
        lines.indices.contains(number - 1) ? lines[number - 1] : []
    }

    /// The scalar index of cmark's byte column `byteColumn` (1-based) on line `line`.
    package func scalarIndex(line: Int, byteColumn: Int) -> Int {
        let count = self[line].count
        let target = max(byteColumn - 1, 0)
        guard lines.indices.contains(line - 1), !byteOffsets[line - 1].isEmpty else { return min(target, count) }
        // The first scalar whose offset reaches the target (binary search over the sorted offsets).
        let offsets = byteOffsets[line - 1]
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if offsets[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The UTF-8 column of scalar column `column` on line `line` (what swiftc counts).
    package func byteColumn(line: Int, column: Int) -> Int {
        let k = min(max(column - 1, 0), self[line].count)
        guard lines.indices.contains(line - 1), !byteOffsets[line - 1].isEmpty else { return k + 1 }
        return byteOffsets[line - 1][k] + 1
    }
}
