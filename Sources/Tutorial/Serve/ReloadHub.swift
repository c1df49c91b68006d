import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// Fans build events out to every open page, as Server-Sent Events.
///
/// Each page's script holds one `EventSource` on `/__render/events`. On
/// connecting it is sent `status` (the current build number and problems);
/// then `building` when a rebuild starts, `reload` after a good build and
/// `failed` (with the problems) after a failed one. A comment every 15 s
/// keeps idle connections open through proxies.
public final class ReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var current = PreviewStatus()

    /// Creates a hub with no pages open.
    public init() {}

    /// The latest status.
    public var status: PreviewStatus {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    /// How many pages are listening.
    var clientCount: Int {
        lock.lock(); defer { lock.unlock() }
        return clients.count
    }

    /// A new listener: the stream of its event bytes, starting with the current status.
    func subscribe() -> AsyncStream<Data> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .unbounded)
        lock.lock()
        clients[id] = continuation
        let status = current
        lock.unlock()
        continuation.yield(Self.event("status", status.json))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    private func remove(_ id: UUID) {
        lock.lock()
        clients[id] = nil
        lock.unlock()
    }

    /// A rebuild has started.
    public func building() {
        send(Self.event("building", status.json))
    }

    /// A build finished: pages reload after a good one and show the overlay after a failed one.
    public func finished(problems: [PreviewStatus.Problem], failure: String? = nil) {
        lock.lock()
        current = PreviewStatus(build: current.build + 1, problems: problems, failure: failure)
        let status = current
        lock.unlock()
        send(Self.event(status.failed ? "failed" : "reload", status.json))
    }

    /// A keep-alive comment for every listener.
    func ping() {
        send(Data(": ping\n\n".utf8))
    }

    /// Ends every stream (the server is stopping).
    func close() {
        lock.lock()
        let all = Array(clients.values)
        clients = [:]
        lock.unlock()
        for continuation in all { continuation.finish() }
    }

    private func send(_ data: Data) {
        lock.lock()
        let all = Array(clients.values)
        lock.unlock()
        for continuation in all { continuation.yield(data) }
    }

    /// One event in the `text/event-stream` format.
    static func event(_ name: String, _ data: String) -> Data {
        Data("event: \(name)\ndata: \(data)\n\n".utf8)
    }
}
