import Foundation
#if canImport(Glibc)
import Glibc
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite
#endif

/// Reports changes to a list of paths (folders, watched with everything
/// under them, or single files such as `book.toml`, which need not exist yet).
///
/// On Linux it uses inotify: the kernel says which file changed, so a
/// 100-chapter book costs nothing between saves and a save is seen at once.
/// Where inotify is missing (another system, or the per-user watch limit is
/// used up) it falls back to polling: a snapshot of every file's size and
/// modification time every `interval`. Either way, changes that arrive
/// within `settle` of each other (an editor writing a temporary file and
/// renaming it) are reported together, once.
///
/// Hidden files (`.name`) and editor droppings (`name~`, `.swp`, `4913`)
/// are ignored.
public final class ChangeWatcher: @unchecked Sendable {
    /// How changes are noticed: inotify, or polling where inotify is not available.
    public enum Mechanism: String, Sendable { case inotify, polling }

    /// The files and folders watched.
    public let paths: [String]
    /// How often polling looks.
    public let interval: Duration
    /// How long changes must stop before they are reported, so a save that writes several files is one change.
    let settle: Duration
    /// How changes are noticed now.
    public private(set) var mechanism: Mechanism = .polling

    private let lock = NSLock()
    private var stopped = false
    private var inotifyFD: Int32 = -1
    /// inotify watch descriptor → the folder it watches.
    private var folders: [Int32: String] = [:]
    /// Each path reported, with its identity then (``identity(_:)``).
    private var reportedIdentities: [String: String]

    /// - Parameters:
    ///   - paths: Folders and files to watch.
    ///   - interval: How often to poll, if polling.
    ///   - settle: How long to wait for more changes before reporting.
    ///   - forcePolling: Poll even where inotify is available (for tests, and `RENDER_WATCH=poll`).
    ///   - reported: What a watcher this one replaces had reported (its ``reported``), so
    ///     that the rest of a save it already reported is not reported again.
    public init(paths: [String], interval: Duration = .milliseconds(500), settle: Duration = .milliseconds(30), forcePolling: Bool = false,
                reported: [String: String] = [:]) {
        self.paths = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.interval = interval
        self.settle = settle
        self.reportedIdentities = reported
        let polling = forcePolling || ProcessInfo.processInfo.environment["RENDER_WATCH"] == "poll"
        #if canImport(Glibc)
        if !polling { setUpInotify() }
        #endif
    }

    deinit {
        if inotifyFD >= 0 { close(inotifyFD) }
    }

    /// Batches of changed paths (sorted), until ``stop()``.
    public func changes() -> AsyncStream<[String]> {
        let (stream, continuation) = AsyncStream<[String]>.makeStream(bufferingPolicy: .unbounded)
        // Polling compares with a snapshot taken now, so a change made after this call is never missed.
        let first = mechanism == .polling ? snapshot() : [:]
        let thread = Thread { [self] in
            if mechanism == .inotify { readInotify(continuation) } else { poll(continuation, from: first) }
            continuation.finish()
        }
        thread.name = "render-watch"
        thread.start()
        return stream
    }

    /// Each path this watcher has reported, with its identity when it did: for
    /// the watcher that replaces this one. (serve replaces its watcher after a
    /// change to book.toml, while the save that changed it may still be closing
    /// the file; the new watcher would report that close as a second change.)
    public var reported: [String: String] {
        lock.lock(); defer { lock.unlock() }
        return reportedIdentities
    }

    /// Ends the stream of changes (within about 100 ms).
    public func stop() {
        lock.lock(); stopped = true; lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped
    }

    /// Whether a changed file is worth a rebuild.
    static func isRelevant(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return !(name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913")
    }

    /// Whether `path` is one of the watched paths or inside a watched folder.
    func isWatched(_ path: String) -> Bool {
        paths.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    // MARK: Polling

    /// Every file under the watched paths with its size and modification time.
    func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else {
                result[path] = Toolchain.stamp(path)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            for case let relative as String in walker {
                let file = path + "/" + relative
                guard Self.isRelevant(file) else { continue }
                var folder: ObjCBool = false
                if fm.fileExists(atPath: file, isDirectory: &folder), !folder.boolValue {
                    result[file] = Toolchain.stamp(file)
                }
            }
        }
        return result
    }

    private func poll(_ continuation: AsyncStream<[String]>.Continuation, from first: [String: String]) {
        var last = first
        while !isStopped {
            Self.sleep(interval)
            if isStopped { break }
            let next = snapshot()
            let changed = Set(last.keys).union(next.keys).filter { last[$0] != next[$0] }
            last = next
            if !changed.isEmpty { continuation.yield(changed.sorted()) }
        }
    }

    static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        _ = nanosleep(&request, nil)
    }

    // MARK: inotify

    #if canImport(Glibc)
    private static let mask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM)
        | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

    private func setUpInotify() {
        let fd = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard fd >= 0 else { return }
        inotifyFD = fd
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                guard addTree(path) else { return fallBack() }
            } else {
                // A single file (which may not exist yet): watch its folder and keep only its events.
                let parent = (path as NSString).deletingLastPathComponent
                if FileManager.default.fileExists(atPath: parent), !addWatch(parent) { return fallBack() }
            }
        }
        mechanism = .inotify
    }

    private func fallBack() {
        close(inotifyFD)
        inotifyFD = -1
        folders = [:]
        mechanism = .polling
    }

    /// Watches `folder` and every folder under it; false if the kernel refuses (the watch limit).
    private func addTree(_ folder: String) -> Bool {
        guard addWatch(folder) else { return false }
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: folder) else { return true }
        for case let relative as String in walker {
            let path = folder + "/" + relative
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
               !(relative as NSString).lastPathComponent.hasPrefix(".") {
                guard addWatch(path) else { return false }
            }
        }
        return true
    }

    private func addWatch(_ folder: String) -> Bool {
        if folders.values.contains(folder) { return true }
        let wd = inotify_add_watch(inotifyFD, folder, Self.mask)
        guard wd >= 0 else { return false }
        lock.lock(); folders[wd] = folder; lock.unlock()
        return true
    }

    private func readInotify(_ continuation: AsyncStream<[String]>.Continuation) {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        var pending = Set<String>()
        var reported = self.reported
        var quietSince = ContinuousClock.now
        while !isStopped {
            var descriptor = pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0)
            // Wake at least every 100 ms to notice stop(); sooner when a batch is settling.
            let wait = pending.isEmpty ? 100 : max(1, Int32((settle - (ContinuousClock.now - quietSince)).milliseconds))
            let ready = Glibc.poll(&descriptor, 1, wait)
            if ready > 0 {
                let count = read(inotifyFD, buffer, size)
                if count > 0 {
                    pending.formUnion(decode(buffer, count: count))
                    quietSince = .now
                }
            }
            if !pending.isEmpty, ContinuousClock.now - quietSince >= settle {
                let changed = Self.unreported(pending, since: &reported)
                lock.lock(); reportedIdentities = reported; lock.unlock()
                if !changed.isEmpty { continuation.yield(changed) }
                pending = []
            }
        }
    }

    /// The paths of `pending` that differ from when they were last reported,
    /// sorted; `reported` is brought up to date.
    ///
    /// A file can be named by two batches for one save: Foundation's atomic
    /// write renames its temporary file over the chapter and only then closes
    /// it, so the close arrives after the rename, and on a busy machine after
    /// the batch has settled. The second batch finds the file as the first
    /// left it, and is dropped: one save is one rebuild.
    static func unreported(_ pending: Set<String>, since reported: inout [String: String]) -> [String] {
        pending.sorted().filter { path in
            let stamp = identity(path)
            defer { reported[path] = stamp }
            return reported[path] != stamp
        }
    }

    /// A file's size and modification time, and for a file of up to 4 MiB a
    /// checksum of its bytes too: two saves of the same size within one tick
    /// of a coarse file-system clock still differ.
    static func identity(_ path: String) -> String {
        let stamp = Toolchain.stamp(path)
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= 4 << 20,
              let bytes = FileManager.default.contents(atPath: path) else { return stamp }
        return stamp + ":" + Checksum.of(bytes: bytes)
    }

    /// The relevant paths named by a buffer of inotify events; new folders are watched on the way.
    private func decode(_ buffer: UnsafeMutableRawPointer, count: Int) -> Set<String> {
        var changed = Set<String>()
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
            let nameLength = Int(event.len)
            var name = ""
            if nameLength > 0 {
                let start = buffer.advanced(by: offset + header).assumingMemoryBound(to: CChar.self)
                name = String(cString: start)
            }
            offset += header + nameLength
            lock.lock(); let folder = folders[event.wd]; lock.unlock()
            guard let folder else { continue }
            let path = name.isEmpty ? folder : folder + "/" + name
            if event.mask & UInt32(IN_ISDIR) != 0 {
                if event.mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0, isWatched(path) {
                    _ = addTree(path)
                    changed.insert(path)
                }
                continue
            }
            if event.mask & UInt32(IN_IGNORED) != 0 {
                lock.lock(); folders[event.wd] = nil; lock.unlock()
                continue
            }
            if isWatched(path), Self.isRelevant(path) { changed.insert(path) }
        }
        return changed
    }
    #else
    private func readInotify(_ continuation: AsyncStream<[String]>.Continuation) { poll(continuation, from: snapshot()) }
    #endif
}

extension Duration {
    /// The whole milliseconds in the duration.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
