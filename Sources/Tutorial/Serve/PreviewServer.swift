import FlyingFox
import FlyingSocks
import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// The HTTP side of `render serve`: the built site, live-reload events and
/// the error overlay, on loopback unless told otherwise.
///
/// Files are served only from inside the site folder (see
/// ``SitePathResolver``); HTML pages get the ``LiveReload`` snippet on the
/// way out, so nothing of it is ever written to the published files. Every
/// response says `Cache-Control: no-store`: a preview must never show a
/// stale page. A request whose `Host` names another site (DNS rebinding) gets
/// 421 (``HostCheck``). `render pdf` uses the same server without the
/// snippet, so Chromium prints over loopback HTTP and never from `file://`.
public final class PreviewServer: Sendable {
    /// Maps request paths to the site's files.
    let resolver: SitePathResolver
    /// Tells open pages to reload, and what the last build found.
    public let hub: ReloadHub
    /// The address the server listens on.
    public let host: String
    private let server: HTTPServer
    private let tasks = TaskBox()

    /// - Parameters:
    ///   - site: The site folder (the build's output folder).
    ///   - host: An IPv4 or IPv6 address to listen on; `localhost` means 127.0.0.1.
    ///   - port: The port; 0 picks a free one (see ``start()``).
    ///   - liveReload: Whether pages get the ``LiveReload`` snippet (render pdf: no).
    /// - Throws: `SetupError` for an address that is not an IP address.
    public init(site: String, host: String = "127.0.0.1", port: UInt16, hub: ReloadHub, liveReload: Bool = true) throws {
        resolver = SitePathResolver(root: site)
        self.hub = hub
        let listen = host == "localhost" ? "127.0.0.1" : host
        self.host = listen
        let address: any SocketAddress
        do {
            if listen.contains(":") {
                address = try sockaddr_in6.inet6(ip6: listen, port: port)
            } else {
                address = try sockaddr_in.inet(ip4: listen, port: port)
            }
        } catch {
            throw SetupError("--host \(host) is not an IP address", fix: "use 127.0.0.1 (the default), ::1, or 0.0.0.0 to listen on every interface")
        }
        let resolver = resolver
        let hosts = HostCheck(listen: listen)
        server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: 30, logger: DisabledLogger.disabled),
            handler: ClosureHTTPHandler { request in
                guard hosts.accepts(request.headers[.host]) else {
                    return Self.text(.misdirectedRequest, "421 Misdirected Request: this preview answers only its own address (localhost, 127.0.0.1, [::1]); start it with --host to share it\n")
                }
                return await Self.respond(to: request, resolver: resolver, hub: hub, liveReload: liveReload)
            })
    }

    /// Starts listening and returns the port (useful with port 0).
    /// - Throws: `SetupError` when the port cannot be bound.
    @discardableResult
    public func start() async throws -> UInt16 {
        let hub = hub, server = server
        let run = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            run.cancel()
            if case .failure(let failure) = await run.result {
                throw SetupError("cannot listen on \(host): \(failure)", fix: "choose another port with --port")
            }
            throw SetupError("cannot listen on \(host): \(error)", fix: "choose another port with --port")
        }
        let ping = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                hub.ping()
            }
        }
        tasks.set([{ run.cancel() }, { ping.cancel() }])
        switch await server.listeningAddress {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return 0
        }
    }

    /// The URL of the site's front page.
    public func url(port: UInt16) -> String {
        let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return shown.contains(":") ? "http://[\(shown)]:\(port)/" : "http://\(shown):\(port)/"
    }

    /// Closes the event streams and stops listening.
    public func stop() async {
        hub.close()
        for cancel in tasks.take() { cancel() }
        await server.stop(timeout: 1)
    }

    /// Answers one request.
    static func respond(to request: HTTPRequest, resolver: SitePathResolver, hub: ReloadHub, liveReload: Bool = true) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return text(.methodNotAllowed, "405 Method Not Allowed: the preview serves GET and HEAD only\n")
        }
        let target = request.target.path(percentEncoded: true)
        switch target {
        case LiveReload.eventsPath:
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", HTTPHeader("X-Accel-Buffering"): "no"],
                body: HTTPBodySequence(from: EventStreamBody(chunks: hub.subscribe())))
        case LiveReload.scriptPath:
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                body: Data(LiveReload.script.utf8))
        case LiveReload.stylesheetPath:
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "no-store"],
                body: Data(LiveReload.css.utf8))
        default:
            break
        }
        switch resolver.resolve(target) {
        case .forbidden:
            return text(.forbidden, "403 Forbidden: the preview serves only files inside the site\n")
        case .notFound:
            let status = hub.status
            if servesPlaceholder(target, resolver: resolver) {
                return html(.ok, LiveReload.placeholderPage(status: status))
            }
            return html(.notFound, LiveReload.inject(into: notFoundPage(target), status: status))
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                return text(.notFound, "404 Not Found\n")
            }
            let type = SitePathResolver.contentType(path)
            if type.hasPrefix("text/html") && liveReload {
                return html(.ok, LiveReload.inject(into: String(decoding: data, as: UTF8.self), status: hub.status))
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
        }
    }

    /// Whether a missing `target` gets the "Building the book…" page, which
    /// reloads itself when a build passes: `/` always, and until the site has a
    /// front page (the first build is running, or failed) every page, not "Not found".
    static func servesPlaceholder(_ target: String, resolver: SitePathResolver) -> Bool {
        isPage(target) && (target == "/" || resolver.resolve("/index.html") == .notFound)
    }

    /// Whether `target` names a page (`/`, `/ch.html`, `/folder/`) rather than an asset (`/assets/site.css`).
    static func isPage(_ target: String) -> Bool {
        let last = target.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return last.isEmpty || last.hasSuffix(".html") || !last.contains(".")
    }

    static func text(_ code: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: code, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"], body: Data(message.utf8))
    }

    static func html(_ code: HTTPStatusCode, _ page: String) -> HTTPResponse {
        HTTPResponse(statusCode: code, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: Data(page.utf8))
    }

    static func notFoundPage(_ target: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Not found</title><link rel="stylesheet" href="/assets/site.css"></head>
        <body><main id="main" style="padding: 2rem"><h1>Not found</h1><p>The site has no page \(HTML.escape(target)). <a href="/">Contents</a></p></main></body>
        </html>

        """
    }
}

/// How to cancel the server's background tasks, kept for ``PreviewServer/stop()``.
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelers: [@Sendable () -> Void] = []

    func set(_ new: [@Sendable () -> Void]) {
        lock.lock(); defer { lock.unlock() }
        cancelers = new
    }

    func take() -> [@Sendable () -> Void] {
        lock.lock(); defer { lock.unlock() }
        defer { cancelers = [] }
        return cancelers
    }
}
