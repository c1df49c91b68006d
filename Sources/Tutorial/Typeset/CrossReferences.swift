/// Numbers labelled equations, figures and tables in reading order —
/// through the whole book, or within each chapter (2.1, 2.2, …) — and
/// resolves `@eq:…`, `@fig:…` and `@tbl:…` references to links.
public struct CrossReferences: Sendable {
    /// What a label names.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case equation = "eq", figure = "fig", table = "tbl"

        /// "Equation", "Figure", "Table".
        public var name: String {
            switch self {
            case .equation: "Equation"
            case .figure: "Figure"
            case .table: "Table"
            }
        }
    }

    /// A numbered equation, figure or table that prose can link to.
    public struct Target: Sendable, Hashable {
        /// Its number as shown: "3", or "2.1" when numbered per chapter.
        public var number: String
        /// The page (e.g. `05-loss.html`) and the element id.
        public var page: String
        /// The element id on its page (the label itself).
        public var id: String
        /// What it is.
        public var kind: Kind

        /// "Figure 2", "Table 2.1" or "Equation 3".
        public var name: String { kind.name + " " + number }
        /// The link text in prose: "Figure 2", or "(3)" for an equation.
        public var displayText: String { kind == .equation ? "(\(number))" : name }
    }

    /// Every target, by label.
    public private(set) var targets: [String: Target] = [:]
    private var counts: [Kind: Int] = [:]

    /// No targets yet.
    public init() {}

    /// Starts counting again, for the next chapter when numbering per chapter.
    mutating func restartCounting() {
        counts = [:]
    }

    /// Registers a label; returns a message if it is malformed or already used.
    /// - Parameter chapter: the chapter's number, prefixed to the target's
    ///   number (`2.1`); nil numbers through the book.
    public mutating func add(label: String, page: String, kind: Kind, chapter: Int? = nil) -> String? {
        let prefix = kind.rawValue + ":"
        guard label.hasPrefix(prefix), label.count > prefix.count,
              label.dropFirst(prefix.count).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else {
            return "the label '\(label)' must be '\(prefix)' followed by letters, digits, '-' or '_'"
        }
        if let existing = targets[label] {
            return "the label '\(label)' is already used by \(existing.name) on \(existing.page)"
        }
        let count = (counts[kind] ?? 0) + 1
        counts[kind] = count
        let number = chapter.map { "\($0).\(count)" } ?? String(count)
        targets[label] = Target(number: number, page: page, id: label, kind: kind)
        return nil
    }

    /// The target of `label`, or nil when nothing has that label.
    public func resolve(_ label: String) -> Target? {
        targets[label]
    }

    /// The link HTML for a reference from `page`.
    public func link(_ target: Target, from page: String) -> String {
        let href = (target.page == page ? "" : PageNames.href(target.page)) + "#" + target.id
        let text = target.kind == .equation ? "Equation \(target.displayText)" : target.name
        return "<a class=\"ref\" href=\"\(HTML.escape(href))\">\(HTML.escape(text))</a>"
    }

    /// Numbers every labelled equation (display math and derivations alike,
    /// in reading order), every figure and every table the chapter programs
    /// made, then checks every reference.
    ///
    /// - Parameters:
    ///   - allRan: whether every chapter program reached its end; if not, a
    ///     missing figure or table may just not have been made, so unknown
    ///     references to them are not reported (the failure already is).
    ///   - numbering: `.chapter` numbers 2.1, 2.2, … within chapter 2;
    ///     `chapters[k]` is document k's chapter number (nil for the front page).
    static func collect(
        documents: [ChapterDocument], pages: [String], runs: [ChapterRun?], allRan: Bool,
        numbering: Numbering = .book, chapters: [Int?] = []
    ) -> (CrossReferences, [Diagnostic]) {
        var references = CrossReferences()
        var problems: [Diagnostic] = []
        for (k, document) in documents.enumerated() {
            var chapter: Int?
            if numbering == .chapter {
                references.restartCounting()
                chapter = k < chapters.count ? chapters[k] : nil
            }
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
                if let problem = references.add(label: entry.label, page: pages[k], kind: .equation, chapter: chapter) {
                    problems.append(Diagnostic(file: document.path, line: entry.line, column: entry.column, problem))
                }
            }
            let made: [(kind: Kind, label: String, block: Int?, line: Int?)] =
                (runs[k]?.figures ?? []).map { (.figure, $0.label, $0.block, $0.line) }
                    + (runs[k]?.tables ?? []).map { (.table, $0.label, $0.block, $0.line) }
            for item in made {
                if let problem = references.add(label: item.label, page: pages[k], kind: item.kind, chapter: chapter) {
                    // At the call when it is the chapter's own code, else at the block that ran it.
                    let line = item.line ?? document.swiftBlocks.first { $0.index == item.block }?.fenceLine ?? 1
                    problems.append(Diagnostic(file: document.path, line: line, "\(item.kind == .figure ? "figure" : "table"): \(problem)"))
                }
            }
        }
        for document in documents {
            for span in document.spans {
                guard case .reference(let label) = span.kind, references.resolve(label) == nil else { continue }
                let kind = Kind.allCases.first { label.hasPrefix($0.rawValue + ":") } ?? .equation
                if kind != .equation && !allRan { continue }
                problems.append(Diagnostic(file: document.path, line: span.location.line, column: span.location.column,
                    "unknown reference '@\(label)': no \(kind.name.lowercased()) has this label"))
            }
        }
        return (references, problems)
    }
}
