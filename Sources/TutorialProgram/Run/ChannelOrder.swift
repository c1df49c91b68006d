import ChapterChannel
import TutorialBase
import TutorialMarkdown

/// What a chapter program may report, and where: render knows from the
/// tangled program (`ChapterProgram.items`) every block, inline value and
/// derivation the program runs, in order, so the records must follow it.
///
/// - `start` comes first, once; `end` last, once, after the last item.
/// - `at(p)` names the next item, p = 0, 1, 2, …, once the one before is done.
/// - A block item sends `block(i)` then `blockEnd(i)` for its own index i;
///   a value item one `value` of its own id; a derivation item one
///   `derivation` of its own index.
/// - A figure or table comes while an item runs (a block, or the inline
///   value or derivation that calls it) and names the block that started
///   last. Figure and table labels are computed at run time, so they are not
///   known before; a label used twice is the chapter's mistake, reported at
///   its call, not a forgery.
///
/// Anything else is a record the runtime did not send in that place.
struct ChannelOrder {
    package let items: [ChapterProgram.Item]
    private var started = false
    private var ended = false
    /// The item running, by position in `items`.
    private var position: Int?
    /// For a block item: whether its `block` and its `blockEnd` came.
    private var opened = false, closed = false
    /// For a value or derivation item: whether its record came.
    private var reported = false
    /// The block that started last.
    private var lastBlock: Int?

    package init(items: [ChapterProgram.Item]) {
        self.items = items
    }

    /// Accepts the next record, or says why it cannot come here.
    mutating func accept(_ record: ChannelRecord) -> String? {
        if ended { return "\(Self.describe(record)) after the program's end" }
        if case .start = record {
            if started { return "a second start of the program" }
            started = true
            return nil
        }
        guard started else { return "\(Self.describe(record)) before the program's start" }
        switch record {
        case .start: return nil
        case .timeLimit:
            // The runtime's own stop at the time limit, from wherever the
            // program was: it can only make the run fail, never pass.
            return nil
        case .at(let item):
            let next = (position ?? -1) + 1
            guard item == next, items.indices.contains(item), currentDone else {
                return "a jump to the chapter's item \(item) where the program \(nextText)"
            }
            position = item
            opened = false; closed = false; reported = false
        case .block(let index):
            guard let current, current == .block(index), !opened else { return misplaced(record) }
            opened = true
            lastBlock = index
        case .blockEnd(let index):
            guard let current, current == .block(index), opened, !closed else { return misplaced(record) }
            closed = true
        case .value(let id, _):
            guard let current, current == .value(id), !reported else { return misplaced(record) }
            reported = true
        case .derivation(let id, _, _):
            guard let current, current == .derivation(id), !reported else { return misplaced(record) }
            reported = true
        case .figure(let figure):
            return shown(block: figure.block, record)
        case .table(let table):
            return shown(block: table.block, record)
        case .end:
            guard (position ?? -1) == items.count - 1, currentDone else { return "the program's end where it \(nextText)" }
            ended = true
        }
        return nil
    }

    private var current: ChapterProgram.Item? { position.map { items[$0] } }

    /// Whether the running item sent everything it sends (true before the first).
    private var currentDone: Bool {
        switch current {
        case nil: return true
        case .block?: return opened && closed
        case .value?, .derivation?: return reported
        }
    }

    private func shown(block: Int?, _ record: ChannelRecord) -> String? {
        guard let current else { return misplaced(record) }
        if case .block = current, !opened || closed { return misplaced(record) }
        guard block == lastBlock else { return "\(Self.describe(record)) that names block \(block.map(String.init) ?? "none") where block \(lastBlock.map(String.init) ?? "none") started last" }
        return nil
    }

    private func misplaced(_ record: ChannelRecord) -> String {
        "\(Self.describe(record)) where the program \(runningText)"
    }

    /// "runs the swift block 2" or "has not started an item".
    private var runningText: String {
        guard let current else { return "has not started a chapter item" }
        return "runs " + Self.describe(current)
    }

    /// What may come next: "runs …" or "starts item 3".
    private var nextText: String {
        currentDone ? "starts its item \((position ?? -1) + 1)" : runningText + ", which is not done"
    }

    package static func describe(_ item: ChapterProgram.Item) -> String {
        switch item {
        case .block(let index): return "swift block \(index + 1)"
        case .value(let id): return "inline value \(id + 1)"
        case .derivation(let index): return "derivation \(index + 1)"
        }
    }

    package static func describe(_ record: ChannelRecord) -> String {
        switch record {
        case .start: return "a start record"
        case .end: return "an end record"
        case .timeLimit: return "a time-limit record"
        case .at(let item): return "a jump to item \(item)"
        case .block(let index): return "the start of swift block \(index + 1)"
        case .blockEnd(let index): return "the end of swift block \(index + 1)"
        case .value(let id, _): return "a value of inline value \(id + 1)"
        case .derivation(let id, _, _): return "a verdict of derivation \(id + 1)"
        case .figure(let figure): return "figure “\(figure.label.prefix(60))”"
        case .table(let table): return "table “\(table.label.prefix(60))”"
        }
    }
}
