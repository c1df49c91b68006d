/// Numbers figures and labelled equations through the whole book, in reading
/// order, and resolves `@fig:…` / `@eq:…` references to links.
public struct CrossReferences: Sendable {
    /// A numbered figure or equation that prose can link to.
    public struct Target: Sendable, Hashable {
        /// Its number, counted through the whole book (figures and equations apart).
        public var number: Int
        /// The page (e.g. `05-loss.html`) and the element id.
        public var page: String
        /// The element id on its page (the label itself).
        public var id: String
        /// A figure (`fig:`) rather than an equation (`eq:`).
        public var isFigure: Bool

        /// "Figure 2" or "Equation 3".
        public var name: String { (isFigure ? "Figure " : "Equation ") + String(number) }
        /// The link text in prose: "Figure 2", or "(3)" for an equation.
        public var displayText: String { isFigure ? name : "(\(number))" }
    }

    /// Every target, by label.
    public private(set) var targets: [String: Target] = [:]
    private var figureCount = 0
    private var equationCount = 0

    /// No targets yet.
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

    /// The target of `label`, or nil when nothing has that label.
    public func resolve(_ label: String) -> Target? {
        targets[label]
    }

    /// The link HTML for a reference from `page`.
    public func link(_ target: Target, from page: String) -> String {
        let href = (target.page == page ? "" : PageNames.href(target.page)) + "#" + target.id
        let text = target.isFigure ? target.name : "Equation \(target.displayText)"
        return "<a class=\"ref\" href=\"\(HTML.escape(href))\">\(HTML.escape(text))</a>"
    }

    /// Numbers every labelled equation (display math and derivations alike,
    /// in reading order) and every figure the chapter programs drew, then
    /// checks every `@fig:`/`@eq:` reference.
    ///
    /// - Parameter allRan: whether every chapter program reached its end; if
    ///   not, a missing figure may just not have been drawn, so unknown
    ///   figure references are not reported (the failure already is).
    static func collect(
        documents: [ChapterDocument], pages: [String], runs: [ChapterRun?], allRan: Bool
    ) -> (CrossReferences, [Diagnostic]) {
        var references = CrossReferences()
        var problems: [Diagnostic] = []
        for (k, document) in documents.enumerated() {
            var labels: [(line: Int, column: Int, label: String)] = []
            for span in document.spans {
                if case .math(let math) = span.kind, let label = math.label {
                    labels.append((span.location.line, span.location.column, label))
                }
            }
            for derivation in document.derivations {
                if let label = derivation.label { labels.append((derivation.fenceLine, 1, label)) }
            }
            for entry in labels.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
                if let problem = references.add(label: entry.label, page: pages[k], isFigure: false) {
                    problems.append(Diagnostic(file: document.path, line: entry.line, column: entry.column, problem))
                }
            }
            for figure in runs[k]?.figures ?? [] {
                if let problem = references.add(label: figure.label, page: pages[k], isFigure: true) {
                    let line = document.swiftBlocks.first { $0.index == figure.block }?.fenceLine ?? 1
                    problems.append(Diagnostic(file: document.path, line: line, "figure: \(problem)"))
                }
            }
        }
        for document in documents {
            for span in document.spans {
                guard case .reference(let label) = span.kind, references.resolve(label) == nil else { continue }
                if label.hasPrefix("fig:") && !allRan { continue }
                problems.append(Diagnostic(file: document.path, line: span.location.line, column: span.location.column,
                    "unknown reference '@\(label)': no \(label.hasPrefix("fig:") ? "figure" : "equation") has this label"))
            }
        }
        return (references, problems)
    }
}
