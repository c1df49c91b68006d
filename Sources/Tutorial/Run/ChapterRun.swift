import Foundation

/// The values, draws, printed output and figures of one chapter run, read
/// from a `RawRun`, and — if the run did not reach its end — why.
public struct ChapterRun: Sendable {
    /// What the program found checking one derivation.
    public struct DerivationOutcome: Sendable {
        /// A step that disagreed with the first, at its first failing draw.
        public struct Failure: Sendable {
            public var step: Int
            public var draw: Int
            public var inputs: [(name: String, value: Value)]
            public var first: Value
            public var this: Value
            /// The element that disagreed; −1: the sizes differ; −2: not
            /// numbers; −3: the step could not be evaluated (`message` says why).
            public var element: Int
            /// The difference: relative for `=` steps, absolute for `\approx` steps.
            public var relative: Double?
            /// Why the step could not be evaluated (element −3).
            public var message: String?
        }

        public var draws: Int
        public var failures: [Failure]
    }

    public struct Figure: Sendable, Hashable {
        public var block: Int
        public var label: String
        public var caption: String
        public var alt: String
        public var svg: String
    }

    /// A table a block made with `table(...)`: plain-text cells.
    public struct Table: Sendable, Hashable {
        public var block: Int
        public var label: String
        public var caption: String
        public var header: [String]
        public var rows: [[String]]
    }

    /// The value of each inline expression, by its id in the chapter.
    public var values: [Int: Value] = [:]
    public var derivations: [Int: DerivationOutcome] = [:]
    /// What each block printed, by block index.
    public var printed: [Int: String] = [:]
    /// The figures the blocks drew, in the order they were drawn.
    public var figures: [Figure] = []
    /// The tables the blocks made, in order.
    public var tables: [Table] = []
    /// The number of the item (block, inline expression or derivation, in
    /// program order) that was running when the program stopped.
    public var lastItem: Int?
    /// Whether the program reached its last item and ended normally.
    public var completed = false
    /// Why the program stopped early ("did not finish within…", a trap's message), if it did.
    public var failure: String?

    init(_ raw: RawRun) {
        var openBlock: (index: Int, offset: Int)?
        for line in raw.channel.split(separator: "\n") {
            guard let data = line.data(using: .utf8),
                  let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let tag = record["t"] as? String
            else { continue }
            switch tag {
            case "at": lastItem = record["l"] as? Int
            case "block": openBlock = (record["i"] as? Int ?? -1, record["o"] as? Int ?? 0)
            case "blockEnd":
                if let open = openBlock, let end = record["o"] as? Int, end >= open.offset, end <= raw.standardOutput.count {
                    printed[open.index] = String(decoding: raw.standardOutput[open.offset..<end], as: UTF8.self)
                }
                openBlock = nil
            case "value":
                if let id = record["i"] as? Int, let v = record["v"].flatMap(Value.decode) { values[id] = v }
            case "derivation":
                guard let id = record["i"] as? Int, let draws = record["n"] as? Int else { continue }
                let failures = (record["f"] as? [[String: Any]] ?? []).compactMap { f -> DerivationOutcome.Failure? in
                    guard let step = f["k"] as? Int, let draw = f["d"] as? Int,
                          let first = f["a"].flatMap(Value.decode), let this = f["b"].flatMap(Value.decode)
                    else { return nil }
                    let inputs = (f["in"] as? [[Any]] ?? []).compactMap { pair -> (name: String, value: Value)? in
                        guard pair.count == 2, let name = pair[0] as? String, let v = Value.decode(pair[1]) else { return nil }
                        return (name, v)
                    }
                    return .init(step: step, draw: draw, inputs: inputs, first: first, this: this,
                                 element: f["e"] as? Int ?? 0, relative: f["r"] as? Double, message: f["m"] as? String)
                }
                derivations[id] = DerivationOutcome(draws: draws, failures: failures)
            case "figure":
                figures.append(Figure(
                    block: record["b"] as? Int ?? -1, label: record["label"] as? String ?? "",
                    caption: record["caption"] as? String ?? "", alt: record["alt"] as? String ?? "",
                    svg: record["svg"] as? String ?? ""))
            case "table":
                tables.append(Table(
                    block: record["b"] as? Int ?? -1, label: record["label"] as? String ?? "",
                    caption: record["caption"] as? String ?? "", header: record["header"] as? [String] ?? [],
                    rows: record["rows"] as? [[String]] ?? []))
            case "end": completed = true
            default: break
            }
        }
        if let open = openBlock, open.offset <= raw.standardOutput.count {
            printed[open.index] = String(decoding: raw.standardOutput[open.offset...], as: UTF8.self)
        }
        switch raw.ending {
        case .exited(0) where completed:
            failure = nil
        case .timedOut(let seconds):
            failure = "did not finish within the time limit of \(Self.seconds(seconds)) (change it with --timeout)"
        case .outputCapExceeded(let bytes):
            failure = "was stopped for printing more than \(bytes >> 20) MiB"
        case .channelCapExceeded(let bytes):
            failure = "was stopped for sending more than \(bytes >> 20) MiB of values, figures and derivation results (make the values or figures smaller)"
        case .signaled(let signal):
            failure = Self.trapMessage(raw.standardError) ?? "crashed with signal \(signal)"
        case .exited(let code):
            failure = Self.trapMessage(raw.standardError) ?? "exited with status \(code) before the end of the chapter"
        }
    }

    /// Whether a run exited normally after its last chapter item.
    static func reachedEnd(_ raw: RawRun) -> Bool {
        guard case .exited(0) = raw.ending else { return false }
        return raw.channel.hasSuffix(#"{"t":"end"}"# + "\n")
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }

    /// The message of a Swift runtime trap ("Fatal error: …",
    /// "Precondition failed: …"), with the source location Swift printed.
    static func trapMessage(_ standardError: String) -> String? {
        let markers = ["Fatal error: ", "Precondition failed: ", "Assertion failed: ", "Unexpectedly found nil", "Illegal instruction", "Segmentation fault"]
        for line in standardError.split(separator: "\n") {
            for marker in markers {
                guard let range = line.range(of: marker) else { continue }
                var message = String(line[range.lowerBound...])
                let location = line[..<range.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ": "))
                // Where Swift trapped is worth saying only when it is chapter code.
                if location.contains(".md:") { message += " (at \(location))" }
                return message
            }
        }
        return nil
    }
}
