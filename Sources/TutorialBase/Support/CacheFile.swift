import Foundation

/// Writes a file of render's cache: whole or not at all, without a disk flush.
///
/// Foundation's atomic write (`options: .atomic`, `atomically: true`) calls
/// `fsync` before its rename, so that the file survives a power cut. A
/// cache entry need not: every entry carries a seal that a torn or stale
/// file fails (the run's, the binary's, the formula's), and one lost to a
/// crash is made again. The flush cost a cold build of the 30-chapter
/// synthetic book about 700 of them (one per formula, run, program and
/// binary seal), 0.15–0.2 ms each on this machine's disk and far more on a
/// laptop's. Readers still never see a partial file: the bytes go to a new
/// file beside the target, which `rename(2)` then puts in its place.
package enum CacheFile {
    /// Writes `bytes` to `path`, replacing what is there.
    /// - Throws: `CocoaError(.fileWriteUnknown)` with the system's reason
    ///   when the folder cannot be written.
    package static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(".render-tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = String(cString: template)
        var written = 0
        let complete = bytes.withContiguousStorageIfAvailable { buffer in
            writeAll(descriptor, UnsafeRawBufferPointer(buffer), &written)
        } ?? Array(bytes).withUnsafeBytes { writeAll(descriptor, $0, &written) }
        let closed = close(descriptor) == 0
        guard complete, closed, fchmodat(AT_FDCWD, temporary, 0o644, 0) == 0, rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// Writes `text` as UTF-8 to `path` (as ``write(_:to:)``).
    package static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, _ written: inout Int) -> Bool {
        while written < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    private static func failure(_ path: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot write \(path): \(String(cString: strerror(errno)))"])
    }
}
