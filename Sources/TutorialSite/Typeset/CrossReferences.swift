import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// Numbers labelled equations, figures and tables in reading order —
/// through the whole book, or within each chapter (2.1, 2.2, …) — and
/// resolves `@eq:…`, `@fig:…` and `@tbl:…` references to links.
public struct CrossReferences: Sendable {
    /// What a label names (the scanner reads the same prefixes).
    public typealias Kind = ReferenceKind

    /// A numbered equation, figure or table that prose can link to.
    public struct Target: Sendable, Hashable {
        /// Its number as shown: "3", or "2.1" when numbered per chapter.
        public var number: String
        /// The page (e.g. `05-loss.html`) and the element id.
        public var page: String
        /// The element id on its page (the label itself).
        public var id: String
        /// What it is.
        package var kind: Kind

        /// "Figure 2", "Table 2.1" or "Equation 3".
        public var name: String { kind.name + " " + number }
        /// The link text in prose: "Figure 2", or "(3)" for an equation.
        var displayText: String { kind == .equation ? "(\(number))" : name }
    }

    /// Every target, by label.
    public private(set) var targets: [String: Target] = [:]
    /// Every numbered theorem-like block and image figure, labelled or not, by page and line.
    public private(set) var numbered: [Place: Target] = [:]

    /// A block's place: its page and first line.
    public struct Place: Sendable, Hashable {
        /// The page (`05-loss.html`).
        public var page: String
        /// The block's first line in its chapter.
        public var line: Int
    }
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
    public mutating func add(label: String, page: String, kind: Kind, chapter: Int? = nil, number: String? = nil) -> String? {
        let prefix = kind.rawValue + ":"
        guard label.hasPrefix(prefix), label.count > prefix.count,
              label.dropFirst(prefix.count).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else {
            return "the label '\(label)' must be '\(prefix)' followed by letters, digits, '-' or '_'"
        }
        if let existing = targets[label] {
            return "the label '\(label)' is already used by \(existing.name) on \(existing.page)"
        }
        targets[label] = Target(number: number ?? nextNumber(kind, chapter: chapter), page: page, id: label, kind: kind)
        return nil
    }

    /// Counts one more `kind`: its number, "3" or, per chapter, "2.3".
    private mutating func nextNumber(_ kind: Kind, chapter: Int?) -> String {
        let count = (counts[kind] ?? 0) + 1
        counts[kind] = count
        return chapter.map { "\($0).\(count)" } ?? String(count)
    }

    /// Numbers a theorem-like block or an image figure at `line` of `page`,
    /// labelled or not; returns a message if its label is malformed or used.
    mutating func addNumbered(kind: Kind, label: String?, page: String, line: Int, chapter: Int?) -> String? {
        var problem: String?
        if let label {
            problem = add(label: label, page: page, kind: kind, chapter: chapter)
            if problem == nil, let target = targets[label] {
                numbered[Place(page: page, line: line)] = target
                return nil
            }
        }
        numbered[Place(page: page, line: line)] = Target(number: nextNumber(kind, chapter: chapter), page: page, id: "", kind: kind)
        return problem
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
    package static func collect(
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
            for section in SectionNumbers.labelled(document, chapter: chapters.indices.contains(k) ? chapters[k] : nil) {
                if let problem = references.add(label: section.label, page: pages[k], kind: .section, number: section.number) {
                    problems.append(Diagnostic(file: document.path, line: section.line, problem))
                }
            }
            document.blocks.forEachBlock { block in
                guard case .callout(let callout) = block.kind, let kind = Kind(callout.kind) else { return }
                if let problem = references.addNumbered(kind: kind, label: callout.label, page: pages[k], line: block.startLine, chapter: chapter) {
                    problems.append(Diagnostic(file: document.path, line: block.startLine, problem))
                }
            }
            func fenceLine(_ block: Int?) -> Int { document.swiftBlocks.first { $0.index == block }?.fenceLine ?? 1 }
            var made: [(kind: Kind, label: String, block: Int?, line: Int?)] =
                (runs[k]?.figures ?? []).map { (.figure, $0.label, $0.block, $0.line) }
                    + (runs[k]?.tables ?? []).map { (.table, $0.label, $0.block, $0.line) }
            // Image figures are numbered with the drawn ones, in reading order.
            for (line, image) in document.imageAttributes.sorted(by: { $0.key < $1.key }) {
                if let label = image.label { made.append((.figure, label, nil, line)) }
            }
            made = made.enumerated().sorted { ($0.element.line ?? fenceLine($0.element.block), $0.offset) < ($1.element.line ?? fenceLine($1.element.block), $1.offset) }.map(\.element)
            for item in made {
                if item.block == nil, let line = item.line, document.imageAttributes[line]?.label == item.label {
                    if let problem = references.addNumbered(kind: .figure, label: item.label, page: pages[k], line: line, chapter: chapter) {
                        problems.append(Diagnostic(file: document.path, line: line, "figure: \(problem)"))
                    }
                    continue
                }
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
                if (kind == .figure || kind == .table) && !allRan { continue }
                problems.append(Diagnostic(file: document.path, line: span.location.line, column: span.location.column,
                    "unknown reference '@\(label)': no \(kind.name.lowercased()) has this label"))
            }
        }
        return (references, problems)
    }
}
