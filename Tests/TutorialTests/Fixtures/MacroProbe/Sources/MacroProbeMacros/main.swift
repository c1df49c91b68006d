// A macro executable without swift-syntax. The compiler starts it and sends
// messages on its standard input, each an 8-byte little-endian length and
// JSON (swift-syntax's `HostToPluginMessage`); it answers the same way
// (`PluginToHostMessage`): `getCapability` with `getCapabilityResult`, and
// `expandFreestandingMacro` with `expandMacroResult`, whose source is a string
// literal saying what the macro could do: write OUTSIDE, find the secret in
// its environment or any process's it can see, connect to the server on the
// host's loopback at PORT. PackageConfinementTests fills in OUTSIDE and PORT.
import Foundation

let outside = "@OUTSIDE@"
let port: UInt16 = @PORT@

func probe() -> String {
    var words = ["macro-ran"]
    let escaped = fopen(outside, "w")
    if let escaped { fputs("escaped\n", escaped); fclose(escaped) }
    words.append("write=\(escaped != nil)")
    words.append("secret=" + (secret() ?? "none"))
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
    close(fd)
    words.append("tcp=\(connected)")
    words.append("home=" + (getenv("HOME").map { String(cString: $0) } ?? "none"))
    return words.joined(separator: " ")
}

/// The secret from this process's environment, or from that of any process
/// it can read (the compiler that started it clears a plugin's environment,
/// but its own is in `/proc/PID/environ`).
func secret() -> String? {
    if let value = getenv("RENDER_PROBE_SECRET") { return String(cString: value) }
    let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    for pid in processes where Int(pid) != nil {
        guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { continue }
        for entry in environment.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            if text.hasPrefix("RENDER_PROBE_SECRET=") { return String(text.dropFirst("RENDER_PROBE_SECRET=".count)) }
        }
    }
    return nil
}

func read(count: Int) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
        let got = bytes.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress! + done, count - done) }
        guard got > 0 else { return nil }
        done += got
    }
    return bytes
}

func send(_ message: [String: Any]) {
    let json = try! JSONSerialization.data(withJSONObject: message)
    let bytes = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json
    var done = 0
    while done < bytes.count {
        let wrote = bytes.withUnsafeBytes { write(1, $0.baseAddress! + done, $0.count - done) }
        guard wrote > 0 else { exit(1) }
        done += wrote
    }
}

while let header = read(count: 8) {
    let length = header.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    guard let body = read(count: length),
          let message = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { exit(1) }
    if message["getCapability"] != nil {
        send(["getCapabilityResult": ["capability": ["protocolVersion": 1]]])
    } else if message["expandFreestandingMacro"] != nil {
        let literal = "\"" + probe().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        send(["expandMacroResult": ["expandedSource": literal, "diagnostics": [Any]()]])
    } else {
        exit(1)
    }
}
