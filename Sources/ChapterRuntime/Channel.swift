internal import ChapterChannel
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The structured side channel from a chapter program back to the engine.
///
/// The engine passes a file path in `TUTORIAL_CHANNEL`, whose first line is
/// the run's `ChannelKey`. The runtime reads the key and empties the file
/// before any chapter code runs (the first call into it, `__tutorialStart`,
/// is the chapter program's first statement), so chapter code finds no key
/// to read. Every record is a `ChannelRecord` framed by `ChannelFrame` (its
/// sequence number and its SipHash tag under the key) and written as one
/// line with a single `write(2)` call, unbuffered, so that the records
/// written before a trap survive it; bytes chapter code writes to the file
/// itself carry no valid tag, and render stops reading there. The program's
/// own standard output goes to render through a pipe, which has no offset:
/// where each block's printed output starts and ends is marked in it
/// (`OutputMarker`, whose nonce is the channel file's second line, read and
/// erased with the key).
public enum Channel {
    nonisolated(unsafe) static var descriptor: Int32 = -1
    /// The run's key, read from the channel file's first line.
    nonisolated(unsafe) static var key = ChannelKey(k0: 0, k1: 0)
    /// The run's output marker, read from its second line (nil when render gave none).
    nonisolated(unsafe) static var marker: OutputMarker?
    /// The sequence number of the next record.
    nonisolated(unsafe) static var sequence = 0
    /// Held while a record takes its number and is written: records sent
    /// from several threads at once are numbered in the order they reach the
    /// file, and no record's bytes land inside another's (render reads a
    /// number out of order, or a broken line, as a forged channel).
    nonisolated(unsafe) static let sending: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        return mutex
    }()
    /// The block that started last, which a figure or table is shown under
    /// (also one an inline expression after it makes), or nil before the first.
    nonisolated(unsafe) static var currentBlock: Int?

    static func open() {
        guard descriptor < 0 else { return }
        if let path = getenv("TUTORIAL_CHANNEL") {
            descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND, 0o644)
        }
        guard descriptor >= 0 else {
            descriptor = 2
            return
        }
        var line = [UInt8](repeating: 0, count: 66)
        let count = max(pread(descriptor, &line, line.count, 0), 0)
        if let read = ChannelKey(line: line.prefix(min(count, 33))) { key = read }
        if count == 66 { marker = OutputMarker(line: line[33...]) }
        for k in line.indices { line[k] = 0 }
        _ = ftruncate(descriptor, 0)
    }

    static func send(_ record: ChannelRecord) {
        pthread_mutex_lock(sending)
        defer { pthread_mutex_unlock(sending) }
        open()
        var line = ChannelFrame.line(record.json, sequence: sequence, key: key)
        sequence += 1
        line.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + start, bytes.count - start)
                if written <= 0 { break }
                start += written
            }
        }
    }

    /// The seed of derivation `id`, from `TUTORIAL_SEEDS` (comma-separated).
    static func seed(for id: Int) -> UInt64 {
        guard let list = getenv("TUTORIAL_SEEDS") else { return UInt64(id) }
        let seeds = String(cString: list).split(separator: ",").compactMap { UInt64($0) }
        return id < seeds.count ? seeds[id] : UInt64(id)
    }

    /// Writes the marker of `edge` of block `index` to standard output, after
    /// what the C streams still hold (`fflush(nil)` flushes them all), with one
    /// `write(2)`: a marker is shorter than `PIPE_BUF`, so no other thread's
    /// write lands inside it.
    static func markOutput(_ edge: OutputMarker.Edge, block index: Int) {
        fflush(nil)
        open()
        guard let marker else { return }
        let bytes = marker.marker(edge, block: index)
        _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }
}

/// Marks the start of the program (first statement of every chapter program)
/// and starts the orphan watch.
///
/// Standard output, a pipe, becomes line-buffered as on a terminal: C would
/// buffer a pipe by blocks, and a trap (which flushes nothing) would lose
/// the lines a block printed just before it.
/// - Parameter chunkLines: the chapter lines of the program's `#sourceLocation`
///   directives, in order, as this program was compiled.
public func __tutorialStart(_ chunkLines: [Int] = []) {
    setvbuf(stdout, nil, _IOLBF, 0)
    OrphanWatch.start()
    Channel.send(.start(chunkLines: chunkLines))
    TimeLimitWatch.start()
}

/// Stops the program at its time limit from the inside, so that render can
/// say where it was: `TUTORIAL_TIME_LIMIT` milliseconds after the start, a
/// thread sends `.timeLimit` and then SIGQUIT to the main thread, where the
/// chapter code runs; Swift's crash handler prints that thread's backtrace,
/// whose first chapter frame is the line the program was at. render's own
/// watchdog, a few seconds later, still ends a program that does not stop.
enum TimeLimitWatch {
    nonisolated(unsafe) static var main = pthread_t()
    nonisolated(unsafe) static var milliseconds = 0

    static func start() {
        guard let text = getenv("TUTORIAL_TIME_LIMIT"), let limit = Int(String(cString: text)), limit > 0 else { return }
        milliseconds = limit
        main = pthread_self()
        var thread = pthread_t()
        pthread_create(&thread, nil, { _ in
            let limit = TimeLimitWatch.milliseconds
            var request = timespec(tv_sec: limit / 1000, tv_nsec: (limit % 1000) * 1_000_000)
            var remaining = timespec()
            while nanosleep(&request, &remaining) != 0 { request = remaining }
            Channel.send(.timeLimit(milliseconds: limit))
            pthread_kill(TimeLimitWatch.main, SIGQUIT)
            return nil
        }, nil)
    }
}

/// Ends the program if render goes away (killed, Ctrl-C): a chapter stuck in
/// a loop must not outlive the build that started it. A thread checks every
/// 200 ms whether the parent process changed.
enum OrphanWatch {
    nonisolated(unsafe) static var parent: pid_t = 0

    static func start() {
        parent = getppid()
        var thread = pthread_t()
        pthread_create(&thread, nil, { _ in
            while true {
                usleep(200_000)
                if getppid() != OrphanWatch.parent { _exit(1) }
            }
        }, nil)
    }
}

/// Marks the normal end of the program.
public func __tutorialEnd() {
    fflush(nil)
    Channel.send(.end)
}

/// Marks that the program is now evaluating chapter item number `item`
/// (a block, an inline expression or a derivation, in program order), so a
/// trap can be reported at that item.
public func __tutorialAt(_ item: Int) {
    Channel.send(.at(item: item))
}

/// Marks the start of block `index` (its order among the chapter's `swift` blocks).
public func __tutorialBlock(_ index: Int) {
    Channel.currentBlock = index
    Channel.markOutput(.start, block: index)
    Channel.send(.block(index: index))
}

/// Marks the end of block `index`.
public func __tutorialBlockEnd(_ index: Int) {
    Channel.markOutput(.end, block: index)
    Channel.send(.blockEnd(index: index))
}

/// Records the value of inline expression `id`.
public func __tutorialValue<T>(_ id: Int, _ value: T) {
    Channel.send(.value(id: id, value: ValueEncoder.value(of: value)))
}

/// Sends a finished figure to the engine; it is shown under the block that made it.
func sendFigure(label: String, caption: String, alt: String, svg: String, file: String, line: Int) {
    Channel.send(.figure(FigureRecord(
        block: Channel.currentBlock, call: CallSite(file: file, line: line), label: label, caption: caption, alt: alt, svg: svg)))
}

/// Sends a table to the engine; it is shown under the block that made it.
func sendTable(label: String, caption: String, header: [String], rows: [[String]], file: String, line: Int) {
    Channel.send(.table(TableRecord(
        block: Channel.currentBlock, call: CallSite(file: file, line: line), label: label, caption: caption, header: header, rows: rows)))
}

/// Reports an error thrown out of chapter code and ends the program, the
/// way an uncaught error at the top level of a script would.
public func __tutorialUncaught(_ error: any Error) -> Never {
    fflush(nil)
    let message = "Fatal error: the chapter code threw an uncaught error: \(error)\n"
    message.withCString { _ = write(2, $0, strlen($0)) }
    exit(1)
}
