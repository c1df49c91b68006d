import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Hostile chapters: each one tries something a chapter must not do, and is
/// either stopped with the right message or contained (the attempt fails
/// inside the sandbox and the chapter's own value shows it). After every
/// build, no process that render started is left: checked by the process
/// ids the test recorded while render ran.
@Suite(.serialized, .timeLimit(.minutes(10))) struct SandboxTests {
    /// A book with one chapter; returns its folder.
    func book(_ chapter: String, name: String = "01-hostile") throws -> String {
        let directory = try RenderProcess.temporaryDirectory("sandbox")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try chapter.write(toFile: directory + "/chapters/\(name).md", atomically: true, encoding: .utf8)
        return directory
    }

    /// Renders with process watching; checks that nothing render started survives it.
    func render(_ directory: String, _ arguments: [String] = [], environment: [String: String] = [:]) async throws -> (status: Int32, output: String, errors: String, pid: Int32) {
        let watch = try ProcessWatch(arguments, in: directory, environment: environment)
        let status = await watch.finish(deadline: 300)
        let survivors = await watch.survivors(within: 5)
        if !survivors.isEmpty { watch.killSurvivors() }
        #expect(status != nil, "render did not finish")
        #expect(survivors.isEmpty, "processes render started are still alive: \(survivors)")
        return (status ?? -1, watch.output, watch.errors, watch.pid)
    }

    func page(_ directory: String, _ name: String = "01-hostile") throws -> String {
        try String(contentsOfFile: directory + "/output/\(name).html", encoding: .utf8)
    }

    @Test func aChapterCannotWriteOutsideItsScratchFolder() async throws {
        let outside = try RenderProcess.temporaryDirectory("outside")
        let directory = try book("""
            ```swift hide
            import Glibc
            func tryWrite(_ path: String) -> Int32 {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if fd >= 0 { close(fd) }
                return fd < 0 ? -1 : 1
            }
            let outside = tryWrite("\(outside)/escaped.txt")
            let root = tryWrite("/escaped.txt")
            let program = tryWrite(CommandLine.arguments[0] + ".evil")
            let scratch = tryWrite("scratch.txt")
            ```

            Outside \\(outside), root \\(root), own folder \\(program), scratch \\(scratch).
            """)
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.errors)")
        let text = try page(directory)
        // Writing to the host's folder fails, or (as a non-root user, for whom the
        // sandbox's own copy of that path is writable) lands in the scratch tmpfs: never on the host.
        #expect(text.contains("Outside <span class=\"value\" title=\"outside\">"))
        #expect(text.contains(", root <span class=\"value\" title=\"root\">−1</span>, own folder <span class=\"value\" title=\"program\">−1</span>, scratch <span class=\"value\" title=\"scratch\">1</span>"),
                "\(text)")
        #expect(!FileManager.default.fileExists(atPath: outside + "/escaped.txt"))
        #expect(!FileManager.default.fileExists(atPath: "/escaped.txt"))
    }

    /// `/dev` was a writable tmpfs without a size limit (2 GiB stored there),
    /// and `fallocate` on the program's output file reserved 2 GiB of host
    /// disk while the output cap saw a file of size 0.
    @Test func aChapterCannotFillDevOrReserveDisk() async throws {
        let directory = try book("""
            ```swift hide
            import Glibc
            typealias Fallocate = @convention(c) (Int32, Int32, Int, Int) -> Int32
            let fallocate = unsafeBitCast(dlsym(nil, "fallocate"), to: Fallocate.self)
            let reserved = fallocate(1, 0, 0, 1 << 30) == 0 ? 0 : errno
            let channel = open(getenv("TUTORIAL_CHANNEL"), O_WRONLY)
            let reservedChannel = fallocate(channel, 0, 0, 1 << 30) == 0 ? 0 : errno
            let posix = posix_fallocate(1, 0, 1 << 30)
            func tryCreate(_ path: String) -> Int32 {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if fd >= 0 { close(fd) }
                return fd < 0 ? errno : 0
            }
            let dev = tryCreate("/dev/stash.bin")
            let shm = tryCreate("/dev/shm/stash.bin")
            let null = open("/dev/null", O_WRONLY)
            let wroteNull = write(null, "x", 1)
            ```

            fallocate \\(reserved), on the channel \\(reservedChannel), posix \\(posix), dev \\(dev), shm \\(shm), null \\(wroteNull).
            """)
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.errors)")
        let text = try page(directory).replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
        #expect(text.contains("fallocate \(EPERM), on the channel \(EPERM), posix \(EPERM), dev \(EROFS), shm \(EROFS), null 1."), "\(text)")
    }

    @Test func aChapterCannotReadSystemSecrets() async throws {
        let directory = try book("""
            ```swift hide
            import Glibc
            func readable(_ path: String) -> Bool {
                let fd = open(path, O_RDONLY)
                if fd >= 0 { close(fd) }
                return fd >= 0
            }
            let shadow = readable("/etc/shadow")
            let passwd = readable("/etc/passwd")
            let home = readable("/root") || readable("/home")
            ```

            shadow \\(shadow) passwd \\(passwd) home \\(home)
            """)
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.errors)")
        let text = try page(directory)
        for name in ["shadow", "passwd", "home"] {
            #expect(text.contains("<span class=\"value\" title=\"\(name)\">false</span>"), "\(name): \(text)")
        }
    }

    @Test func aChapterCannotReachALoopbackServer() async throws {
        // The test's own listener on 127.0.0.1.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        #expect(bound && listen(listener, 8) == 0)
        let port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        let secret = "s3cret-\(UUID().uuidString)"

        let directory = try book("""
            ```swift hide
            import Glibc
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(\(port)).bigEndian
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            if connected { _ = "\(secret)".withCString { send(fd, $0, strlen($0), 0) } }
            ```

            connected \\(connected)
            """)
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.errors)")
        #expect(try page(directory).contains("<span class=\"value\" title=\"connected\">false</span>"))
        #expect(accept(listener, nil, nil) < 0, "the chapter reached the test's listener")
    }

    @Test func aChapterSeesOnlyTheAllowedEnvironment() async throws {
        let secret = "s3cret-\(UUID().uuidString)"
        let directory = try book("""
            ```swift hide
            import Glibc
            let secret = getenv("RENDER_TEST_SECRET").map { String(cString: $0) } ?? "unset"
            var names: [String] = []
            if let file = fopen("/proc/self/environ", "r") {
                var current: [UInt8] = []
                while true {
                    let c = fgetc(file)
                    if c == EOF { break }
                    if c == 0 {
                        names.append(String(decoding: current.prefix { $0 != UInt8(ascii: "=") }, as: UTF8.self))
                        current = []
                    } else {
                        current.append(UInt8(c))
                    }
                }
                fclose(file)
            }
            let list = names.sorted().joined(separator: ",")
            let hashing = getenv("SWIFT_DETERMINISTIC_HASHING").map { String(cString: $0) } ?? "unset"
            ```

            secret \\(secret) names \\(list) hashing \\(hashing)
            """)
        let result = try await render(directory, environment: ["RENDER_TEST_SECRET": secret])
        #expect(result.status == 0, "\(result.errors)")
        let text = try page(directory)
        #expect(!text.contains(secret))
        #expect(text.contains("<span class=\"value\" title=\"secret\">unset</span>"))
        #expect(text.contains("HOME,LANG,PATH,PWD,SWIFT_BACKTRACE,SWIFT_DETERMINISTIC_HASHING,TMPDIR,TUTORIAL_CHANNEL,TUTORIAL_SEEDS,TUTORIAL_TIME_LIMIT,TZ"), "\(text)")
        #expect(text.contains("<span class=\"value\" title=\"hashing\">1</span>"))
    }

    static let spawnSleep = """
        import Glibc
        func spawnSleep(_ seconds: String) -> Int32 {
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/usr/bin/sleep"), strdup(seconds), nil]
            let envp: [UnsafeMutablePointer<CChar>?] = [nil]
            return posix_spawn(&pid, "/usr/bin/sleep", nil, nil, argv, envp)
        }
        """

    @Test func noChildOutlivesARun() async throws {
        let directory = try book("""
            ```swift hide
            \(Self.spawnSleep)
            let spawned = spawnSleep("300")
            ```

            spawned \\(spawned)
            """)
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.errors)")
        #expect(try page(directory).contains("<span class=\"value\" title=\"spawned\">0</span>"))
    }

    @Test func noChildOutlivesATimeOut() async throws {
        let directory = try book("""
            ```swift hide
            \(Self.spawnSleep)
            let spawned = spawnSleep("300")
            while true { usleep(1000) }
            ```
            """)
        let result = try await render(directory, ["--timeout", "3"])
        #expect(result.status == 1)
        #expect(result.errors.contains("did not finish within the time limit of 3 s"), "\(result.errors)")
    }

    @Test func killingRenderDuringACompileLeavesNoCompilerBehind() async throws {
        let directory = try book("```swift hide\nlet x = 1\n```\n\nValue \\(x).\n")
        let watch = try ProcessWatch(["--no-cache"], in: directory)
        defer { watch.killSurvivors() }
        // Any process of the compile counts: under load the watch may first see its link step (clang, swift-autolink-extract).
        let compiler: Set<String> = ["swiftc", "swift-frontend", "swift-driver", "clang", "swift-autolink-", "ld", "ld.gold"]
        let compiling = await watch.watch(until: { watch.recordedNames.contains { compiler.contains($0) } }, deadline: 120)
        #expect(compiling, "no compiler seen: \(watch.recordedNames) \(watch.errors)")
        kill(watch.pid, SIGKILL)
        watch.process.waitUntilExit()
        let survivors = await watch.survivors(within: 10)
        #expect(survivors.isEmpty, "left behind: \(survivors) of \(watch.recorded)")
    }

    @Test func aCompileHasATimeLimit() async throws {
        let directory = try book("```swift hide\nlet x = 1\n```\n\nValue \\(x).\n")
        let result = try await render(directory, ["--no-cache", "--compile-timeout", "0.05"])
        #expect(result.status == 1)
        #expect(result.errors.contains("did not compile within the time limit of 0.05 s (change it with --compile-timeout)"), "\(result.errors)")
    }

    /// A chapter that starts processes without end gets a few hundred at most
    /// (the limit is 512, threads included), as root too: there a pids cgroup
    /// holds the run, since the kernel exempts root from `RLIMIT_NPROC`.
    @Test(.enabled(if: geteuid() != 0 || ProcessLimitGroup.roots.contains(where: ProcessLimitGroup.usable),
                   "as root, a process limit needs a writable pids cgroup"))
    func aChapterHasAProcessLimit() async throws {
        let directory = try book("""
            ```swift hide
            \(Self.spawnSleep)
            var started = 0
            for _ in 0..<2000 where spawnSleep("300") == 0 { started += 1 }
            ```

            started \\(started)
            """)
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.errors)")
        let text = try page(directory)
        let value = try #require(text.range(of: #"title="started">(\d+)<"#, options: .regularExpression).map { String(text[$0]) })
        let started = try #require(Int(value.filter(\.isNumber)))
        #expect(started < 512, "\(started) processes started")
        #expect(started > 100, "\(started) processes started")
        let groups = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup/pids")) ?? []
        #expect(!groups.contains { $0.hasPrefix("render-\(result.pid)-") }, "the run's cgroup is removed")
    }

    @Test func aChapterHasAMemoryLimit() async throws {
        let directory = try book("""
            ```swift hide
            let big = UnsafeMutableRawPointer.allocate(byteCount: 8 << 30, alignment: 64)
            big.storeBytes(of: 1, as: UInt8.self)
            ```
            """)
        let result = try await render(directory)
        #expect(result.status == 1)
        #expect(result.errors.contains("ran out of memory: a chapter program may use 4096 MiB (change it with --memory)"), "\(result.errors)")
    }

    /// Six children of 400 MiB each fit under a limit per process of 512 MiB;
    /// as root, the run's memory cgroup holds them to 512 MiB together, and
    /// the kernel stops the ones that do not fit.
    @Test(.enabled(if: geteuid() == 0 && !MemoryLimitGroup.parents().isEmpty, "a memory cgroup needs root and the memory controller"))
    func aChapterHasAMemoryLimitForAllItsProcesses() async throws {
        let directory = try book("""
            ```swift hide
            import Glibc
            var children: [pid_t] = []
            for _ in 0..<6 {
                var pid: pid_t = 0
                let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/usr/bin/perl"), strdup("-e"), strdup("vec($x, 419430399, 8) = 1; sleep 3"), nil]
                let envp: [UnsafeMutablePointer<CChar>?] = [nil]
                if posix_spawn(&pid, "/usr/bin/perl", nil, nil, argv, envp) == 0 { children.append(pid) }
            }
            var held = 0
            for child in children {
                var status: Int32 = 0
                waitpid(child, &status, 0)
                if status == 0 { held += 1 }
            }
            ```

            spawned \\(children.count) held \\(held)
            """)
        let result = try await render(directory, ["--memory", "512M"])
        let text = try page(directory)
        #expect(result.status == 0, "\(result.errors)")
        #expect(text.contains("<span class=\"value\" title=\"children.count\">6</span>"), "\(text)")
        let value = try #require(text.range(of: #"title="held">(\d+)<"#, options: .regularExpression).map { String(text[$0]) })
        let held = try #require(Int(value.filter(\.isNumber)))
        #expect(held <= 1, "\(held) children held 400 MiB each under --memory 512M")
        let groups = MemoryLimitGroup.parents().flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0.path)) ?? [] }
        #expect(!groups.contains { $0.hasPrefix("render-\(result.pid)-") }, "the run's memory cgroup is removed")
    }

    /// Under `--compile-memory`, a compile that needs more stops with an error
    /// at its chapter: a literal of 20,000 numbers needs more than 300 MiB of
    /// the compiler, and compiles under the default.
    @Test func aCompileHasAMemoryLimit() async throws {
        let literal = (0..<20_000).map { "\($0).5" }.joined(separator: ", ")
        let directory = try book("```swift hide\nlet table: [Double] = [\(literal)]\n```\n\nCount \\(table.count).\n")
        let starved = try await render(directory, ["--no-cache", "--compile-memory", "300M"])
        #expect(starved.status == 1)
        #expect(starved.errors.contains("chapters/01-hostile.md:1:1: error: the compiler ran out of memory on this chapter's program (each compiler process may use 300 MiB)"), "\(starved.errors)")
        let normal = try await render(directory, ["--no-cache"])
        #expect(normal.status == 0, "under the default limit it compiles: \(normal.errors)")
        #expect(try page(directory).contains(#"title="table.count">20000<"#))
    }

    @Test func aChapterCannotRewriteTheCache() async throws {
        let directory = try RenderProcess.temporaryDirectory("poison")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try "```swift hide\nlet price = 1.25\n```\n\nPrice \\(price).\n".write(toFile: directory + "/chapters/01-a.md", atomically: true, encoding: .utf8)
        let first = try await render(directory)
        #expect(first.status == 0, "\(first.errors)")
        // A second chapter rewrites every run of the first it can reach.
        try """
            ```swift hide
            import Glibc
            var rewritten = 0
            if let programs = opendir("\(directory)/.render-cache/programs") {
                while let entry = readdir(programs) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    let fd = open("\(directory)/.render-cache/programs/" + name + "/compiled", O_WRONLY | O_TRUNC)
                    if fd >= 0 { rewritten += 1; close(fd) }
                }
            }
            ```

            Rewritten \\(rewritten).
            """.write(toFile: directory + "/chapters/02-b.md", atomically: true, encoding: .utf8)
        let second = try await render(directory)
        #expect(second.status == 0, "\(second.errors)")
        #expect(try page(directory, "02-b").contains("<span class=\"value\" title=\"rewritten\">0</span>"))
        #expect(try page(directory, "01-a").contains("<span class=\"value\" title=\"price\">1.25</span>"))
    }

    @Test func withoutBubblewrapRenderStopsAndSaysWhatToDo() async throws {
        let directory = try book("```swift hide\nlet x = 1\n```\n\nValue \\(x).\n")
        let swiftc = try #require(ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        let empty = try RenderProcess.temporaryDirectory("no-bwrap")
        let result = try await render(directory, ["--no-cache"], environment: ["PATH": empty, "SWIFTC": swiftc])
        #expect(result.status == 2)
        #expect(result.errors.contains("bubblewrap (bwrap)"), "\(result.errors)")
        #expect(result.errors.contains("apt-get install bubblewrap") && result.errors.contains("--no-sandbox"))
    }

    @Test func noSandboxSaysSoInTheSummary() async throws {
        let directory = try book("```swift hide\nlet x = 1\n```\n\nValue \\(x).\n")
        let result = try await render(directory, ["--no-sandbox"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("sandbox off (--no-sandbox)"), "\(result.output)")
        let sandboxed = try await render(directory)
        #expect(!sandboxed.output.contains("sandbox off"))
    }

    @Test func setsAndDictionariesPrintInTheSameOrderEveryBuild() async throws {
        let directory = try book("""
            ```swift hide
            let words: Set<String> = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
            let order = words.joined(separator: " ")
            ```

            Order: \\(order).
            """)
        var orders: Set<String> = []
        for _ in 0..<3 {
            let result = try await render(directory, ["--no-cache"])
            #expect(result.status == 0, "\(result.errors)")
            orders.insert(try page(directory))
        }
        #expect(orders.count == 1)
    }

    @Test func aChannelPastItsCapIsAClearError() async throws {
        // Writes 70 MiB of records straight to its channel file, fast even unoptimised.
        let directory = try book("""
            ```swift hide
            import Glibc
            let channel = open(getenv("TUTORIAL_CHANNEL"), O_WRONLY | O_APPEND)
            let record = Array(("{\\"t\\":\\"at\\",\\"l\\":0}" + String(repeating: " ", count: 1 << 20) + "\\n").utf8)
            var sent = 0
            for _ in 0..<70 { sent += record.withUnsafeBytes { write(channel, $0.baseAddress, $0.count) } }
            ```

            Sent \\(sent).
            """)
        let result = try await render(directory, ["--timeout", "120"])
        #expect(result.status == 1)
        #expect(result.errors.contains("was stopped for sending more than 64 MiB"), "\(result.errors)")
        #expect(!result.errors.contains("exited with status 0"))
    }

    /// 80 MiB sent to the channel in one go, the last thing the program does:
    /// render's 25 ms look at the channel's size cannot catch it, the kernel's
    /// file-size limit does. The program itself reports the size its channel
    /// reached, after the write, on standard error.
    @Test func aChannelWrittenAllAtOnceNeverPassesItsCapOnTheHostsDisk() async throws {
        let folder = try RenderProcess.temporaryDirectory("channel-at-once")
        let script = folder + "/program"
        try """
            #!/bin/sh
            head -c 83886080 /dev/zero >> "$TUTORIAL_CHANNEL"
            stat -c 'channel bytes %s' "$TUTORIAL_CHANNEL" >&2
            exit 0
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let sandbox = try await Sandbox.locate(enabled: true, memoryLimit: 1 << 30)
        let runner = ProgramRunner(timeout: .seconds(60), sandbox: sandbox, libraries: [])
        let raw = try await runner.run(binary: script, seeds: [], in: folder)
        #expect(raw.ending == .channelCapExceeded(bytes: ProgramRunner.channelCap))
        let reported = raw.standardError.split(separator: "\n").first { $0.hasPrefix("channel bytes ") }
        let bytes = reported.flatMap { Int($0.dropFirst("channel bytes ".count)) }
        #expect(bytes == ProgramRunner.channelCap + 1, "\(raw.standardError)")
    }
}
