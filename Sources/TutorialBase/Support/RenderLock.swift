import Foundation

/// One render per output (and per cache) at a time: an `flock` on a lock
/// file. The lock belongs to the open file, so the kernel releases it when
/// render exits, however it exits (`kill -9` included): a lock file left on
/// disk never blocks anyone.
///
/// A second render waits, saying once which process holds the lock, or
/// with `--no-wait` stops with exit 2.
package final class RenderLock: @unchecked Sendable {
    package let descriptor: Int32
    /// The lock file.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Takes the lock on `path` (created if missing).
    /// - Parameters:
    ///   - what: what the lock protects, for messages ("the output folder 'output'").
    ///   - shared: a reader's lock; any number may hold one, but not while a writer does.
    ///   - wait: false: throw at once if someone else holds it.
    ///   - onWait: called once, before waiting.
    package static func acquire(_ path: String, what: String, shared: Bool = false, wait: Bool,
                               onWait: (@Sendable (String) -> Void)? = nil) throws -> RenderLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw SetupError("cannot open the lock file '\(path)': \(String(cString: strerror(errno)))",
                             fix: errno == ELOOP ? "remove the symbolic link '\(path)'" : nil)
        }
        let mode = shared ? LOCK_SH : LOCK_EX
        if flock(descriptor, mode | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let who = holder.isEmpty ? "another render" : "another render (process \(holder))"
            guard wait else {
                close(descriptor)
                throw SetupError("\(who) is using \(what)", fix: "wait for it to finish, or run without --no-wait to wait for it")
            }
            onWait?("waiting for \(who) to finish with \(what)…")
            while flock(descriptor, mode) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw SetupError("cannot lock '\(path)': \(String(cString: strerror(errno)))")
                }
            }
        }
        if !shared {
            _ = ftruncate(descriptor, 0)
            let pid = "\(getpid())\n"
            _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        }
        return RenderLock(descriptor: descriptor, path: path)
    }

    /// The lock file of an output folder: `.NAME.render-lock` beside it.
    public static func path(forOutput output: String) -> String {
        let absolute = URL(fileURLWithPath: output).standardizedFileURL
        return absolute.deletingLastPathComponent().appendingPathComponent(".\(absolute.lastPathComponent).render-lock").path
    }
}
