import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialProgram

/// Hostile packages: a book's package whose manifest, build-tool plugin and
/// macro each try to write a file outside the build folder, read a secret
/// from render's environment and open a TCP connection to a server on the
/// host's loopback. Each probe writes what it managed into a report the test reads
/// (inside the build folder, the one place it may write; the macro's report is
/// its expansion, which the chapter shows); the test also checks the host
/// side: the outside file, and the server's queue.
@Suite(.serialized, .timeLimit(.minutes(10))) struct PackageConfinementTests {
    static let secret = "render-probe-secret-\(UUID().uuidString)"

    /// The probes, in Swift that needs only Glibc (a manifest may not link
    /// Foundation): each result is a line of `report`. The secret is looked
    /// for in the probe's environment and in that of every process it can
    /// see (`/proc/PID/environ`): bubblewrap, the sandbox's PID 1, once kept
    /// render's.
    static func probes(outside: String, port: UInt16) -> String {
        """
        #if canImport(Glibc)
        import Glibc
        #endif
        func probe(report: String) {
            var lines: [String] = []
            let escaped = fopen("\(outside)", "w")
            if let escaped { fputs("escaped\\n", escaped); fclose(escaped) }
            lines.append("write=\\(escaped != nil)")
            lines.append("secret=" + (secret() ?? "none"))
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(\(port)).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            lines.append("tcp=\\(connected)")
            if let file = fopen(report, "w") { fputs(lines.joined(separator: "\\n") + "\\n", file); fclose(file) }
        }
        func secret() -> String? {
            if let value = getenv("RENDER_PROBE_SECRET") { return String(cString: value) }
            guard let folder = opendir("/proc") else { return nil }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard Int(name) != nil, let file = fopen("/proc/\\(name)/environ", "r") else { continue }
                var bytes: [UInt8] = []
                var byte = fgetc(file)
                while byte != EOF { bytes.append(UInt8(byte)); byte = fgetc(file) }
                fclose(file)
                for variable in bytes.split(separator: 0) {
                    let text = String(decoding: variable, as: UTF8.self)
                    if text.hasPrefix("RENDER_PROBE_SECRET=") { return String(text.dropFirst(20)) }
                }
            }
            return nil
        }
        """
    }

    /// A package `Probe` whose manifest and plugin run the probes.
    func hostilePackage(in book: String, outside: String, port: UInt16) throws {
        let package = book + "/Probe"
        for folder in ["Sources/Probe", "Plugins/ProbePlugin"] {
            try FileManager.default.createDirectory(atPath: package + "/" + folder, withIntermediateDirectories: true)
        }
        let manifest = """
            // swift-tools-version: 6.0
            import PackageDescription
            \(Self.probes(outside: outside + ".manifest", port: port))
            probe(report: String(cString: getenv("HOME") ?? strdup("/tmp")) + "/manifest-probe.txt")
            let package = Package(
                name: "Probe",
                products: [.library(name: "Probe", targets: ["Probe"])],
                targets: [
                    .target(name: "Probe", plugins: ["ProbePlugin"]),
                    .plugin(name: "ProbePlugin", capability: .buildTool()),
                ]
            )

            """
        try manifest.write(toFile: package + "/Package.swift", atomically: true, encoding: .utf8)
        try "public func probed() -> Int { 7 }\n".write(toFile: package + "/Sources/Probe/Probe.swift", atomically: true, encoding: .utf8)
        let plugin = """
            import PackagePlugin
            \(Self.probes(outside: outside + ".plugin", port: port))
            @main struct ProbePlugin: BuildToolPlugin {
                func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
                    probe(report: context.pluginWorkDirectoryURL.path + "/plugin-probe.txt")
                    return []
                }
            }

            """
        try plugin.write(toFile: package + "/Plugins/ProbePlugin/ProbePlugin.swift", atomically: true, encoding: .utf8)
    }

    /// A listening TCP socket on the host's 127.0.0.1 and its port.
    func server() throws -> (socket: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// Connections the server received (each waits in its queue until accepted).
    func connections(_ server: Int32) -> Int {
        var count = 0
        while true {
            let client = accept(server, nil, nil)
            guard client >= 0 else { return count }
            close(client)
            count += 1
        }
    }

    /// The first file named `name` under `folder`, read.
    func report(_ name: String, under folder: String) -> String? {
        let found = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).first { $0.hasSuffix("/" + name) }
        return found.flatMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    @Test func aManifestAndAPluginAreConfined() async throws {
        let book = try RenderProcess.book(chapter: "01-a.md", "# A\n\n```swift\nlet seven = probed()\n```\n\nSeven is \\(seven).\n")
        let outside = try RenderProcess.temporaryDirectory("outside") + "/escaped"
        let (listener, port) = try server()
        defer { close(listener) }
        try hostilePackage(in: book, outside: outside, port: port)
        try "[swift]\npackages = [{ path = \"Probe\", products = [\"Probe\"] }]\n".write(toFile: book + "/book.toml", atomically: true, encoding: .utf8)
        let cache = try RenderProcess.temporaryDirectory("package-cache")

        let result = try await RenderProcess.run([], in: book, environment: ["RENDER_PACKAGE_CACHE": cache, "RENDER_PROBE_SECRET": Self.secret])
        #expect(result.status == 0, "a package whose probes fail still builds: \(result.standardError)")
        #expect(try String(contentsOfFile: book + "/output/01-a.html", encoding: .utf8).contains(#"title="seven">7</span>"#), "the package works in the chapter")

        for probe in ["manifest", "plugin"] {
            let text = report("\(probe)-probe.txt", under: cache)
            #expect(text != nil, "the \(probe) ran and wrote its report in the build folder")
            #expect(text?.contains("write=false") == true, "the \(probe) could not write outside the build folder: \(text ?? "")")
            #expect(text?.contains("secret=none") == true, "the \(probe) could not read render's environment: \(text ?? "")")
            #expect(text?.contains("tcp=false") == true, "the \(probe) could not reach the host's loopback: \(text ?? "")")
            #expect(!FileManager.default.fileExists(atPath: outside + "." + probe), "nothing was written outside by the \(probe)")
        }
        #expect(connections(listener) == 0, "no connection reached the server")
    }

    /// The package `Fixtures/MacroProbe`, copied into the book, its macro's
    /// probes aimed at `outside` and the server's `port`.
    func macroPackage(in book: String, outside: String, port: UInt16) throws {
        let package = book + "/MacroProbe"
        try FileManager.default.copyItem(atPath: RenderProcess.fixtures + "/MacroProbe", toPath: package)
        let main = package + "/Sources/MacroProbeMacros/main.swift"
        let source = try String(contentsOfFile: main, encoding: .utf8)
            .replacingOccurrences(of: "@OUTSIDE@", with: outside).replacingOccurrences(of: "@PORT@", with: String(port))
        try source.write(toFile: main, atomically: true, encoding: .utf8)
    }

    /// The text of the value `name` in a page (`title="NAME">TEXT</span>`).
    func value(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: "title=\"\(name)\">") else { return nil }
        return page[start.upperBound...].range(of: "</span>").map { String(page[start.upperBound..<$0.lowerBound]) }
    }

    /// A macro runs twice: when SwiftPM builds its package (`builtProbe`, a
    /// constant of the package's library) and when a chapter that uses it
    /// compiles (`#probe()` in the chapter). Each expansion is a string
    /// saying what the macro could do then, which the chapter shows.
    @Test func aMacroIsConfined() async throws {
        let chapter = "# M\n\n```swift\nlet built = builtProbe\nlet compiled = #probe()\n```\n\nBuilt: \\(built). Compiled: \\(compiled).\n"
        let book = try RenderProcess.book(chapter: "01-m.md", chapter)
        let outside = try RenderProcess.temporaryDirectory("outside") + "/escaped.macro"
        let (listener, port) = try server()
        defer { close(listener) }
        try macroPackage(in: book, outside: outside, port: port)
        try "[swift]\npackages = [{ path = \"MacroProbe\", products = [\"MacroProbe\"] }]\n".write(toFile: book + "/book.toml", atomically: true, encoding: .utf8)
        let cache = try RenderProcess.temporaryDirectory("package-cache")

        let result = try await RenderProcess.run([], in: book, environment: ["RENDER_PACKAGE_CACHE": cache, "RENDER_PROBE_SECRET": Self.secret])
        #expect(result.status == 0, "a package whose macro probes fail still builds, and a chapter using the macro compiles: \(result.standardError)")
        let page = (try? String(contentsOfFile: book + "/output/01-m.html", encoding: .utf8)) ?? ""
        for (name, when) in [("built", "while its package built"), ("compiled", "while the chapter compiled")] {
            let report = value(name, in: page)
            #expect(report?.hasPrefix("macro-ran ") == true, "the macro ran \(when) and its expansion reached the page: \(report ?? "nothing")")
            #expect(report?.contains("write=false") == true, "the macro could not write outside its build folder \(when): \(report ?? "")")
            #expect(report?.contains("secret=none") == true, "the macro could not read render's environment \(when): \(report ?? "")")
            #expect(report?.contains("tcp=false") == true, "the macro could not reach the host's loopback \(when): \(report ?? "")")
            #expect(report?.hasSuffix("home=\(NSHomeDirectory())") != true, "the macro did not get render's HOME \(when): \(report ?? "")")
        }
        #expect(!FileManager.default.fileExists(atPath: outside), "nothing was written outside by the macro")
        #expect(connections(listener) == 0, "no connection reached the server")
    }

    @Test func aPackageWithRemoteDependenciesNeedsFetchToBeAllowed() async throws {
        let book = try RenderProcess.book(chapter: "01-a.md", "# A\n\n```swift\nlet one = 1\n```\n")
        let package = book + "/Remote"
        try FileManager.default.createDirectory(atPath: package + "/Sources/Remote", withIntermediateDirectories: true)
        try """
            // swift-tools-version: 6.0
            import PackageDescription
            let package = Package(
                name: "Remote",
                products: [.library(name: "Remote", targets: ["Remote"])],
                dependencies: [.package(url: "https://github.com/apple/swift-numerics", from: "1.0.0")],
                targets: [.target(name: "Remote", dependencies: [.product(name: "RealModule", package: "swift-numerics")])]
            )

            """.write(toFile: package + "/Package.swift", atomically: true, encoding: .utf8)
        try "public let remote = 1\n".write(toFile: package + "/Sources/Remote/Remote.swift", atomically: true, encoding: .utf8)
        try "[book]\ntitle = \"R\"\n\n[swift]\npackages = [{ path = \"Remote\", products = [\"Remote\"] }]\n"
            .write(toFile: book + "/book.toml", atomically: true, encoding: .utf8)
        let cache = try RenderProcess.temporaryDirectory("package-cache")

        let refused = try await RenderProcess.run(["check"], in: book, environment: ["RENDER_PACKAGE_CACHE": cache])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("book.toml:5:"), "\(refused.standardError)")
        #expect(refused.standardError.contains("https://github.com/apple/swift-numerics"), "\(refused.standardError)")
        #expect(refused.standardError.contains("add `fetch = true` under [swift] in book.toml, or pass --allow-fetch"), "\(refused.standardError)")
        let checkouts = (try? FileManager.default.contentsOfDirectory(atPath: cache)).map { $0.map { cache + "/\($0)/.build/checkouts" } } ?? []
        #expect(checkouts.allSatisfy { ((try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? []).isEmpty }, "nothing was fetched")
    }
}
