public import ChapterChannel
import Foundation
import TutorialBase
import TutorialMarkdown

/// The values, draws, printed output and figures of one chapter run, read
/// from a `RawRun`'s channel records, and — if the run did not reach its end — why.
public struct ChapterRun: Sendable {
    /// What the program found checking one derivation.
    package struct DerivationOutcome: Sendable {
        /// How many draws ran.
        package var draws: Int
        /// The steps that disagreed with the first, each at its first failing draw.
        package var failures: [DerivationFailure]
    }

    /// A figure a block drew with `figure(...)`.
    public struct Figure: Sendable, Hashable {
        /// The block it is shown under (the last that started), or nil when none had.
        package var block: Int?
        /// The chapter line of the `figure(...)` call, when it is chapter code.
        public var line: Int?
        /// The reference label, `fig:…`.
        package var label: String
        /// The caption.
        package var caption: String
        /// The text description for screen readers.
        package var alt: String
        /// The drawing, as SVG.
        package var svg: String
    }

    /// A table a block made with `table(...)`: plain-text cells.
    public struct Table: Sendable, Hashable {
        /// The block it is shown under (the last that started), or nil when none had.
        package var block: Int?
        /// The chapter line of the `table(...)` call, when it is chapter code.
        public var line: Int?
        /// The reference label, `tbl:…`.
        package var label: String
        /// The caption.
        package var caption: String
        /// The column headings.
        package var header: [String]
        /// The body rows.
        package var rows: [[String]]
    }

    /// The value of each inline expression, by its id in the chapter.
    package var values: [Int: Value] = [:]
    /// The verdict of each derivation, by its index in the chapter.
    package var derivations: [Int: DerivationOutcome] = [:]
    /// What each block printed, by block index.
    public var printed: [Int: String] = [:]
    /// The figures the blocks drew, in the order they were drawn.
    public var figures: [Figure] = []
    /// The tables the blocks made, in order.
    public var tables: [Table] = []
    /// The number of the item (block, inline expression or derivation, in
    /// program order) that was running when the program stopped.
    package var lastItem: Int?
    /// Whether the program reached its last item and ended normally.
    package var completed = false
    /// Why the program stopped early ("did not finish within…", a trap's message), if it did.
    public var failure: String?
    /// The chapter line of the statement that trapped, when the backtrace
    /// names one in the chapter's own code.
    package var trapLine: Int?
    /// How many channel lines did not decode (a record cut off by the channel cap).
    var unreadRecords = 0
    /// Why the channel held a record render's runtime did not send there (a
    /// line without a valid frame, or a record out of the program's order,
    /// `ChannelOrder`), or nil. The records from it on are not read.
    package var forgery: String?

    /// Reads a run.
    /// - Parameters:
    ///   - raw: the run as the program left it.
    ///   - items: what the program runs, in order, which its records must follow (`ChannelOrder`).
    ///   - lines: where the program's chapter code is now, to move the lines
    ///     of calls compiled before an edit of the prose above them.
    package init(_ raw: RawRun, items: [ChapterProgram.Item], lines: ChunkLines = ChunkLines(file: "", current: [])) {
        var compiledLines: [Int] = []
        var order = ChannelOrder(items: items)
        forgery = raw.forgery
        var stoppedAtLimit: Int?  // milliseconds, when the program stopped itself at its time limit
        for record in Self.records(raw.channel, unread: &unreadRecords) {
            if let problem = order.accept(record) {
                forgery = problem
                break
            }
            switch record {
            case .start(let chunkLines): compiledLines = chunkLines
            case .at(let item): lastItem = item
            case .block(let index): printed[index] = raw.printed[index]
            case .blockEnd: break
            case .value(let id, let value): values[id] = value
            case .derivation(let id, let draws, let failures):
                derivations[id] = DerivationOutcome(draws: draws, failures: failures)
            case .figure(let f):
                figures.append(Figure(
                    block: f.block, line: lines.chapterLine(of: f.call, compiled: compiledLines),
                    label: f.label, caption: f.caption, alt: f.alt, svg: f.svg))
            case .table(let t):
                tables.append(Table(
                    block: t.block, line: lines.chapterLine(of: t.call, compiled: compiledLines),
                    label: t.label, caption: t.caption, header: t.header, rows: t.rows))
            case .end: completed = true
            case .timeLimit(let milliseconds): stoppedAtLimit = milliseconds
            }
        }
        switch raw.ending {
        case .exited(0) where completed || forgery != nil:
            failure = nil
        case _ where stoppedAtLimit != nil:
            failure = Self.timeLimitMessage(Double(stoppedAtLimit ?? 0) / 1000)
        case .timedOut(let seconds):
            failure = Self.timeLimitMessage(seconds)
        case .outputCapExceeded(let bytes):
            failure = "was stopped for printing more than \(bytes >> 20) MiB"
        case .channelCapExceeded(let bytes):
            failure = "was stopped for sending more than \(bytes >> 20) MiB of values, figures and derivation results (make the values or figures smaller)"
        case .signaled(let signal):
            failure = Self.trapMessage(raw.standardError) ?? Self.crash(raw.standardError) ?? "crashed with signal \(signal)"
        case .exited(let code):
            failure = Self.trapMessage(raw.standardError) ?? Self.crash(raw.standardError)
                ?? "exited with status \(code) before the end of the chapter"
        }
        if failure != nil {
            trapLine = lines.chapterLine(of: Self.trapSite(raw.standardError, file: lines.file), compiled: compiledLines)
        }
    }

    /// A time-out, and the two ways to raise the limit.
    static func timeLimitMessage(_ seconds: Double) -> String {
        "did not finish within the time limit of \(Self.seconds(seconds)) "
            + "(raise it with --timeout SECONDS, or with timeout = SECONDS under [build] in book.toml)"
    }

    /// The records of a channel's text, one per line; `unread` counts the
    /// lines that are not a record.
    package static func records(_ channel: String, unread: inout Int) -> [ChannelRecord] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: JSONText.infinity, negativeInfinity: JSONText.negativeInfinity, nan: JSONText.nan)
        var records: [ChannelRecord] = []
        for line in channel.utf8.split(separator: UInt8(ascii: "\n")) {
            if let record = try? decoder.decode(ChannelRecord.self, from: Data(line)) {
                records.append(record)
            } else {
                unread += 1
            }
        }
        return records
    }

    /// Whether a run exited normally after its last chapter item.
    static func reachedEnd(_ raw: RawRun) -> Bool {
        guard case .exited(0) = raw.ending, raw.forgery == nil else { return false }
        return raw.channel.hasSuffix(ChannelRecord.end.jsonLine)
    }

    package static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }

    /// What the backtracer says crashed a program that printed no message
    /// (an integer overflow, a bad pointer): "crashed: Illegal instruction".
    static func crash(_ standardError: String) -> String? {
        let marker = "*** Program crashed: "
        guard let line = standardError.split(separator: "\n").first(where: { $0.hasPrefix(marker) }) else { return nil }
        let what = line.dropFirst(marker.count).components(separatedBy: " at 0x").first ?? ""
        return "crashed: " + what.trimmingCharacters(in: CharacterSet(charactersIn: " *"))
    }

    /// The innermost frame of a backtrace that is in the chapter file `file`:
    /// `  3 [ra] 0x… f() + 194 in program at chapters/01-a.md:12:9`.
    static func trapSite(_ standardError: String, file: String) -> CallSite? {
        guard !file.isEmpty else { return nil }
        for line in standardError.split(separator: "\n") {
            guard let at = line.range(of: " at ", options: .backwards) else { continue }
            let parts = line[at.upperBound...].split(separator: ":")
            guard parts.count >= 3, let row = Int(parts[parts.count - 2]), Int(parts[parts.count - 1]) != nil else { continue }
            let path = parts.dropLast(2).joined(separator: ":")
            if path == file || path.hasSuffix("/" + file) { return CallSite(file: path, line: row) }
        }
        return nil
    }

    /// The message of a Swift runtime trap ("Fatal error: …",
    /// "Precondition failed: …"), with the source location Swift printed.
    static func trapMessage(_ standardError: String) -> String? {
        let markers = ["Fatal error: ", "Precondition failed: ", "Assertion failed: ", "Unexpectedly found nil", "Illegal instruction", "Segmentation fault"]
        // The backtrace's own lines ("*** Program crashed: Illegal instruction at 0x…") are not the message.
        for line in standardError.split(separator: "\n") where !line.hasPrefix("***") {
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
