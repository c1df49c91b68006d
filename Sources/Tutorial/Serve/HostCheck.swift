import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// Which `Host` header names the preview server answers, against DNS
/// rebinding: a web page on another site whose name is made to resolve to
/// 127.0.0.1 reaches the server with its own name in `Host`, and is refused.
///
/// Bound to loopback (the default), the server answers `localhost`,
/// `127.0.0.1` and `[::1]`, each with or without a port. Bound to another
/// address with `--host`, it answers that address too; bound to every
/// interface (`0.0.0.0`, `::`), it answers any name, as the author chose to
/// share the preview.
struct HostCheck: Sendable {
    /// The names accepted, lower-cased, without port; nil accepts every name.
    let names: Set<String>?

    /// The check for a server listening on `listen` (an IP address, or `localhost`).
    public init(listen: String) {
        if listen == "0.0.0.0" || listen == "::" {
            names = nil
            return
        }
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        names.insert(listen.contains(":") ? "[\(listen.lowercased())]" : listen.lowercased())
        self.names = names
    }

    /// Whether a request with this `Host` header may be answered. A request
    /// without one (HTTP/1.0) names no other site, so it is answered.
    func accepts(_ host: String?) -> Bool {
        guard let names else { return true }
        guard let host = host?.trimmingCharacters(in: .whitespaces).lowercased(), !host.isEmpty else { return true }
        return names.contains(Self.name(of: host))
    }

    /// `name:port` without its port: `localhost:3000` → `localhost`,
    /// `[::1]:3000` → `[::1]`; a port that is not digits keeps the whole text,
    /// which then matches no name.
    static func name(of host: String) -> String {
        let portStart: String.Index?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return host }
            portStart = host.index(after: close) < host.endIndex ? host.index(after: close) : nil
        } else {
            portStart = host.lastIndex(of: ":")
        }
        guard let colon = portStart else { return host }
        guard host[colon] == ":" else { return host }
        let port = host[host.index(after: colon)...]
        guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) else { return host }
        return String(host[..<colon])
    }
}
