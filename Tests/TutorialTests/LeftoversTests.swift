import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialProgram

/// What a render killed with SIGKILL leaves is cleaned at the next start, but
/// only what a render made: folders that came with a book stay as they are.
@Suite(.serialized, .timeLimit(.minutes(5))) struct LeftoversTests {
    /// The id of a process that has ended.
    func deadProcess() async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aDeadRendersScratchFoldersGoAndOthersStay() async throws {
        let temporary = try RenderProcess.temporaryDirectory("leftovers")
        let dead = try await deadProcess()
        let left = temporary + "/\(ProgramRunner.scratchPrefix)\(dead)-abcdef"
        let unmarked = temporary + "/\(ProgramRunner.scratchPrefix)\(dead)-ghijkl"
        let live = temporary + "/\(ProgramRunner.scratchPrefix)\(getpid())-mnopqr"
        for folder in [left, unmarked, live] {
            try FileManager.default.createDirectory(atPath: folder + "/work", withIntermediateDirectories: true)
        }
        #expect(RenderMark.set(left) && RenderMark.set(live), "the temporary folder keeps extended attributes")

        Leftovers.clean(temporary: temporary, cgroups: [])
        #expect(!FileManager.default.fileExists(atPath: left), "a dead render's marked scratch folder is removed")
        #expect(FileManager.default.fileExists(atPath: unmarked), "a folder render did not mark stays")
        #expect(FileManager.default.fileExists(atPath: live), "a running render's scratch folder stays")
    }

    @Test(.enabled(if: geteuid() == 0 && ProcessLimitGroup.roots.contains(where: ProcessLimitGroup.usable), "cgroups need root"))
    func aDeadRendersCgroupsGo() async throws {
        let dead = try await deadProcess()
        let roots = ProcessLimitGroup.roots.filter(ProcessLimitGroup.usable) + MemoryLimitGroup.parents().map(\.path)
        let stale = roots.map { $0 + "/\(ProcessLimitGroup.prefix)\(dead)-leftover" }
        for group in stale { #expect(mkdir(group, 0o755) == 0, "\(group)") }
        Leftovers.clean(temporary: try RenderProcess.temporaryDirectory("leftovers"), cgroups: roots)
        for group in stale { #expect(!FileManager.default.fileExists(atPath: group), "\(group) is removed") }
    }

    /// A book that comes with `.output.render-old-7/` and `.output.render-new-7/`
    /// (committed, say): a failing build neither moves them into `output/`
    /// nor deletes them; a sibling a dead render marked is put back.
    @Test func aCommittedSetAsideSiteIsNeverPublished() async throws {
        let book = try RenderProcess.book(chapter: "01-a.md", "# A\n\n```swift\nlet x: Int = \"not a number\"\n```\n")
        for role in ["old", "new"] {
            let folder = book + "/.output.render-\(role)-7"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "planted\n".write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
        }
        let failed = try await RenderProcess.run([], in: book)
        #expect(failed.status == 1, "\(failed.standardError)")
        #expect(!FileManager.default.fileExists(atPath: book + "/output"), "nothing was published")
        for role in ["old", "new"] {
            #expect(FileManager.default.fileExists(atPath: book + "/.output.render-\(role)-7/index.html"), "the book's \(role) folder stays")
        }
    }

    /// A render killed between creating its staging folder and marking it
    /// leaves an empty, unmarked `.output.render-new-N/`: the next render
    /// removes it (an empty folder holds nothing to lose), and nothing else.
    @Test func anEmptyUnmarkedStagingFolderIsRemoved() async throws {
        let book = try RenderProcess.book(chapter: "01-a.md", "# A\n\nText.\n")
        try FileManager.default.createDirectory(atPath: book + "/.output.render-new-8", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: book + "/.output.render-old-8", withIntermediateDirectories: true)
        let result = try await RenderProcess.run(["--quiet"], in: book)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: book + "/.output.render-new-8"), "the empty staging folder goes")
        #expect(FileManager.default.fileExists(atPath: book + "/.output.render-old-8"), "an unmarked set-aside folder stays, empty or not")
    }
}
