import Foundation
import TutorialBase
import TutorialMarkdown

/// The jobs `swiftc` runs to build a chapter program — compile, gather the
/// libraries the object asks for (autolink), link — learned once from
/// `swiftc -###` and replayed for each program with its own paths.
///
/// Calling the jobs directly skips the driver, which plans the same jobs again
/// for every program: it asks the frontend for its target, lays out temporary
/// files, then waits on each job. That cost 0.1–0.2 s per program here, a third
/// of a small chapter's compile. The jobs are the driver's own, so every flag is
/// still the toolchain's choice. A driver whose plan has another shape (more or
/// fewer jobs, paths this type cannot place — macOS's driver, or a response
/// file) gives no plan, and `ProgramCompiler` calls swiftc as before.
///
/// The link uses lld when the toolchain ships it beside swiftc (`-use-ld=lld`):
/// it took half of gold's time on a chapter program.
struct CompilePlan: Sendable, Equatable {
    /// Each job's words; `placeholder` (or a path under it) stands where the
    /// program's folder goes.
    package var jobs: [[String]]

    /// The folder the plan is made for; replaced by each program's folder.
    package static let placeholder = "/render-compile-plan"

    /// The shell script that runs the jobs for a program in `directory`, one
    /// after another, stopping at the first that fails (its status is the script's).
    package func script(directory: String) -> String {
        let lines = jobs.map { job in
            job.map { ShellWords.quote(Self.place($0, in: directory)) }.joined(separator: " ")
        }
        return "set -e\n" + lines.joined(separator: "\n") + "\n"
    }

    /// `word` with the placeholder folder replaced by `directory`, where the
    /// word is that folder, a path in it, or a response file (`@path`) in it.
    package static func place(_ word: String, in directory: String) -> String {
        for prefix in ["", "@"] where word == prefix + placeholder || word.hasPrefix(prefix + placeholder + "/") {
            return prefix + directory + word.dropFirst(prefix.count + placeholder.count)
        }
        return word
    }

    /// The plan for `arguments` (which name `placeholder/main.swift` and
    /// `placeholder/program`), made once per process for each toolchain (by its
    /// `identity`, which changes when swiftc is replaced: a long `render serve`
    /// plans again) and argument list, however many compiles ask at once.
    ///
    /// nil when the driver's plan has an unknown shape, which is remembered, or
    /// when `swiftc -###` did not answer, which is asked again next time.
    static func plan(swiftc: String, identity: String, arguments: [String]) async -> CompilePlan? {
        await planner.plan(key: ([swiftc, identity] + arguments).joined(separator: "\u{0}")) {
            let linker = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("ld.lld").path
            let lld = FileManager.default.isExecutableFile(atPath: linker) ? ["-use-ld=lld"] : []
            guard let outcome = try? await ChildProcess.run(swiftc, arguments: ["-###"] + lld + arguments, timeout: .seconds(60)),
                  case .exited(0) = outcome.status else { return (nil, final: false) }
            let jobs = Self.jobs(outcome.standardOutput)
            removeTemporaryFolder(of: jobs)
            return (parse(jobs), final: true)
        }
    }

    private static let planner = Planner()

    /// Makes each plan once; later and concurrent callers share it. An answer
    /// that is not final is forgotten once given.
    private actor Planner {
        var plans: [String: Task<(CompilePlan?, final: Bool), Never>] = [:]

        func plan(key: String, make: @escaping @Sendable () async -> (CompilePlan?, final: Bool)) async -> CompilePlan? {
            if let known = plans[key] { return await known.value.0 }
            let task = Task { await make() }
            plans[key] = task
            let (plan, final) = await task.value
            if !final { plans[key] = nil }
            return plan
        }
    }

    /// The driver's jobs, one per line of its `-###` output.
    package static func jobs(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { ShellWords.split(String($0)) }.filter { !$0.isEmpty }
    }

    /// Reads the driver's plan: three jobs (swift-frontend -c, swift-autolink-extract,
    /// the linker), whose temporary object and autolink files move into the
    /// program's folder. Anything else gives nil.
    package static func parse(_ text: String) -> CompilePlan? { parse(jobs(text)) }

    package static func parse(_ jobs: [[String]]) -> CompilePlan? {
        guard jobs.count == 3,
              jobs[0][0].hasSuffix("swift-frontend"), jobs[0].contains("-c"),
              jobs[1][0].hasSuffix("swift-autolink-extract"),
              let object = value(after: "-o", in: jobs[0]), let autolink = value(after: "-o", in: jobs[1]),
              jobs[1].contains(object), jobs[2].contains(object), jobs[2].contains("@" + autolink),
              value(after: "-o", in: jobs[2]) == placeholder + "/program"
        else { return nil }
        let moved = jobs.map { job in
            job.map { word -> String in
                if word == object { return placeholder + "/program.o" }
                if word == autolink { return placeholder + "/program.autolink" }
                if word == "@" + autolink { return "@" + placeholder + "/program.autolink" }
                return word
            }
        }
        // Every other temporary path would be shared between programs: refuse.
        let temporary = (object as NSString).deletingLastPathComponent
        guard !moved.joined().contains(where: { $0.contains(temporary) }) else { return nil }
        return CompilePlan(jobs: moved)
    }

    /// The word after the last `flag` of a job (its output, for `-o`).
    package static func value(after flag: String, in words: [String]) -> String? {
        guard let i = words.lastIndex(of: flag), i + 1 < words.count else { return nil }
        return words[i + 1]
    }

    /// The folder the driver made for the compile's object (`-o` of the first
    /// job), when it is a `TemporaryDirectory.*` in the system's temporary folder.
    static func temporaryFolder(of jobs: [[String]]) -> String? {
        guard let object = jobs.first.flatMap({ value(after: "-o", in: $0) }) else { return nil }
        let folder = (object as NSString).deletingLastPathComponent
        let parent = URL(fileURLWithPath: (folder as NSString).deletingLastPathComponent).standardizedFileURL.path
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path
        guard (folder as NSString).lastPathComponent.hasPrefix("TemporaryDirectory."), parent == temporary else { return nil }
        return folder
    }

    /// Removes that folder: `-###` makes it and leaves it holding only a `.keep-directory`.
    static func removeTemporaryFolder(of jobs: [[String]]) {
        guard let folder = temporaryFolder(of: jobs),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: folder),
              entries.allSatisfy({ $0 == ".keep-directory" }) else { return }
        for entry in entries { unlink((folder as NSString).appendingPathComponent(entry)) }
        rmdir(folder)
    }
}
