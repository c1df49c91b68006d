import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Why ``MathTypesetter`` could not typeset at all (as opposed to a TeX
/// error in one formula, which is a ``TypesetResult/failure(message:)``).
enum MathTypesetterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `node` executable: not at the given path, or not on `PATH`.
    case nodeNotFound(path: String?)
    /// `katex.min.js` is not in the KaTeX directory.
    case katexNotFound(path: String)
    /// node ran but exited unsuccessfully (a broken KaTeX install, say).
    case nodeFailed(status: String, standardError: String)
    /// node's answer was not the JSON array the script writes.
    case malformedOutput(detail: String)
    /// The cache directory could not be created or written.
    case cacheUnwritable(path: String, reason: String)
    /// Lunr's node module (Debian's `node-lunr`) is not at this path.
    case lunrNotFound(path: String)
    /// node did not finish the batch within its time limit.
    case timedOut(limit: String, formulas: Int)

    /// One sentence that says what went wrong and what to install.
    public var description: String {
        switch self {
        case .nodeNotFound(let path?):
            "node (Node.js) was not found at \(path); math is typeset with KaTeX under node: install it with `apt-get install nodejs` or give the path of a working node"
        case .nodeNotFound(nil):
            "node (Node.js) was not found on PATH; math is typeset with KaTeX under node: install it with `apt-get install nodejs`"
        case .katexNotFound(let path):
            "KaTeX was not found at \(path); install it with `apt-get install libjs-katex`"
        case .nodeFailed(let status, let standardError):
            "node failed while typesetting math (\(status)): \(standardError.isEmpty ? "no message" : standardError)"
        case .malformedOutput(let detail):
            "node's KaTeX script gave an answer that is not the expected JSON: \(detail)"
        case .cacheUnwritable(let path, let reason):
            "could not write the math cache at \(path): \(reason)"
        case .timedOut(let limit, let formulas):
            "KaTeX did not finish typesetting \(formulas) formula\(formulas == 1 ? "" : "s") within \(limit); a formula that expands without end (\\edef doubling a macro, say) is the usual cause"
        case .lunrNotFound(let path):
            "Lunr was not found at \(path); the search index is built with it under node: install it with `apt-get install node-lunr libjs-lunr`"
        }
    }
}
