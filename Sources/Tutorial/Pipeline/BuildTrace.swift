import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// For the benchmark: when `TUTORIAL_TRACE` names a folder, a build writes
/// there what its floor is made of — every formula it typesets
/// (`formulas.json`, the input of one KaTeX batch) and, for every chapter
/// program, its source and the exact `swiftc` arguments (`programs.json`) —
/// so that `scripts/bench` can time a bare `swiftc` per program and the
/// KaTeX batch alone, side by side with render; and the merged programs a
/// cold build compiles (`merged.json`: one compile per group, `MergedCompile`).
/// At the end of every build, succeeded or failed, it also writes render's
/// own peak resident memory so far (`peak-memory`, in bytes: `VmHWM` of
/// `/proc/self/status`, which counts render alone, never the compilers or
/// chapter programs it started, nor the process that started render), which
/// a test compares without having to sample a process that may end between
/// two looks. And when each stage
/// of the build ended (`stages.json`: seconds since the build began), so
/// that a benchmark can say where a cold build's time goes.
enum BuildTrace {
    /// The end of each stage, in order: its name and the seconds since the build began.
    struct Stages: Sendable {
        let clock = ContinuousClock()
        let start: ContinuousClock.Instant
        var ends: [End] = []

        struct End: Codable {
            var stage: String
            var seconds: Double
        }

        init() { start = clock.now }

        /// Marks the end of `stage`.
        mutating func end(_ stage: String) { ends.append(End(stage: stage, seconds: (clock.now - start).seconds)) }

        /// Writes `stages.json` when tracing.
        func record() {
            guard let folder = ProcessInfo.processInfo.environment["TUTORIAL_TRACE"] else { return }
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? JSONEncoder().encode(ends).write(to: URL(fileURLWithPath: folder + "/stages.json"))
        }
    }

    struct Program: Codable {
        var chapter: String
        var main: String
        var swiftc: String
        var arguments: [String]
    }

    static func record(formulas: [Formula], programs: [ChapterProgram], toolchain: Toolchain?, threads: Int) {
        guard let folder = ProcessInfo.processInfo.environment["TUTORIAL_TRACE"] else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let data = try? encoder.encode(formulas) {
            try? data.write(to: URL(fileURLWithPath: folder + "/formulas.json"))
        }
        guard let toolchain else { return }
        var traced: [Program] = []
        for (k, program) in programs.enumerated() where program.hasWork {
            let main = folder + "/program-\(k).swift"
            try? program.source.write(toFile: main, atomically: true, encoding: .utf8)
            let arguments = toolchain.compileArguments(main: main, output: folder + "/program-\(k)")
            traced.append(Program(chapter: program.chapterPath, main: main, swiftc: toolchain.swiftc, arguments: arguments))
        }
        if let data = try? encoder.encode(traced) {
            try? data.write(to: URL(fileURLWithPath: folder + "/programs.json"))
        }
        let working = programs.filter(\.hasWork)
        var merged: [Program] = []
        for (g, group) in MergedCompile.groups(working, threads: threads).enumerated() {
            let members = group.map { working[$0] }
            let program = MergedProgram(members, entries: members.map(\.chapterName), imports: toolchain.importLines)
            let directory = folder + "/merged-\(g)"
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let sources = program.files.map { directory + "/" + $0.name }
            for (file, path) in zip(program.files, sources) { try? file.text.write(toFile: path, atomically: true, encoding: .utf8) }
            let arguments = toolchain.mergedCompileArguments(sources: sources, output: directory + "/program", threads: 1)
            merged.append(Program(chapter: "merged-\(g)", main: sources.last ?? "", swiftc: toolchain.swiftc, arguments: arguments))
        }
        if let data = try? encoder.encode(merged) {
            try? data.write(to: URL(fileURLWithPath: folder + "/merged.json"))
        }
    }

    static func recordPeakMemory() {
        guard let folder = ProcessInfo.processInfo.environment["TUTORIAL_TRACE"], let peak = peakResidentBytes() else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? String(peak).write(toFile: folder + "/peak-memory", atomically: true, encoding: .utf8)
    }

    /// render's own peak resident memory in bytes: the `VmHWM` line of
    /// `/proc/self/status` (in kB), the high-water mark of this process's
    /// address space alone.
    ///
    /// Not `getrusage(RUSAGE_SELF).ru_maxrss`: Linux carries it across
    /// `execve`, and a parent that starts render with `posix_spawn` (vfork:
    /// the child runs in the parent's address space until it execs) hands
    /// render its own high-water mark. Started from a process holding 400 MiB,
    /// a one-chapter render reported 413 MiB; a test that compared two
    /// renders' peaks then measured how much its own process had grown in
    /// between (142 MiB in a busy test run).
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        let fields = line.split(whereSeparator: \.isWhitespace)  // "VmHWM:", the number, "kB"
        guard fields.count == 3, fields[2] == "kB", let kilobytes = Int(fields[1]) else { return nil }
        return kilobytes * 1024
    }
}
