import TutorialBase
import TutorialMarkdown

/// One `FILE:LINE:COL: error: MESSAGE` line of swiftc's output, read.
///
/// swiftc writes its errors in the compiler-style form every editor reads;
/// the chapter compiler and the shared-module compiler map them to their
/// own files, and both read them here.
struct CompilerMessage: Hashable {
    /// The file as swiftc named it; nil when the line has no location.
    package var file: String?
    /// 1-based line and column (1 when the line has no location).
    package var line = 1
    package var column = 1
    /// What follows `error: `.
    package var message: String

    /// The errors of swiftc's `output`, in order; other lines (notes,
    /// warnings, the source echo) are skipped.
    package static func errors(in output: String) -> [CompilerMessage] {
        output.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: ": error: ") else { return nil }
            let location = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            let message = String(line[range.upperBound...])
            guard location.count >= 3, let row = Int(location[location.count - 2]), let column = Int(location[location.count - 1]) else {
                return CompilerMessage(file: nil, message: message)
            }
            return CompilerMessage(file: location.dropLast(2).joined(separator: ":"), line: row, column: column, message: message)
        }
    }
}
