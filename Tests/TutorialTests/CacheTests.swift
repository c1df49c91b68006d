import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The cache never serves a stale result: a chapter's Swift, the runtime
/// library, the compiler and the engine each invalidate it, and
/// an edit to prose alone does not.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CacheTests {
    func book() throws -> String {
        let directory = try RenderProcess.temporaryDirectory("cache")
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try write("```swift\nlet x = 2.0\n```\n\nValue \\(x).\n", to: directory + "/chapters/01-a.md")
        try write("```swift\nlet y = 3.0\n```\n\nValue \\(y).\n", to: directory + "/chapters/02-b.md")
        return directory
    }

    func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The chapters whose program came from the cache in this build.
    func cached(_ directory: String, environment: [String: String] = [:], executable: String = RenderProcess.executable) async throws -> [String] {
        let result = try await RenderProcess.run(["--verbose"], in: directory, environment: environment, executable: executable)
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput.split(separator: "\n").filter { $0.hasSuffix("(cached)") }
            .compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }.sorted()
    }

    @Test func nothingChangedMeansNothingRecompiled() async throws {
        let directory = try book()
        #expect(try await cached(directory) == [])
        #expect(try await cached(directory) == ["01-a", "02-b"])
    }

    /// A chapter without code is neither cached nor compiled, and says so.
    @Test func aChapterWithoutCodeSaysSo() async throws {
        let directory = try book()
        try write("# Prose\n\nNo code here.\n", to: directory + "/chapters/03-c.md")
        _ = try await cached(directory)
        let result = try await RenderProcess.run(["--verbose"], in: directory)
        let line = result.standardOutput.split(separator: "\n").first { $0.contains("03-c") } ?? ""
        #expect(line.hasSuffix("(no code)"), "\(result.standardOutput)")
        #expect(try await cached(directory) == ["01-a", "02-b"])
    }

    @Test func editingProseRedoesNothing() async throws {
        let directory = try book()
        _ = try await cached(directory)
        try write("```swift\nlet x = 2.0\n```\n\nThe value is \\(x), as said.\n\nMore prose.\n", to: directory + "/chapters/01-a.md")
        #expect(try await cached(directory) == ["01-a", "02-b"])
        let page = try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8)
        #expect(page.contains("More prose."))
    }

    @Test func movingADerivationRerunsWithANewSeedButDoesNotRecompile() async throws {
        let directory = try book()
        let derivation = "```derivation\n% for z in logits(count: 3)\n% let s = z.map { _ in 1.0 / Double(z.count) }.reduce(0, +)\ns &= 1 % 1.0\n```\n"
        try write("```swift\nlet x = 2.0\n```\n\n" + derivation, to: directory + "/chapters/01-a.md")
        _ = try await cached(directory)
        try write("```swift\nlet x = 2.0\n```\n\nA new paragraph above it.\n\n" + derivation, to: directory + "/chapters/01-a.md")
        let result = try await RenderProcess.run(["--verbose"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("01-a  0 values · 0 claims · 1 derivation"))
        #expect(result.standardOutput.split(separator: "\n").contains { $0.hasPrefix("✓ 01-a") && $0.hasSuffix("(rerun, not recompiled)") },
                "\(result.standardOutput)")
    }

    @Test func editingSwiftRedoesOnlyThatChapter() async throws {
        let directory = try book()
        _ = try await cached(directory)
        try write("```swift\nlet x = 5.0\n```\n\nValue \\(x).\n", to: directory + "/chapters/01-a.md")
        #expect(try await cached(directory) == ["02-b"])
        let page = try String(contentsOfFile: directory + "/output/01-a.html", encoding: .utf8)
        #expect(page.contains(#"<span class="value" title="x">5.0</span>"#))
    }

    @Test func aNewCompilerInvalidatesEverything() async throws {
        let directory = try book()
        _ = try await cached(directory)
        let real = try #require(ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        let other = try RenderProcess.temporaryDirectory("swiftc") + "/swiftc"
        try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: real)
        #expect(try await cached(directory, environment: ["SWIFTC": other]) == [])
    }

    @Test func aNewEngineInvalidatesEverything() async throws {
        let directory = try book()
        _ = try await cached(directory)
        let copy = try RenderProcess.temporaryDirectory("engine") + "/render"
        try FileManager.default.copyItem(atPath: RenderProcess.executable, toPath: copy)
        #expect(try await cached(directory, environment: ["TUTORIAL_RUNTIME_DIR": RenderProcess.binDirectory], executable: copy) == [])
    }

    /// A runtime folder of this test's own, laid out as SwiftPM's (its
    /// library a copy, its modules and checkouts links to the real ones), so
    /// that touching its library cannot invalidate what other suites, running
    /// at the same time, have cached: the shared library once was touched
    /// here, and a concurrent test saw every chapter recompiled.
    func privateRuntime() throws -> String {
        let root = try RenderProcess.temporaryDirectory("runtime")
        let runtime = root + "/.build/triple/debug"
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
        let real = URL(fileURLWithPath: RenderProcess.binDirectory).resolvingSymlinksInPath().path
        try FileManager.default.copyItem(atPath: real + "/libChapterRuntime.so", toPath: runtime + "/libChapterRuntime.so")
        try FileManager.default.createSymbolicLink(atPath: runtime + "/Modules", withDestinationPath: real + "/Modules")
        let checkouts = URL(fileURLWithPath: real).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("checkouts").path
        try FileManager.default.createSymbolicLink(atPath: root + "/.build/checkouts", withDestinationPath: checkouts)
        return runtime
    }

    @Test func aRebuiltRuntimeInvalidatesEverything() async throws {
        let directory = try book()
        let runtime = try privateRuntime()
        let environment = ["TUTORIAL_RUNTIME_DIR": runtime]
        _ = try await cached(directory, environment: environment)
        #expect(try await cached(directory, environment: environment) == ["01-a", "02-b"], "nothing changed yet")
        // A rebuilt libChapterRuntime.so (the runtime changed) has a new modification time.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: runtime + "/libChapterRuntime.so")
        #expect(try await cached(directory, environment: environment) == [])
    }

    @Test func noCacheRecompilesEverything() async throws {
        let directory = try book()
        _ = try await cached(directory)
        let result = try await RenderProcess.run(["--verbose", "--no-cache"], in: directory)
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("(cached)"))
    }
}

/// The stamp that tells whether a package's or the runtime's file changed.
@Suite struct FileStampTests {
    @Test func aStampChangesWithTheFileAndFollowsLinks() throws {
        let folder = try RenderProcess.temporaryDirectory("stamp")
        let file = folder + "/a.swift"
        try "let a = 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let first = Toolchain.stamp(file)
        #expect(first == Toolchain.stamp(file))
        try "let a = 12\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(Toolchain.stamp(file) != first, "a new size")
        let sized = Toolchain.stamp(file)
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        #expect(Toolchain.stamp(file) != sized, "a new modification time")
        #expect(symlink(file, folder + "/link.swift") == 0)
        #expect(Toolchain.stamp(folder + "/link.swift") == Toolchain.stamp(file), "a link stamps as its target")
        #expect(Toolchain.stamp(folder + "/missing").hasPrefix("missing:"))
    }
}
