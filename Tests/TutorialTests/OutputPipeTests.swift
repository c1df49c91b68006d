import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// A chapter program's standard output and error reach render through
/// pipes: the cap counts the bytes as they arrive (nothing is polled, no
/// file on the host grows), and each block's output is split out of the one
/// stream at the runtime's markers.
@Suite(.serialized, .timeLimit(.minutes(10))) struct OutputPipeTests {
    func book(_ chapter: String, name: String = "01-output") throws -> String {
        try RenderProcess.book(chapter: "\(name).md", chapter)
    }

    /// What one render did: how it ended, what it said, its own peak memory
    /// (as it reports it through `TUTORIAL_TRACE`), and the most bytes its
    /// temporary folder held at once, which the test samples while it runs.
    struct Watched {
        var status: Int32
        var errors: String
        var peakMemory: Int
        var peakTemporaryBytes: Int
    }

    /// Renders with `TMPDIR` set to a folder of the test's own, sampling render's
    /// memory and that folder every 10 ms; checks that nothing render started survives.
    func render(_ directory: String, _ arguments: [String] = []) async throws -> Watched {
        let temporary = try RenderProcess.temporaryDirectory("tmpdir")
        let trace = try RenderProcess.temporaryDirectory("trace")
        let watch = try ProcessWatch(arguments, in: directory, environment: ["TMPDIR": temporary, "TUTORIAL_TRACE": trace])
        var peakTemporaryBytes = 0
        _ = await watch.watch(until: {
            peakTemporaryBytes = max(peakTemporaryBytes, Self.bytes(under: temporary))
            return false
        }, deadline: 300)
        let status = await watch.finish(deadline: 5)
        let survivors = await watch.survivors(within: 5)
        if !survivors.isEmpty { watch.killSurvivors() }
        #expect(status != nil, "render did not finish")
        #expect(survivors.isEmpty, "processes render started are still alive: \(survivors)")
        let reported = try? String(contentsOfFile: trace + "/peak-memory", encoding: .utf8)
        let peakMemory = Int(reported ?? "") ?? 0
        #expect(peakMemory > 0, "render did not report its peak memory")
        return Watched(status: status ?? -1, errors: watch.errors, peakMemory: peakMemory, peakTemporaryBytes: peakTemporaryBytes)
    }

    /// The bytes of the regular files under `folder`.
    static func bytes(under folder: String) -> Int {
        guard let walk = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var total = 0
        for case let path as String in walk {
            var info = stat()
            if lstat(folder + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { total += Int(info.st_size) }
        }
        return total
    }

    func page(_ directory: String, _ name: String = "01-output") throws -> String {
        try String(contentsOfFile: directory + "/output/\(name).html", encoding: .utf8)
    }

    /// With files and a 25 ms poll, 64 MiB written at once just before the
    /// end was accepted (cut to 16 MiB) and all 64 MiB reached the host's
    /// disk. Through a pipe, render stops the program once 16 MiB have come.
    @Test func sixtyFourMiBWrittenAtOnceJustBeforeTheEndIsStoppedAtTheCap() async throws {
        let directory = try book("""
            ```swift hide
            import Glibc
            let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 20)
            let written = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            ```

            Wrote \\(written).
            """)
        // A chapter that prints nothing, for render's own memory.
        let quiet = try book("```swift hide\nlet written = 0\n```\n\nWrote \\(written).\n")
        let baseline = try await render(quiet)
        #expect(baseline.status == 0, "\(baseline.errors)")
        let result = try await render(directory)
        // How much of one page's copies are alive at once depends on how the
        // stages overlap on a busy machine: the lesser of two runs is what
        // render needs (a quiet machine measured 30 to 47 MiB over 35 to 52).
        let again = try await render(directory)
        #expect(result.status == 1)
        #expect(again.status == 1)
        #expect(result.errors.contains("was stopped for printing more than 16 MiB"), "\(result.errors)")
        #expect(!result.errors.contains("Wrote"))
        // No output file: what the host's disk got is the channel and render's own scratch files.
        #expect(result.peakTemporaryBytes < 1 << 20, "the temporary folder held \(result.peakTemporaryBytes) bytes")
        // render holds at most the 16 MiB it kept and its copies (the bytes, the
        // text, the split per block, the page). Keeping the whole 64 MiB and
        // one text copy of it would be 128 MiB.
        let extra = min(result.peakMemory, again.peakMemory) - baseline.peakMemory
        #expect(extra < 5 * ProgramRunner.outputCap, "render's peak memory grew by \(extra >> 20) MiB over a quiet chapter's (\(baseline.peakMemory >> 20) MiB)")
    }

    /// The peak memory render reports is its own, never the process that
    /// started it: `ru_maxrss` carries the parent's high-water mark across a
    /// vfork and exec, and the test above then compared how much the test
    /// process had grown between two renders (142 MiB in a busy CI run).
    @Test func renderReportsItsOwnPeakMemoryNotItsParents() async throws {
        let directory = try book("```swift hide\nlet written = 0\n```\n\nWrote \\(written).\n")
        // This process touches 512 MiB, and holds them while render starts.
        let held = 512 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: held, alignment: 4096)
        defer { block.deallocate() }
        for offset in stride(from: 0, to: held, by: 4096) { block.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self) }
        let result = try await render(directory)
        #expect(block.load(fromByteOffset: held - 4096, as: UInt8.self) == 1)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.peakMemory < held / 2, "a one-chapter render reported \(result.peakMemory >> 20) MiB")
    }

    @Test func eachBlockShowsWhatItPrintedUnderIt() async throws {
        let directory = try book("""
            ```swift output
            print("first block")
            func noisy() -> Int { print("an inline value prints"); return 2 }
            ```

            Between: \\(noisy()).

            ```swift output
            print("second block, no newline", terminator: "")
            ```

            ```swift output
            import Glibc
            _ = "third block by write(2)\\n".withCString { write(1, $0, strlen($0)) }
            print("\\u{1}tutorial-output 0123456789abcdef0123456789abcdef end 2")
            print("still the third block")
            ```
            """)
        let result = try await render(directory)
        #expect(result.status == 0, "\(result.errors)")
        let text = try page(directory)
        let outputs = text.components(separatedBy: "<pre class=\"output\"><code>").dropFirst()
            .map { $0.components(separatedBy: "</code></pre>")[0] }
        #expect(outputs.count == 3, "\(text)")
        guard outputs.count == 3 else { return }
        #expect(outputs[0] == "first block\n")
        #expect(outputs[1] == "second block, no newline")
        #expect(outputs[2].hasPrefix("third block by write(2)\n") && outputs[2].hasSuffix("end 2\nstill the third block\n"), "\(outputs[2])")
        // What an inline value prints, between two blocks, is under neither.
        #expect(!outputs.joined().contains("an inline value prints"))
    }

    /// A program run unconfined by `ProgramRunner`: a shell script that
    /// marks block 0's start as the runtime does, from the channel file's
    /// second line, and then runs `body`.
    func runScript(_ body: String) async throws -> RawRun {
        let folder = try RenderProcess.temporaryDirectory("script")
        let script = folder + "/program"
        try """
            #!/bin/sh
            nonce=$(sed -n 2p "$TUTORIAL_CHANNEL")
            printf '\\001tutorial-output %s start 0\\n' "$nonce"
            \(body)
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let runner = ProgramRunner(timeout: .seconds(60), sandbox: Sandbox(bubblewrap: nil, memoryLimit: 1 << 30), libraries: [])
        return try await runner.run(binary: script, seeds: [], in: folder)
    }

    /// Bytes written to fd 1 are in render's pipe at once: a trap loses none of them.
    @Test func whatABlockPrintedBeforeATrapIsKept() async throws {
        let raw = try await runScript("printf 'printed before the trap\\n'\nkill -ILL $$")
        #expect(raw.ending == .signaled(SIGILL))
        #expect(raw.printed == [0: "printed before the trap\n"])
    }

    @Test func sixtyFourMiBAtOnceIsTheOutputCapsEnding() async throws {
        let raw = try await runScript("head -c 67108864 /dev/zero\nexit 0")
        #expect(raw.ending == .outputCapExceeded(bytes: ProgramRunner.outputCap))
        #expect((raw.printed[0]?.utf8.count ?? 0) <= ProgramRunner.outputCap)
    }

    /// The runtime's own markers, and a `print` just before a trap: the
    /// program render compiled for a failing chapter (kept in its cache),
    /// run again through `ProgramRunner`, keeps the printed line under its
    /// block, because standard output is line-buffered and the pipe takes
    /// each line as it is written.
    @Test func aLinePrintedJustBeforeATrapIsKeptUnderItsBlock() async throws {
        let directory = try book("""
            ```swift output
            print("first block")
            ```

            ```swift output
            print("printed before the trap")
            let values: [Int] = []
            let element = values[3]
            ```

            Element \\(element).
            """)
        let result = try await render(directory)
        #expect(result.status == 1)
        #expect(result.errors.contains("Index out of range"), "\(result.errors)")
        let programs = directory + "/.render-cache/programs"
        let folders = try FileManager.default.contentsOfDirectory(atPath: programs)
        #expect(folders.count == 1)
        guard let folder = folders.first.map({ programs + "/" + $0 }) else { return }
        let runner = ProgramRunner(timeout: .seconds(60), sandbox: Sandbox(bubblewrap: nil, memoryLimit: 1 << 30), libraries: [])
        let raw = try await runner.run(binary: folder + "/program", seeds: [], in: folder)
        #expect(raw.ending == .signaled(SIGILL) || raw.ending == .signaled(SIGTRAP), "\(raw.ending)")
        #expect(raw.printed == [0: "first block\n", 1: "printed before the trap\n"])
    }
}
