import Foundation

/// The in-place numpy version of the same computation, in a python3 child process that
/// times one run each time it reads a line, so its runs interleave with the Swift runs
/// and both see the same machine load. Each run first restores the logits with
/// `np.copyto`, which is timed too: the in-cache copy of the same bytes.
final class NumpyBaseline {
    /// The numpy program: max, subtract, exp, sum, divide, label fix-up, all in place.
    static let script = """
    import sys, time
    import numpy as np
    B, K, dtype = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = np.random.default_rng(42)
    z0 = (rng.standard_normal((B, K)) * 3).astype(dtype)
    y = rng.integers(0, K, B)
    rows = np.arange(B)
    z = np.empty_like(z0); m = np.empty((B, 1), dtype); s = np.empty((B, 1), dtype)
    print("ready", flush=True)
    for _ in sys.stdin:
        t0 = time.perf_counter_ns()
        np.copyto(z, z0)
        copied = time.perf_counter_ns() - t0
        t0 = time.perf_counter_ns()
        np.max(z, axis=1, keepdims=True, out=m)
        zy = z[rows, y] - m[:, 0]
        np.subtract(z, m, out=z)
        np.exp(z, out=z)
        np.sum(z, axis=1, keepdims=True, out=s)
        loss = np.mean(np.log(s[:, 0]) - zy)
        np.divide(z, s, out=z)
        z[rows, y] -= 1
        z /= B
        print(time.perf_counter_ns() - t0, copied, flush=True)
    """

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    /// Starts python3; nil when python3 or numpy is missing.
    init?(rows: Int, classes: Int, dtype: String) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, "\(rows)", "\(classes)", dtype]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        guard readLine() == "ready" else { stop(); return nil }
    }

    /// Times one numpy run and its copy, in nanoseconds.
    func time() -> (run: Double, copy: Double)? {
        input.fileHandleForWriting.write(Data("run\n".utf8))
        let fields = (readLine() ?? "").split(separator: " ").compactMap { Double($0) }
        return fields.count == 2 ? (fields[0], fields[1]) : nil
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}
