import Foundation

/// How the toolchain runs on a book's code: SwiftPM on the book's packages
/// (their manifests, plugins and macros run), and swiftc on chapter programs
/// and shared sources (macros of the book's packages run inside it).
///
/// The same confinement as a chapter program's (``Sandbox/confinement(binds:scratch:)``),
/// with what a compiler needs besides:
/// - **files**: the host's `/usr` and the toolchain read-only, and the
///   folders in `reads` read-only; only the folders in `writes` writable (a
///   package's build folder, a program's own folder); nothing else of the
///   host (no `/etc` but the loader's cache, no `/home`, no `/root`);
/// - **environment**: cleared to `PATH`, `HOME` (a folder among `writes`, never
///   the user's), `TMPDIR`, `LANG` and `TZ`: no secret of render's reaches it.
///   bubblewrap itself starts with an empty environment (`env -i`): it stays
///   in the sandbox as its PID 1, and every process there, a macro expanded
///   by the compiler among them, can read `/proc/1/environ` (a test's macro
///   found render's secret there);
/// - **network**: none (a network namespace of its own), unless `network`
///   (SwiftPM's resolve step that fetches remote dependencies, allowed only by
///   `[swift] fetch` or `--allow-fetch`): then the host's network, git's system
///   configuration and the local mirrors it names, still with no secrets and
///   nothing writable but `writes`;
/// - **resources**: `compileMemoryLimit` bytes of address space per process
///   (`--compile-memory`), `processLimit` processes, no core files; a PID
///   namespace that dies with render.
extension Sandbox {
    /// The command that runs `executable` (a toolchain program, or `/bin/sh`)
    /// confined as above, started through `env -i` whatever environment the
    /// caller passes; unconfined (`--no-sandbox`) it runs as before, with
    /// render's environment and a parent-death signal.
    func buildCommand(_ executable: String, arguments: [String], toolchain: String, reads: [String], writes: [String],
                      home: String, workingDirectory: String, network: Bool = false) -> (executable: String, arguments: [String]) {
        let limits = ["--as=\(compileMemoryLimit)", "--nproc=\(processLimit)", "--core=0"]
        guard let bubblewrap else {
            return ("/usr/bin/setpriv", ["--pdeathsig", "KILL", "--", "/usr/bin/prlimit"] + limits + ["--", executable] + arguments)
        }
        let folder = Self.toolchainFolder(swiftc: toolchain)
        var words = confinement(binds: Self.outermost([folder] + reads), scratch: true)
        if network {
            words += ["--share-net"]
            for file in Self.fetchFiles() { words += ["--ro-bind-try", file, file] }
        }
        for path in Self.outermost(writes) { words += ["--bind", path, path] }
        let variables = [
            "PATH": folder + "/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": "/tmp", "LANG": "C.UTF-8", "TZ": "UTC",
        ]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { words += ["--setenv", name, value] }
        // The working folder exists even when nothing of it is bound (render's, for relative paths); `/` stays read-only.
        words += ["--dir", workingDirectory, "--remount-ro", "/", "--chdir", workingDirectory, "--", "/usr/bin/prlimit"] + limits + ["--", executable] + arguments
        return ("/usr/bin/env", ["-i", bubblewrap] + words)
    }

    /// The toolchain's `usr` folder (swiftc's, links followed), which holds its
    /// compilers, linker, SwiftPM and libraries.
    static func toolchainFolder(swiftc: String) -> String {
        URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// `paths` without those inside another of them (a bind would hide or repeat them), standardized.
    static func outermost(_ paths: [String]) -> [String] {
        let standard = Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }).sorted()
        return standard.filter { path in !standard.contains { $0 != path && path.hasPrefix($0 == "/" ? "/" : $0 + "/") } }
    }

    /// What git and its TLS need to fetch: name resolution, certificates,
    /// git's system configuration (never the user's, which may hold
    /// credentials), and the local folders its `url.*.insteadOf` rules send
    /// fetches to (a mirror of github.com, say).
    static func fetchFiles() -> [String] {
        var files = ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/ssl", "/etc/ca-certificates",
                     "/etc/gitconfig", "/etc/passwd", "/etc/group"]
        files += gitMirrors(configuration: (try? String(contentsOfFile: "/etc/gitconfig", encoding: .utf8)) ?? "")
        return files
    }

    /// The local folders of `[url "FOLDER"] insteadOf = …` sections of a git configuration.
    static func gitMirrors(configuration: String) -> [String] {
        configuration.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("[url \""), text.hasSuffix("\"]") else { return nil }
            let target = String(text.dropFirst(6).dropLast(2))
            guard target.hasPrefix("/") else { return nil }
            return target.hasSuffix("/") && target.count > 1 ? String(target.dropLast()) : target
        }
    }
}
