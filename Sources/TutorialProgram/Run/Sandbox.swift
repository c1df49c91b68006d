import Foundation
import TutorialBase
import TutorialMarkdown

/// How chapter programs (and the compiler) are started: inside bubblewrap
/// (`bwrap`), or — with `--no-sandbox` — directly.
///
/// A chapter program in the sandbox gets:
/// - no network (`--unshare-net`: a fresh network namespace whose only interface is its own loopback, which bubblewrap brings up: no other machine, no server on the host's 127.0.0.1);
/// - a private PID namespace that dies with render (`--unshare-pid`,
///   `--die-with-parent`): no child it starts outlives its run, its time-out,
///   or render itself;
/// - a read-only view of `/usr` (and the `/lib*`, `/bin` links into it), the
///   toolchain's runtime libraries, `libChapterRuntime.so` and the program's
///   own folder in the cache — nothing else of the host: not `/etc`, not
///   `/home`, not the book, the cache or the site;
/// - a private writable scratch folder `/tmp` (a tmpfs of at most 256 MiB),
///   its working directory, thrown away when it ends; `/` itself is read-only,
///   and so is `/dev` (its device nodes work; it stored 2 GiB when writable);
/// - no `fallocate(2)` (``SeccompFilter``), so it cannot reserve disk behind
///   its channel file (its standard output and error are pipes, counted as
///   they arrive);
/// - the one file it reports through, the channel, bound writable, and a
///   file-size limit (`RLIMIT_FSIZE`) one byte past the channel's cap: the
///   kernel cuts any write there, so even records written all at once just
///   before the end never put more than the cap on the host's disk, and the
///   byte past the cap tells render the program tried (files in its `/tmp`
///   have the same limit each);
/// - an environment cleared to `allowedEnvironment`;
/// - a memory limit (`RLIMIT_AS`, `--memory`), a process limit
///   (`RLIMIT_NPROC`; the kernel does not apply it to root, so as root a
///   pids cgroup holds the run instead, ``ProcessLimitGroup``), no core
///   files, and no capabilities.
///
/// The compiler and SwiftPM run in the same kind of sandbox, with what they
/// need besides (``buildCommand(_:arguments:toolchain:reads:writes:home:workingDirectory:network:)``).
package struct Sandbox: Sendable {
    /// The bubblewrap executable; nil when the sandbox is off (`--no-sandbox`).
    public var bubblewrap: String?
    /// Bytes of address space a chapter program may use.
    public var memoryLimit: Int
    /// Processes (threads included) a chapter program may run at once.
    var processLimit = 512
    /// Bytes of address space each compiler process may use (`--compile-memory`).
    public var compileMemoryLimit = 4 << 30
    /// Bytes the scratch folder may hold.
    static let scratchSize = 256 << 20
    /// Where the channel file appears inside the sandbox.
    static let channelInside = "/run/tutorial/channel.jsonl"

    /// The variables a sandboxed chapter program sees; nothing else of
    /// render's environment is passed on. (`PWD` is set by bubblewrap to the
    /// working directory, `/tmp`.)
    static let allowedEnvironment = [
        "PATH", "HOME", "TMPDIR", "LANG", "TZ", "PWD",
        "SWIFT_BACKTRACE", "SWIFT_DETERMINISTIC_HASHING", "TUTORIAL_CHANNEL", "TUTORIAL_SEEDS", "TUTORIAL_TIME_LIMIT",
    ]

    /// Whether chapter programs run inside bubblewrap.
    package var enabled: Bool { bubblewrap != nil }

    /// The sandbox render uses: bubblewrap from PATH, checked by starting it
    /// once. - Throws: `SetupError` (exit 2) when it is missing or cannot
    /// start, with the command that fixes it; never falls back silently.
    public static func locate(enabled: Bool, memoryLimit: Int, compileMemoryLimit: Int = 4 << 30,
                              environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Sandbox {
        guard enabled else { return Sandbox(bubblewrap: nil, memoryLimit: memoryLimit, compileMemoryLimit: compileMemoryLimit) }
        guard let bwrap = ChildProcess.find(["bwrap"], environment: environment) else {
            throw SetupError(
                "bubblewrap (bwrap), which render runs chapter programs in, is not installed",
                fix: "apt-get install bubblewrap (or run `make render`, which installs it); to run chapters unconfined, pass --no-sandbox")
        }
        let sandbox = Sandbox(bubblewrap: bwrap, memoryLimit: memoryLimit, compileMemoryLimit: compileMemoryLimit)
        if probedLock.withLock({ probed.contains(bwrap) }) { return sandbox }
        // A new network namespace can wait tens of seconds for the kernel to
        // tear down others on a busy machine (the test suite's parallel runs
        // timed the 30 s this once allowed out): a slow start is not a broken
        // sandbox, so the probe waits long, and says so if it still times out.
        let probe = try await ChildProcess.run(
            bwrap, arguments: sandbox.confinement(binds: [], scratch: false) + ["--", "/usr/bin/true"],
            environment: [:], timeout: Self.probeTimeout)
        guard case .exited(0) = probe.status else {
            let why = probe.status == .timedOut
                ? "it did not start within \(Self.probeTimeout) (is the machine overloaded?)"
                : probe.standardError.split(separator: "\n").first.map(String.init) ?? "\(probe.status)"
            throw SetupError(
                "bubblewrap cannot start a sandbox here: \(why)",
                fix: "allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run render as root; to run chapters unconfined, pass --no-sandbox")
        }
        probedLock.withLock { _ = probed.insert(bwrap) }
        return sandbox
    }

    /// How long the first start of a sandbox may take.
    static let probeTimeout: Duration = .seconds(120)

    /// The bubblewraps that already started a sandbox in this process: the
    /// check runs once per process, not once per rebuild of serve or watch
    /// (35 ms each).
    private static let probedLock = NSLock()
    nonisolated(unsafe) private static var probed: Set<String> = []

    /// How a trapping chapter program prints its backtrace: the crashed
    /// thread only, symbolicated from the program's line tables without
    /// demangling lookups or register dumps, so it takes tens of milliseconds,
    /// not the seconds of a full backtrace; its frames name the chapter line
    /// of the statement that trapped (`ChapterRun.trapLine`).
    static let backtrace = "enable=yes,symbolicate=fast,threads=crashed,registers=none,images=none,interactive=no,color=no,limit=32"

    /// The command that runs a chapter program.
    /// - Parameters:
    ///   - binary: the compiled program, inside `programDirectory`.
    ///   - libraries: folders and files the program loads at run time.
    ///   - channel: the host file the program writes its records to.
    ///   - channelCap: the bytes the channel may hold; in the sandbox, no file
    ///     the program writes can grow past one byte more.
    ///   - scratch: the host folder used as working directory when unconfined.
    /// - Returns: also `input`, the bytes to send to its standard input (the
    ///   seccomp program bubblewrap reads from it before the program starts).
    package func programCommand(binary: String, programDirectory: String, libraries: [String], channel: String,
                        channelCap: Int = .max, scratch: String, seeds: String, timeLimit: Duration? = nil,
                        arguments programArguments: [String] = [])
        -> (executable: String, arguments: [String], environment: [String: String]?, workingDirectory: String, input: [UInt8]?)
    {
        var environment = [
            "SWIFT_BACKTRACE": Self.backtrace, "SWIFT_DETERMINISTIC_HASHING": "1", "TUTORIAL_SEEDS": seeds,
        ]
        if let timeLimit { environment["TUTORIAL_TIME_LIMIT"] = String(Int(timeLimit.seconds * 1000)) }
        var limits = ["--as=\(memoryLimit)", "--nproc=\(processLimit)", "--core=0"]
        if channelCap < .max { limits.append("--fsize=\(channelCap + 1)") }
        guard let bubblewrap else {
            environment["TUTORIAL_CHANNEL"] = channel
            return ("/usr/bin/setpriv", ["--pdeathsig", "KILL", "--", binary] + programArguments, environment.merging(ProcessInfo.processInfo.environment) { mine, _ in mine }, scratch, nil)
        }
        environment.merge([
            "PATH": "/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8", "TZ": "UTC",
            "TUTORIAL_CHANNEL": Self.channelInside,
        ]) { $1 }
        var arguments = confinement(binds: [programDirectory] + libraries, scratch: true)
        arguments += ["--bind", channel, Self.channelInside, "--remount-ro", "/"]
        for name in Self.allowedEnvironment.sorted() { if let value = environment[name] { arguments += ["--setenv", name, value] } }
        let filter = SeccompFilter.program
        if filter != nil { arguments += ["--seccomp", "0"] }
        arguments += ["--", "/usr/bin/prlimit"] + limits + ["--", binary] + programArguments
        return (bubblewrap, arguments, [:], scratch, filter)
    }

    /// The namespaces and the file system view: `/usr` and the links into
    /// it, `binds` read-only, and a scratch `/tmp` when asked for.
    func confinement(binds: [String], scratch: Bool) -> [String] {
        var arguments = [
            "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--clearenv",
            "--ro-bind", "/usr", "/usr",
        ]
        for path in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                arguments += ["--symlink", target, path]
            } else {
                arguments += ["--ro-bind", path, path]
            }
        }
        arguments += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev"]
        // The scratch folder first: binds below /tmp (a cache there) then show through it.
        if scratch {
            arguments += ["--size", String(Self.scratchSize), "--perms", "1777", "--tmpfs", "/tmp", "--dir", "/run/tutorial"]
        }
        for path in binds where !path.hasPrefix("/usr/") { arguments += ["--ro-bind", path, path] }
        if scratch { arguments += ["--chdir", "/tmp"] }
        return arguments
    }

    /// The command that runs the compiler's jobs (a `CompilePlan` script), as
    /// `compileCommand(swiftc:arguments:toolchain:output:home:)` runs the driver.
    func compileCommand(script: String, toolchain: Toolchain, output: String, home: String, reads: [String] = []) -> (executable: String, arguments: [String]) {
        compileCommand(swiftc: "/bin/sh", arguments: ["-c", script], toolchain: toolchain, output: output, home: home, reads: reads)
    }

    /// The command that runs the compiler on a chapter program or the shared
    /// sources, confined as SwiftPM is (``buildCommand(_:arguments:toolchain:reads:writes:home:workingDirectory:network:)``):
    /// it reads the toolchain, the runtime's and the book's libraries and
    /// `reads`, writes only `output` and `home` (where its module cache
    /// lives), with `--compile-memory` of address space per process and no
    /// network; render's working folder is its own, so relative paths hold.
    func compileCommand(swiftc: String, arguments: [String], toolchain: Toolchain, output: String, home: String,
                        reads: [String] = []) -> (executable: String, arguments: [String]) {
        buildCommand(swiftc, arguments: arguments, toolchain: toolchain.swiftc, reads: toolchain.compileReads + reads,
                     writes: [output, home], home: home, workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// What the summary line says when chapters ran unconfined.
    package static let offNote = "sandbox off (--no-sandbox)"
}
