import Foundation

/// The CPU a benchmark ran on, as /proc/cpuinfo names it: its model and the vector
/// instruction sets it reports, so that figures from different machines can be told apart.
struct CPUDescription {
    /// The model name, or nil where /proc/cpuinfo is not readable.
    var model: String?
    /// The SSE, AVX, AVX-512 and FMA flags, in the order the kernel lists them.
    var vectorFlags: [String]

    /// This machine's.
    static let current = CPUDescription(cpuinfo: try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))

    /// Read from the text of /proc/cpuinfo (its first processor's lines).
    init(cpuinfo: String?) {
        func field(_ name: String) -> String? {
            guard let line = cpuinfo?.split(separator: "\n").first(where: {
                $0.split(separator: ":", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) == name
            }) else { return nil }
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        model = field("model name")
        let prefixes = ["sse", "ssse", "avx", "fma"]
        vectorFlags = (field("flags") ?? "").split(separator: " ").map(String.init)
            .filter { flag in prefixes.contains { flag.hasPrefix($0) } }
    }

    /// One line for the report.
    var line: String {
        guard let model else { return "CPU: not described (no /proc/cpuinfo)" }
        return "CPU: \(model); vector instruction sets: \(vectorFlags.isEmpty ? "none reported" : vectorFlags.joined(separator: " "))"
    }
}
