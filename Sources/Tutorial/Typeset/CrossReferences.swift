/// Numbers figures and labelled equations through the whole book, in reading
/// order, and resolves `@fig:…` / `@eq:…` references to links.
public struct CrossReferences: Sendable {
    public struct Target: Sendable, Hashable {
        public var number: Int
        /// The page (e.g. `05-loss.html`) and the element id.
        public var page: String
        public var id: String
        public var isFigure: Bool

        public var name: String { (isFigure ? "Figure " : "Equation ") + String(number) }
        public var displayText: String { isFigure ? name : "(\(number))" }
    }

    public private(set) var targets: [String: Target] = [:]
    private var figureCount = 0
    private var equationCount = 0

    public init() {}

    /// Registers a label; returns a message if it is malformed or already used.
    public mutating func add(label: String, page: String, isFigure: Bool) -> String? {
        let prefix = isFigure ? "fig:" : "eq:"
        guard label.hasPrefix(prefix), label.count > prefix.count,
              label.dropFirst(prefix.count).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else {
            return "the label '\(label)' must be '\(prefix)' followed by letters, digits, '-' or '_'"
        }
        if let existing = targets[label] {
            return "the label '\(label)' is already used by \(existing.name) on \(existing.page)"
        }
        let number: Int
        if isFigure { figureCount += 1; number = figureCount } else { equationCount += 1; number = equationCount }
        targets[label] = Target(number: number, page: page, id: label, isFigure: isFigure)
        return nil
    }

    public func resolve(_ label: String) -> Target? {
        targets[label]
    }

    /// The link HTML for a reference from `page`.
    public func link(_ target: Target, from page: String) -> String {
        let href = (target.page == page ? "" : BookBuilder.href(target.page)) + "#" + target.id
        let text = target.isFigure ? target.name : "Equation \(target.displayText)"
        return "<a class=\"ref\" href=\"\(HTML.escape(href))\">\(HTML.escape(text))</a>"
    }
}
