import Foundation
import Testing

/// The cache never serves a stale result: a chapter's Swift, the runtime
/// library, the compiler and the engine each invalidate it, and
/// an edit to prose alone does not. Serialized: one test touches the
/// shared runtime library, which must not race the others.
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
        let derivation = "```derivation\n% for z in logits(count: 3)\na &= b % z.map { _ in 1.0 / Double(z.count) }.reduce(0, +)\n&= 1 % 1.0\n```\n"
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

    @Test func aRebuiltRuntimeInvalidatesEverything() async throws {
        let directory = try book()
        _ = try await cached(directory)
        // A rebuilt libChapterRuntime.so (the runtime changed) has a new modification time.
        let library = RenderProcess.binDirectory + "/libChapterRuntime.so"
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: library)
        #expect(try await cached(directory) == [])
    }

    @Test func noCacheRecompilesEverything() async throws {
        let directory = try book()
        _ = try await cached(directory)
        let result = try await RenderProcess.run(["--verbose", "--no-cache"], in: directory)
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("(cached)"))
    }
}
