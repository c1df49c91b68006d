import Foundation

/// The jobs `swiftc` runs to build a chapter program — compile, gather the
/// libraries the object asks for (autolink), link — learned once from
/// `swiftc -###` and replayed for each program with its own paths.
///
/// Calling the jobs directly skips the driver, which plans the same jobs again
/// for every program: it asks the frontend for its target, lays out temporary
/// files, then waits on each job. That cost 0.1–0.2 s per program here, a third
/// of a small chapter's compile. The jobs are the driver's own, so every flag is
/// still the toolchain's choice. A driver whose plan has another shape (more or
/// fewer jobs, paths this type cannot place) gives no plan, and
/// `ProgramCompiler` calls swiftc as before.
///
/// The link uses lld when the toolchain ships it beside swiftc (`-use-ld=lld`):
/// it took half of gold's time on a chapter program.
struct CompilePlan: Sendable, Equatable {
    /// Each job's words; `placeholder` stands where the program's folder goes.
    var jobs: [[String]]

    /// The folder the plan is made for; replaced by each program's folder.
    static let placeholder = "/render-compile-plan"

    /// The shell script that runs the jobs for a program in `directory`, one
    /// after another, stopping at the first that fails (its status is the script's).
    func script(directory: String) -> String {
        let lines = jobs.map { job in
            job.map { Self.quote($0.replacingOccurrences(of: Self.placeholder, with: directory)) }.joined(separator: " ")
        }
        return "set -e\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The plan for `arguments` (which name `placeholder/main.swift` and
    /// `placeholder/program`), made once per process for each toolchain (by its
    /// `identity`, which changes when swiftc is replaced: a long `render serve`
    /// plans again) and argument list, however many compiles ask at once; nil when
    /// the driver's plan has an unknown shape.
    static func plan(swiftc: String, identity: String = "", arguments: [String]) async -> CompilePlan? {
        await planner.plan(key: ([swiftc, identity] + arguments).joined(separator: "\u{0}")) {
            let linker = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("ld.lld").path
            let lld = FileManager.default.isExecutableFile(atPath: linker) ? ["-use-ld=lld"] : []
            guard let outcome = try? await ChildProcess.run(swiftc, arguments: ["-###"] + lld + arguments, timeout: .seconds(60)),
                  case .exited(0) = outcome.status else { return nil }
            removeTemporaryFolders(in: outcome.standardOutput)
            return parse(outcome.standardOutput)
        }
    }

    private static let planner = Planner()

    /// Makes each plan once; later and concurrent callers share it.
    private actor Planner {
        var plans: [String: Task<CompilePlan?, Never>] = [:]

        func plan(key: String, make: @escaping @Sendable () async -> CompilePlan?) async -> CompilePlan? {
            if let known = plans[key] { return await known.value }
            let task = Task { await make() }
            plans[key] = task
            return await task.value
        }
    }

    /// Reads the driver's plan: three jobs (swift-frontend -c, swift-autolink-extract,
    /// the linker), whose temporary object and autolink files move into the
    /// program's folder. Anything else gives nil.
    static func parse(_ text: String) -> CompilePlan? {
        let jobs = text.split(separator: "\n").map { ShellWords.split(String($0)) }.filter { !$0.isEmpty }
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

    static func value(after flag: String, in words: [String]) -> String? {
        guard let i = words.lastIndex(of: flag), i + 1 < words.count else { return nil }
        return words[i + 1]
    }

    /// Removes the folders the driver made (and left holding only a
    /// `.keep-directory`) for a plan's temporary files.
    static func removeTemporaryFolders(in text: String) {
        let words = text.split(separator: "\n").flatMap { ShellWords.split(String($0)) }
        let folders = Set(words.compactMap { word -> String? in
            let path = word.hasPrefix("@") ? String(word.dropFirst()) : word
            let folder = (path as NSString).deletingLastPathComponent
            return (folder as NSString).lastPathComponent.hasPrefix("TemporaryDirectory.") ? folder : nil
        })
        for folder in folders {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard entries.allSatisfy({ $0 == ".keep-directory" }) else { continue }
            for entry in entries { unlink((folder as NSString).appendingPathComponent(entry)) }
            rmdir(folder)
        }
    }

    /// `word` as one POSIX shell word: single-quoted unless plainly safe.
    static func quote(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
