import Foundation
import TutorialBase
import TutorialMarkdown

/// Compile, for a cold build: the chapter programs that need a binary,
/// compiled together as one program (`MergedProgram`), a group at a time.
/// Only chapters that cannot see each other's declarations share a group
/// (`ModuleScope`), so each behaves, and prints, as compiled alone.
///
/// Most of a small chapter's compile is fixed cost: starting the compiler,
/// loading the runtime's and the book's modules, linking. One whole-module
/// compile pays it once per group, and `--jobs` groups compile side by side. Each chapter's folder in the cache then gets
/// the group's binary (a hard link), marked as that chapter's
/// (`BuildCache.markBinary`), so every later step — the run in its own
/// sandbox, the cache of runs, an edit that recompiles only its chapter — is
/// the per-chapter path's. The binary runs the chapter its argument names.
///
/// A merged compile that fails never decides a chapter's verdict. Errors
/// are attributed to chapters by file (the tangler's `#sourceLocation`
/// lines name the chapter; scaffolding errors name `chapter-K.swift`); the
/// rest are compiled together once more, and the failing chapters are left
/// to the per-chapter compile, which reports their errors exactly as
/// always. An error no chapter owns, a time-out or a compiler out of memory
/// leaves the whole group to the per-chapter path.
package struct MergedCompile: Sendable {
    package var toolchain: Toolchain
    package var sandbox: Sandbox
    package var cache: BuildCache
    /// How long one group's compile may take: one chapter's `--compile-timeout`
    /// (a merged group compiles in seconds; past that the chapters compile alone).
    package var timeout: Duration
    /// How many groups compile at once (`--jobs`), each on one thread.
    package var threads: Int

    /// Chapters per group at most. Measured on the synthetic books: one
    /// whole-module compile of 30 chapters peaked at 290 MB resident, of 34 at
    /// 295 MB, and took 0.68× the time of compiling them one by one; groups
    /// of at most 40 keep one compile's memory near 0.4 GB however long the book.
    package static let groupSize = 40

    /// What one compile of a group came to.
    enum Attempt {
        /// Every member's binary is in the cache.
        case compiled
        /// These members (by position) have errors; the others may compile without them.
        case failing(Set<Int>)
        /// The compile failed in a way no chapter owns.
        case unattributed
    }

    /// The groups of `programs` to compile together, as positions: see
    /// ``groups(_:threads:)-(ModuleScope)``, on each program's `ModuleScope`.
    package static func groups(_ programs: [ChapterProgram], threads: Int) -> [[Int]] {
        groups(ParallelMap.map(programs) { ModuleScope(source: $0.mergedSource) }, threads: threads)
    }

    /// The chapters that may be merged (``ModuleScope/mergeable``), in groups
    /// of near-equal size and cost, no two members of a group in conflict
    /// (``ModuleScope/conflicts(with:)``): as positions in `scopes`, each
    /// group in ascending order, and only groups of two or more (a chapter
    /// left alone compiles alone).
    ///
    /// The number of groups is what ``groupSize`` needs, rounded up to a
    /// multiple of `threads` so that no core is left to compile the last
    /// group alone (100 chapters on 2 cores: 4 groups of 25, not 3 of 33),
    /// while each group keeps two. Largest program first, a chapter joins
    /// the group with the fewest bytes so far among those with room that it
    /// does not conflict with, or starts a group of its own: so the groups'
    /// compiles take about as long as each other (the longest-processing-time
    /// rule), where filling them by count alone put this book's three
    /// largest chapters together.
    package static func groups(_ scopes: [ModuleScope], threads: Int) -> [[Int]] {
        let candidates = scopes.indices.filter { scopes[$0].mergeable }
            .sorted { (scopes[$0].size, $1) > (scopes[$1].size, $0) }
        guard candidates.count >= 2 else { return [] }
        let threads = max(threads, 1)
        let needed = (candidates.count + groupSize - 1) / groupSize
        let count = max(1, min((needed + threads - 1) / threads * threads, candidates.count / 2))
        let capacity = (candidates.count + count - 1) / count
        var groups = [[Int]](repeating: [], count: count)
        var bytes = [Int](repeating: 0, count: count)
        for k in candidates {
            let open = groups.indices.filter { g in
                groups[g].count < capacity && groups[g].allSatisfy { !scopes[$0].conflicts(with: scopes[k]) }
            }
            if let g = open.min(by: { (bytes[$0], $0) < (bytes[$1], $1) }) {
                groups[g].append(k)
                bytes[g] += scopes[k].size
            } else {
                groups.append([k])
                bytes.append(scopes[k].size)
            }
        }
        return groups.filter { $0.count >= 2 }.map { $0.sorted() }
    }

    /// A compile's estimated cost, in bytes of source: the programs' bytes
    /// plus the fixed cost of one compiler start (driver, module loading,
    /// link), which ``fixedCost`` expresses in bytes. Only its order matters:
    /// the scheduler starts the costliest compile first.
    package static func cost(bytes: Int) -> Int { bytes + fixedCost }

    /// One compile's fixed cost as bytes of source it costs as much as.
    /// Measured with bare `swiftc`, one at a time, on this repository's book
    /// (eight programs of 8–65 kB): 0.23–0.62 s each, a line fitted through
    /// them 0.2–0.3 s plus about 5 µs a byte, so one compiler start costs as
    /// much as 40–60 kB of chapter.
    package static let fixedCost = 50_000

    /// One group, which compiles on one thread (a compile type-checks on
    /// one thread, so one group per core keeps every core busy from the
    /// start: 30 chapters took 3.1 s as two groups of 15 side by side, 4.8 s
    /// as one group with `-num-threads 2`): compiled, or compiled again
    /// without the chapters that failed.
    /// - Returns: the program keys whose binary it put in the cache; the
    ///   others are left to the per-chapter compile.
    package func compileGroup(_ group: [ChapterProgram]) async throws -> Set<String> {
        var members = group
        for _ in 0..<2 where members.count >= 2 {
            switch try await attempt(members) {
            case .compiled: return Set(members.map { cache.programKey($0, toolchain: toolchain) })
            case .failing(let failing): members = members.indices.filter { !failing.contains($0) }.map { members[$0] }
            case .unattributed: return []
            }
        }
        return []
    }

    /// Compiles `members` as one program in a folder of its own in the cache,
    /// and on success links the binary into each member's folder.
    func attempt(_ members: [ChapterProgram]) async throws -> Attempt {
        let keys = members.map { cache.programKey($0, toolchain: toolchain) }
        let merged = (cache.writeRoot as NSString).appendingPathComponent("merged")
        try BuildCache.refuseLink(merged)
        let folder = (merged as NSString).appendingPathComponent(ContentHash.of(keys.joined(separator: ",")))
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let program = MergedProgram(members, entries: keys, imports: toolchain.importLines)
        var sources: [String] = []
        for file in program.files {
            let path = (folder as NSString).appendingPathComponent(file.name)
            try CacheFile.write(file.text, to: path)
            sources.append(path)
        }
        let binary = (folder as NSString).appendingPathComponent("program")
        try FileManager.default.createDirectory(atPath: cache.compilerHome, withIntermediateDirectories: true)
        let command = sandbox.compileCommand(
            swiftc: toolchain.swiftc, arguments: toolchain.mergedCompileArguments(sources: sources, output: binary, threads: 1),
            toolchain: toolchain, output: folder, home: cache.compilerHome)
        let outcome = try await ChildProcess.run(command.executable, arguments: command.arguments, timeout: timeout, processGroup: true)
        guard case .exited(let code) = outcome.status else { return .unattributed }
        let output = outcome.standardError + outcome.standardOutput
        guard code == 0 else { return Self.attribute(output, members) }
        let digest = SHA256.hex([UInt8](FileManager.default.contents(atPath: binary) ?? Data()))
        for (k, member) in members.enumerated() {
            let directory = try cache.workDirectory(key: keys[k])
            try CacheFile.write(member.source, to: (directory as NSString).appendingPathComponent("main.swift"))
            let target = (directory as NSString).appendingPathComponent("program")
            unlink(target)
            if link(binary, target) != 0 { try FileManager.default.copyItem(atPath: binary, toPath: target) }
            try cache.markBinary(key: keys[k], digest: digest)
        }
        return .compiled
    }

    /// The members swiftc's errors name, or `.unattributed` when an error
    /// names none (or there is none to read).
    static func attribute(_ output: String, _ members: [ChapterProgram]) -> Attempt {
        if ProgramCompiler.ranOutOfMemory(output) { return .unattributed }
        let errors = CompilerMessage.errors(in: output)
        var failing = Set<Int>()
        for error in errors {
            guard let file = error.file, let k = members.indices.first(where: { k in
                file == members[k].chapterPath || file.hasSuffix("/" + members[k].chapterPath)
                    || (file as NSString).lastPathComponent == MergedProgram.fileName(k)
            }) else { return .unattributed }
            failing.insert(k)
        }
        return failing.isEmpty ? .unattributed : .failing(failing)
    }
}
