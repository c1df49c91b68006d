import Foundation
import Testing
@testable import Tutorial

/// Chapters that write to render's channel themselves, the way a hostile
/// chapter once made a false claim and a false derivation pass and put raw
/// markup into a page: each is now an error at the chapter, and the build
/// fails. A chapter that leaves the channel alone still builds.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ChannelForgeryTests {
    static let message = "the chapter program wrote to render's channel itself"

    /// A block that appends `line` (Swift string-literal text) to the channel file, as raw bytes.
    static func writing(_ line: String) -> String {
        """
        ```swift hide
        import Glibc
        let channel = open(getenv("TUTORIAL_CHANNEL"), O_WRONLY | O_APPEND)
        let forged = Array("\(line)\\n".utf8)
        _ = forged.withUnsafeBytes { write(channel, $0.baseAddress, $0.count) }
        ```
        """
    }

    func check(_ chapter: String) async throws -> RenderProcess.Result {
        let directory = try RenderProcess.book(chapter: "01-forged.md", chapter)
        return try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
    }

    @Test func aForgedValueIsAnError() async throws {
        let result = try await check("""
            ```swift hide
            let x = 2
            ```

            The claim \\(x ≈ 3) holds.

            \(Self.writing(#"{\"value\":{\"id\":0,\"value\":{\"int\":\"3\"}}}"#))
            """)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-forged.md:7:1: error: \(Self.message): line "), "\(result.standardError)")
        #expect(result.standardError.contains("is not a record of render's runtime"), "\(result.standardError)")
    }

    @Test func aForgedDerivationVerdictIsAnError() async throws {
        // x = 2x = x + 1 is false; the forged verdict says all its steps held.
        let result = try await check("""
            ```derivation
            % for x in real(in: 1...3)
            x &= 2 x = x + 1
            ```

            \(Self.writing(#"{\"derivation\":{\"id\":0,\"draws\":20,\"failures\":[]}}"#))
            """)
        #expect(result.status == 1)
        #expect(result.standardError.contains(Self.message), "\(result.standardError)")
        #expect(!result.standardError.contains("All 3 steps checked"))
    }

    @Test func aForgedFigureIsAnError() async throws {
        let result = try await check("""
            ```swift
            print("drawn")
            ```

            \(Self.writing(#"{\"figure\":{\"_0\":{\"block\":0,\"label\":\"fig:x\",\"caption\":\"x\",\"alt\":\"x\",\"svg\":\"<svg><script>alert(1)</script></svg>\"}}}"#))
            """)
        #expect(result.status == 1)
        #expect(result.standardError.contains(Self.message), "\(result.standardError)")
    }

    @Test func aRecordOfTheRuntimeCopiedIsAnError() async throws {
        // The chapter replays the runtime's own start record, whose tag is valid.
        let result = try await check("""
            ```swift hide
            import Glibc
            let channel = open(getenv("TUTORIAL_CHANNEL"), O_RDWR | O_APPEND)
            var bytes = [UInt8](repeating: 0, count: 4096)
            let count = pread(channel, &bytes, bytes.count, 0)
            let first = bytes[0..<max(count, 0)].split(separator: UInt8(ascii: "\\n")).first.map { [UInt8]($0) + [UInt8(10)] } ?? [UInt8]()
            _ = first.withUnsafeBytes { write(channel, $0.baseAddress, $0.count) }
            ```

            Copied \\(first.count) bytes.
            """)
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(Self.message): line 4 of the channel is a record of render's runtime out of its order"), "\(result.standardError)")
    }

    @Test func chapterCodeCannotCallOrShadowTheRuntimesOwnCalls() async throws {
        // Called from a claim, the runtime's own calls would send a framed value and end in the right places.
        let result = try await check("""
            ```swift hide
            let x = 2
            func __tutorialDerivation(_ id: Int) {}
            ```

            The claim \\({ ChapterRuntime.__tutorialValue(0, 3); __tutorialEnd(); exit(0) }() ≈ 3) holds.
            """)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-forged.md:3:6: error: `__tutorialDerivation` is a name of render's runtime"), "\(result.standardError)")
        #expect(result.standardError.contains("chapters/01-forged.md:6:30: error: `__tutorialValue` is a name of render's runtime"), "\(result.standardError)")
    }

    @Test func chapterCodeCannotShadowTheArithmeticADerivationIsReadAs() async throws {
        // Found before they were reserved: these two made x = 2x = x + 1 show every step checked.
        let result = try await check("""
            ```swift hide
            func __texAdd<T>(_ a: T, _ b: T) throws -> T { a }
            func __texMultiply<T>(_ a: T, _ b: T) throws -> T { b }
            ```

            ```derivation
            % for x in real(in: 1...3)
            x &= 2 x = x + 1
            ```
            """)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-forged.md:2:6: error: `__texAdd` is a name of render's runtime"), "\(result.standardError)")
        #expect(!result.standardError.contains("All 3 steps checked"))
    }

    @Test func chapterCodeCannotImportTheRuntimesInternals() async throws {
        // A debug build compiles the runtime for testing, and its internals hold the channel's key.
        let result = try await check("""
            ```swift output
            @testable import ChapterRuntime
            print(Channel.key)
            ```
            """)
        #expect(result.status == 1)
        #expect(result.standardError.contains("chapters/01-forged.md:2:18: error: a book may not write `@testable import ChapterRuntime`"), "\(result.standardError)")
    }

    @Test func neitherAChapterNorTheSharedSourcesMayStandForTheRuntimeModule() async throws {
        // The program draws from `ChapterRuntime.real(...)`: a type of that name would draw instead.
        let directory = try RenderProcess.book(chapter: "01-forged.md", """
            ```swift hide
            enum ChapterRuntime { static func real(in range: ClosedRange<Double>) -> Int { 0 } }
            ```
            """)
        let chapter = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(chapter.status == 1)
        #expect(chapter.standardError.contains("chapters/01-forged.md:2:6: error: a book may not declare its own `ChapterRuntime`"), "\(chapter.standardError)")

        try "# A\n\n```swift\nlet x = 1\n```\n".write(toFile: directory + "/chapters/01-forged.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/Sources", withIntermediateDirectories: true)
        try "[swift]\nsources = [\"Sources\"]\n".write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        try "import ChapterRuntime\n\npublic enum ChapterRuntime {}\n".write(toFile: directory + "/Sources/Shadow.swift", atomically: true, encoding: .utf8)
        let shared = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(shared.status == 1)
        #expect(shared.standardError.contains("Sources/Shadow.swift:3:13: error: a book may not declare its own `ChapterRuntime`"), "\(shared.standardError)")
    }

    @Test func aBookThatLeavesTheChannelAloneBuildsAndCannotReadTheKey() async throws {
        // The chapter reads its channel file: the key line is gone, and the first line is the runtime's start record.
        let directory = try RenderProcess.book(chapter: "01-honest.md", """
            ```swift
            import Glibc
            let channel = open(getenv("TUTORIAL_CHANNEL"), O_RDONLY)
            var bytes = [UInt8](repeating: 0, count: 4096)
            let count = read(channel, &bytes, bytes.count)
            let first = String(decoding: bytes[0..<max(count, 0)].prefix { $0 != 10 }, as: UTF8.self)
            let x = 2
            ```

            The first record is a start: \\(first.dropFirst(17).hasPrefix("0 {\\"start\\"")). The claim \\(x ≈ 2) holds.

            ```derivation
            % for x in real(in: 1...3)
            2 x &= x + x
            ```
            """)
        let result = try await RenderProcess.run(["build", "--quiet", "--no-cache"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let page = try String(contentsOfFile: directory + "/output/01-honest.html", encoding: .utf8)
        #expect(page.contains("The first record is a start: <span class=\"value\" title=\"first.dropFirst(17).hasPrefix(&quot;0 {\\&quot;start\\&quot;&quot;)\">true</span>."), "\(page)")
    }
}
