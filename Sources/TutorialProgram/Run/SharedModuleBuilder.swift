import Foundation
import TutorialBase
import TutorialMarkdown

/// Compiles the book's shared sources (every `.swift` file of the `[swift]
/// sources` folders) into one module, `BookShared`, a dynamic library every
/// chapter program links and imports (`@testable`, so that plain `func` and
/// `struct` declarations are in scope without `public`).
///
/// - **Compiled once per content.** The module's key hashes each file's path
///   and text, and the toolchain identity (compiler, runtime, the book's
///   packages); it lives in the book's cache (`shared/KEY`), so a chapter edit
///   never rebuilds it, and an edit to it recompiles every chapter.
/// - **Errors at the shared file's own line**: swiftc is given the files by
///   the paths the author knows (`Sources/Helpers.swift`).
/// - **The same names as a chapter.** The runtime and the book's packages are
///   imported into every shared file, as into every chapter.
/// - **Chapters stay independent**: they share this module only; nothing of
///   one chapter reaches another.
/// - **No names of the program's own** (`ReservedNames`): the module is
///   imported into every chapter program, so its `enum ChapterRuntime` would
///   stand for the runtime where the program qualifies a generator, and its
///   `__tex…` functions could stand for the runtime's. A file that declares or
///   uses one is an error at its line, before anything compiles.
package struct SharedModuleBuilder: Sendable {
    /// The shared files, as diagnostics name them, in order.
    package var files: [String]
    /// The toolchain, already linking the book's packages.
    package var toolchain: Toolchain
    package var cache: BuildCache
    package var sandboxes: LazySandbox
    package var timeout: Duration

    package static let module = "BookShared"

    /// Every `.swift` file under `folders`, sorted, hidden files and folders skipped.
    package static func files(in folders: [String]) -> [String] {
        folders.flatMap { folder -> [String] in
            let found = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
            return found.filter { $0.hasSuffix(".swift") && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                .sorted().map { (folder as NSString).appendingPathComponent($0) }
        }
    }

    /// The key of the module: its files' paths and texts and the toolchain.
    package func key() -> String {
        var hash = ContentHash()
        hash.add("shared")
        hash.add(BuildCache.formatVersion)
        hash.add(toolchain.identity)
        for file in files {
            hash.add(file)
            hash.add(String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self))
        }
        return hash.hex
    }

    /// The compiled module, from the cache or compiled now.
    /// - Returns: the library, or swiftc's errors at the shared files' lines.
    package func build() async throws -> Result<LinkedLibrary, BuildFailure> {
        let key = key()
        let library = { (folder: String) in
            LinkedLibrary(module: Self.module, testable: true, libraryDirectory: folder, modulesDirectory: folder, identity: key)
        }
        if cache.enabled {
            for root in cache.readRoots {
                let folder = (root as NSString).appendingPathComponent("shared/\(key)")
                if (try? String(contentsOfFile: folder + "/compiled", encoding: .utf8)) == key { return .success(library(folder)) }
            }
        }
        // A module in the cache was read when it was compiled: its key holds every file's text.
        let reserved = files.flatMap { file in
            ReservedNames.diagnostics(inSwiftFile: file, text: String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self))
        }
        if !reserved.isEmpty { return .failure(BuildFailure(reserved)) }
        let shared = (cache.writeRoot as NSString).appendingPathComponent("shared")
        try BuildCache.refuseLink(shared)
        let folder = (shared as NSString).appendingPathComponent(key)
        try BuildCache.refuseLink(folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let sandbox = try await sandboxes.get()
        var arguments = [
            "-emit-library", "-emit-module", "-parse-as-library", "-enable-testing",
            "-module-name", Self.module, "-Onone", "-suppress-warnings", "-diagnostic-style", "llvm",
            "-I", toolchain.modulesDirectory,
        ]
        for library in ["ChapterRuntime"] + toolchain.libraries.map(\.module) {
            arguments += ["-Xfrontend", "-import-module", "-Xfrontend", library]
        }
        arguments += toolchain.linkArguments()
        arguments += files
        arguments += ["-o", folder + "/lib\(Self.module).so", "-emit-module-path", folder + "/\(Self.module).swiftmodule"]
        try FileManager.default.createDirectory(atPath: cache.compilerHome, withIntermediateDirectories: true)
        let command = sandbox.compileCommand(swiftc: toolchain.swiftc, arguments: arguments, toolchain: toolchain, output: folder,
                                             home: cache.compilerHome, reads: files)
        let outcome = try await ChildProcess.run(command.executable, arguments: command.arguments, timeout: timeout, processGroup: true)
        if case .timedOut = outcome.status {
            return .failure(BuildFailure([Diagnostic(file: files[0], line: 1, "the shared sources did not compile within the time limit of \(ChapterRun.seconds(timeout.seconds)) (change it with --compile-timeout)")]))
        }
        guard case .exited(0) = outcome.status else {
            return .failure(BuildFailure(diagnostics(from: outcome.standardError + outcome.standardOutput)))
        }
        try key.write(toFile: folder + "/compiled", atomically: true, encoding: .utf8)
        // Older versions of the module are no longer linked by anything this build makes.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: shared)) ?? [] where name != key {
            let path = (shared as NSString).appendingPathComponent(name)
            if (try? BuildCache.refuseLink(path)) == nil { unlink(path); continue }
            try? FileManager.default.removeItem(atPath: path)
        }
        return .success(library(folder))
    }

    /// `FILE:LINE:COL: error: MESSAGE` lines of swiftc, at the shared files.
    package func diagnostics(from output: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for error in CompilerMessage.errors(in: output) {
            if let file = error.file {
                found.append(Diagnostic(file: file, line: error.line, column: error.column, error.message))
            } else {
                found.append(Diagnostic(file: files[0], line: 1, "the shared sources did not compile: \(error.message)"))
            }
        }
        if found.isEmpty {
            let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
            found.append(Diagnostic(file: files[0], line: 1, "the shared sources did not compile: \(text)"))
        }
        return Array(Set(found)).sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    /// The memberwise initializer, for the driver a layer above.
    package init(files: [String], toolchain: Toolchain, cache: BuildCache, sandboxes: LazySandbox, timeout: Duration) {
        self.files = files
        self.toolchain = toolchain
        self.cache = cache
        self.sandboxes = sandboxes
        self.timeout = timeout
    }
}
