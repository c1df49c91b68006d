import Foundation
import TutorialBase
import TutorialMarkdown

/// A pids cgroup that caps the processes of one sandboxed chapter run where
/// `RLIMIT_NPROC` does not: when render runs as root.
///
/// The kernel exempts root (user id 0 outside the sandbox's user namespace,
/// which is what bubblewrap maps it to) from the process limit, so a chapter
/// that forks without end could fill the machine's process table for the
/// whole of its time limit before the PID namespace ends it. As root, render
/// makes a cgroup of its own in the pids controller (cgroup v1's
/// `/sys/fs/cgroup/pids`, or cgroup v2 where `pids` is enabled for the root's
/// children) with `pids.max` set to the sandbox's process limit, starts the
/// run through `/bin/sh`, which moves itself into it and then `exec`s
/// bubblewrap, so every process of the run is counted from the first, and
/// removes the cgroup once the run's processes are gone. Where no pids
/// controller can be written, nothing changes: `RLIMIT_NPROC` applies to
/// every other user, and the PID namespace still ends every process with
/// the run.
struct ProcessLimitGroup: Sendable {
    /// The cgroup's folder.
    package let path: String

    /// How the names of render's cgroups begin (`render-PID-ID`).
    static let prefix = "render-"

    /// The pids hierarchies to try, in order.
    static let roots = ["/sys/fs/cgroup/pids", "/sys/fs/cgroup"]

    /// A new cgroup allowing `limit` processes, or nil when render is not
    /// root or cannot write a pids controller.
    package static func make(limit: Int, roots: [String] = roots) -> ProcessLimitGroup? {
        guard geteuid() == 0 else { return nil }
        for root in roots where usable(root) {
            let path = root + "/" + Self.prefix + "\(getpid())-\(UUID().uuidString.prefix(8))"
            guard mkdir(path, 0o755) == 0 else { continue }
            let group = ProcessLimitGroup(path: path)
            guard (try? String(limit).write(toFile: path + "/pids.max", atomically: false, encoding: .utf8)) != nil else {
                group.remove()
                continue
            }
            return group
        }
        return nil
    }

    /// Whether `root` is a pids hierarchy render may make groups in: v1's
    /// own mount, or v2 with `pids` enabled for its children.
    static func usable(_ root: String) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: root + "/pids.max") || fm.fileExists(atPath: root + "/cgroup.procs") && root.hasSuffix("/pids") {
            return access(root, W_OK) == 0
        }
        guard let enabled = try? String(contentsOfFile: root + "/cgroup.subtree_control", encoding: .utf8) else { return false }
        return enabled.split(separator: " ").contains { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "pids" } && access(root, W_OK) == 0
    }

    /// The command, started so that it joins the group before anything else
    /// runs. Should the kernel refuse the move (a cgroup delegated
    /// differently), the run still starts, under the sandbox's other limits,
    /// rather than failing the chapter for a reason that is not its own.
    package func wrap(executable: String, arguments: [String]) -> (executable: String, arguments: [String]) {
        Self.wrap(executable: executable, arguments: arguments, joining: [path])
    }

    /// The command, started so that it joins every cgroup of `groups` (their
    /// folders) before anything else runs: one `/bin/sh` moves itself into
    /// each, then `exec`s the command. Unchanged when `groups` is empty.
    package static func wrap(executable: String, arguments: [String], joining groups: [String]) -> (executable: String, arguments: [String]) {
        guard !groups.isEmpty else { return (executable, arguments) }
        let joins = groups.indices.map { #"echo $$ > "$\#($0 + 1)/cgroup.procs""# }.joined(separator: "; ")
        return ("/bin/sh", ["-c", "{ \(joins); } 2>/dev/null; shift \(groups.count); exec \"$@\"", "sh"] + groups + [executable] + arguments)
    }

    /// The processes in the group now.
    var processCount: Int? {
        (try? String(contentsOfFile: path + "/pids.current", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Removes the group, waiting (up to a second, in 10 ms steps) for the
    /// run's last processes to be reaped: the PID namespace has killed them
    /// when the run returns, but the kernel may still be tearing them down.
    package func remove() {
        for _ in 0..<100 {
            if rmdir(path) == 0 || errno == ENOENT { return }
            guard errno == EBUSY else { return }
            usleep(10_000)
        }
    }
}
