import Foundation

/// A memory cgroup that holds all the processes of one sandboxed chapter run
/// to `--memory` together, where render may write one.
///
/// `RLIMIT_AS` (``Sandbox``'s `--memory`) limits each process: six children
/// of 400 MiB each ran under 512 MiB. A cgroup counts them together: render
/// makes a child of its own memory cgroup (cgroup v1's `memory` hierarchy,
/// or cgroup v2 where `memory` is enabled for render's group's children),
/// named `render-PID-ID`, writes the limit (`memory.limit_in_bytes`, or
/// `memory.max`) and the same limit with swap counted (`memory.memsw.limit_in_bytes`,
/// or no swap at all: `memory.swap.max`), and starts the run through
/// `/bin/sh`, which moves itself into the group before it `exec`s the
/// sandbox. When the group is full, the kernel's OOM killer stops a process
/// of the run (the largest), never one outside it. The group is removed once
/// the run's processes are gone.
///
/// Where no memory cgroup can be written (render is not root, or the
/// controller is not delegated to it), the limit stays per process.
struct MemoryLimitGroup: Sendable {
    /// The cgroup's folder.
    package let path: String

    /// Where the memory controller may be mounted: v1's own, then v2's.
    static let mounts = ["/sys/fs/cgroup/memory", "/sys/fs/cgroup"]

    /// A new cgroup allowing `limit` bytes to the processes in it together,
    /// or nil when render cannot make one.
    package static func make(limit: Int, mounts: [String] = mounts, membership: String = "/proc/self/cgroup") -> MemoryLimitGroup? {
        guard geteuid() == 0 else { return nil }
        for (parent, version2) in parents(mounts: mounts, membership: membership) {
            let path = parent + "/" + ProcessLimitGroup.prefix + "\(getpid())-\(UUID().uuidString.prefix(8))"
            guard mkdir(path, 0o755) == 0 else { continue }
            let group = MemoryLimitGroup(path: path)
            let files = version2 ? [("memory.max", String(limit)), ("memory.swap.max", "0")]
                                 : [("memory.limit_in_bytes", String(limit)), ("memory.memsw.limit_in_bytes", String(limit))]
            // The first file is the limit itself; swap accounting may be off (its file missing).
            guard write(files[0].1, to: path + "/" + files[0].0) else {
                group.remove()
                continue
            }
            _ = write(files[1].1, to: path + "/" + files[1].0)
            return group
        }
        return nil
    }

    /// The memory cgroups render's groups are made in: render's own group in
    /// each hierarchy that has the memory controller (v2: enabled for its children).
    static func parents(mounts: [String] = mounts, membership: String = "/proc/self/cgroup") -> [(path: String, version2: Bool)] {
        guard let lines = try? String(contentsOfFile: membership, encoding: .utf8) else { return [] }
        var found: [(String, Bool)] = []
        for mount in mounts {
            let version2 = FileManager.default.fileExists(atPath: mount + "/cgroup.controllers")
            guard let own = ownGroup(in: lines, version2: version2) else { continue }
            let parent = mount + (own == "/" ? "" : own)
            if version2 {
                let enabled = (try? String(contentsOfFile: parent + "/cgroup.subtree_control", encoding: .utf8)) ?? ""
                guard enabled.split(whereSeparator: \.isWhitespace).contains("memory") else { continue }
            } else {
                guard FileManager.default.fileExists(atPath: parent + "/memory.limit_in_bytes") else { continue }
            }
            found.append((parent, version2))
        }
        return found
    }

    /// render's own group in the memory hierarchy, from `/proc/self/cgroup`:
    /// v1's line naming `memory` among its controllers, or v2's `0::` line.
    static func ownGroup(in membership: String, version2: Bool) -> String? {
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if version2 ? fields[0] == "0" && fields[1].isEmpty : fields[1].split(separator: ",").contains("memory") {
                return String(fields[2])
            }
        }
        return nil
    }

    package static func write(_ value: String, to file: String) -> Bool {
        (try? value.write(toFile: file, atomically: false, encoding: .utf8)) != nil
    }

    /// How many times the kernel's OOM killer stopped a process of the group.
    var kills: Int {
        for (file, key) in [("memory.events", "oom_kill"), ("memory.oom_control", "oom_kill")] {
            guard let text = try? String(contentsOfFile: path + "/" + file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if words.count == 2, words[0] == key, let count = Int(words[1]) { return count }
            }
        }
        return 0
    }

    /// Removes the group once its processes are gone (as ``ProcessLimitGroup/remove()``).
    package func remove() {
        ProcessLimitGroup(path: path).remove()
    }
}
