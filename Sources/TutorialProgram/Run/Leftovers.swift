import Foundation
import TutorialBase

/// What a render killed with SIGKILL leaves behind, removed when the next
/// render starts: only what a render made, and only a render that is gone.
///
/// - **Scratch folders** in the temporary folder, `render-run-PID-XXXXXX`,
///   marked as render's (``RenderMark``), whose render (PID) no longer runs.
/// - **cgroups** `render-PID-ID` (``ProcessLimitGroup``, ``MemoryLimitGroup``)
///   whose render no longer runs: only root can make them, and `rmdir`
///   removes only a group with no process left in it.
/// - Staged and set-aside sites beside an output folder are the
///   ``SiteWriter``'s, recovered under the output lock (marked the same way).
///
/// A process id that a new process took since is taken for a live render,
/// and its leftovers wait for a later start.
package enum Leftovers {
    /// Cleans once per process, on the first build.
    package static let cleaned: Void = clean()

    /// Removes the leftovers of renders that are gone.
    package static func clean(temporary: String = NSTemporaryDirectory(),
                      cgroups: [String] = ProcessLimitGroup.roots + MemoryLimitGroup.parents().map(\.path)) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: temporary)) ?? [] where name.hasPrefix(ProgramRunner.scratchPrefix) {
            let path = (temporary as NSString).appendingPathComponent(name)
            guard ownerIsGone(name, prefix: ProgramRunner.scratchPrefix), RenderMark.isSet(path) else { continue }
            try? fm.removeItem(atPath: path)
        }
        for parent in cgroups {
            for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(ProcessLimitGroup.prefix) {
                guard ownerIsGone(name, prefix: ProcessLimitGroup.prefix) else { continue }
                rmdir((parent as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Whether the process named in `PREFIX PID -…` has ended (or the name holds no process id).
    static func ownerIsGone(_ name: String, prefix: String) -> Bool {
        guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
