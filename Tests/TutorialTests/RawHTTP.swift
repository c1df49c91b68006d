import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain socket, for the preview server's
/// tests: it sends the request target exactly as given (`/../x`,
/// `/%2e%2e/x`), which URLSession and curl would normalise first.
enum RawHTTP {
    struct Response {
        var status: Int
        var headers: String
        var body: String
    }

    /// Opens a connection to 127.0.0.1:`port`; returns the socket.
    static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Sends a GET for `target` with this `Host` header (none when nil).
    static func send(_ fd: Int32, target: String, host: String? = "127.0.0.1") {
        let request = "GET \(target) HTTP/1.1\r\n" + (host.map { "Host: \($0)\r\n" } ?? "") + "Connection: close\r\n\r\n"
        _ = request.withCString { write(fd, $0, strlen($0)) }
    }

    /// Sends one GET and reads the whole response (the server closes the connection).
    static func get(port: UInt16, _ target: String, host: String? = "127.0.0.1") throws -> Response {
        let fd = try connect(port: port)
        defer { close(fd) }
        send(fd, target: target, host: host)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return Response(status: 0, headers: text, body: "") }
        let head = String(text[..<split.lowerBound])
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        var body = String(text[split.upperBound...])
        if head.lowercased().contains("transfer-encoding: chunked") { body = dechunk(body) }
        return Response(status: status, headers: head, body: body)
    }

    static func dechunk(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let line = rest.range(of: "\r\n"), let size = Int(rest[..<line.lowerBound], radix: 16), size > 0 {
            let start = line.upperBound
            let bytes = Array(rest[start...].utf8)
            let chunk = String(decoding: bytes.prefix(size), as: UTF8.self)
            out += chunk
            rest = rest[start...].dropFirst(chunk.count)
            if rest.hasPrefix("\r\n") { rest = rest.dropFirst(2) }
        }
        return out
    }
}

/// An open event stream: everything the server sends is appended to `text`, read on a thread of its own.
final class EventStreamClient: @unchecked Sendable {
    private let lock = NSLock()
    private var received = ""
    private let fd: Int32

    init(port: UInt16) throws {
        fd = try RawHTTP.connect(port: port)
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        RawHTTP.send(fd, target: "/__render/events")
        let fd = fd
        Thread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while let self {
                let n = read(fd, &buffer, buffer.count)
                if n == 0 { break }
                if n < 0 { if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue } else { break } }
                self.lock.lock()
                self.received += String(decoding: buffer[0..<n], as: UTF8.self)
                self.lock.unlock()
            }
        }.start()
    }

    deinit { close(fd) }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return received
    }

    /// How many times `event: NAME` has arrived.
    func count(_ name: String) -> Int {
        text.components(separatedBy: "event: \(name)\n").count - 1
    }
}
