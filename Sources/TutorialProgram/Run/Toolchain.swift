import Foundation
import TutorialBase
import TutorialMarkdown

/// Where the Swift compiler and the chapter runtime are, and how to link a
/// chapter program against them.
///
/// Chapter programs link `libChapterRuntime.so`, the package's dynamic
/// library product, which carries the runtime, and the book's own libraries
/// (`libraries`: its packages and its shared sources). SwiftPM builds the runtime
/// next to `render` in the same build folder (`swift build` or `make`), and
/// `make install` puts it in `PREFIX/lib/render` beside `PREFIX/bin/render`,
/// so the engine looks beside its own executable, then in `../lib/render`
/// (or in `TUTORIAL_RUNTIME_DIR`), and uses the module files found there. The one C module the Swift
/// modules import (swift-numerics' shims) is found through its module map in
/// the build folder's `checkouts`.
public struct Toolchain: Sendable {
    /// The `swiftc` that compiles chapter programs.
    public var swiftc: String
    /// The folder holding `libChapterRuntime.so`.
    package var runtimeDirectory: String
    /// The folder holding `ChapterRuntime.swiftmodule`.
    var modulesDirectory: String
    /// Module maps of C modules the runtime's Swift modules import.
    var moduleMaps: [String]
    /// Changes whenever the compiler, the runtime library or the engine
    /// changes: part of every cache key.
    package var identity: String
    /// The package's root folder, when render runs from a package build.
    public var packageRoot: String?
    /// The book's libraries, linked and imported after the runtime (see `linking(_:)`).
    public var libraries: [LinkedLibrary] = []

    static let libraryName = "libChapterRuntime.so"

    /// What a chapter program loads at run time, for the sandbox to mount
    /// read-only: the toolchain's Swift runtime libraries, its backtracer
    /// (which prints a trap's backtrace, when the toolchain has one) and the
    /// chapter runtime.
    var runtimeLibraries: [String] {
        let toolchain = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        let swiftLibraries = toolchain.appendingPathComponent("lib/swift/linux").path
        let backtracer = toolchain.appendingPathComponent("libexec/swift/linux").path
        let library = URL(fileURLWithPath: (runtimeDirectory as NSString).appendingPathComponent(Self.libraryName)).standardizedFileURL.path
        return [swiftLibraries] + (FileManager.default.fileExists(atPath: backtracer) ? [backtracer] : []) + [library] + libraries.map(\.file)
    }

    /// What a compile reads besides the toolchain: the runtime's and the
    /// book's libraries and module files, and the folders of the C module maps
    /// (a map names its headers relative to itself).
    var compileReads: [String] {
        var reads = [runtimeDirectory, modulesDirectory]
        for library in libraries { reads += [library.libraryDirectory, library.modulesDirectory] }
        for map in moduleMaps + libraries.flatMap(\.moduleMaps) {
            reads.append(((map as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
        }
        // Each also where its links lead (a runtime folder whose `Modules` is a link, say): these are render's and the toolchain's, not the book's.
        return reads + reads.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }

    /// This toolchain with `library` linked into every chapter program: its
    /// identity, hence every chapter's cache key, changes with the library's.
    public func linking(_ library: LinkedLibrary) -> Toolchain {
        var copy = self
        copy.libraries.append(library)
        copy.identity = ContentHash.of(identity, library.module, library.identity)
        return copy
    }

    /// The import lines of every chapter program, in order.
    package var importLines: [String] {
        ["import ChapterRuntime"] + libraries.map(\.importLine)
    }

    /// Finds the toolchain and runtime. - Throws: `SetupError` with the fix.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Toolchain {
        let swiftc = try findSwiftc(environment)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let runtime = try runtimeDirectory(executable: executable, environment: environment)
        let library = (runtime as NSString).appendingPathComponent(libraryName)
        let fm = FileManager.default
        var modules = (runtime as NSString).appendingPathComponent("Modules")
        if !fm.fileExists(atPath: (modules as NSString).appendingPathComponent("ChapterRuntime.swiftmodule")) {
            modules = runtime
        }
        // An installed runtime keeps its C module maps in its own `checkouts`
        // (see `make install`); a build folder's are two levels up.
        let scratch = URL(fileURLWithPath: runtime).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
        let installed = URL(fileURLWithPath: runtime).appendingPathComponent("checkouts").path
        let checkouts = fm.fileExists(atPath: installed) ? installed : scratch.appendingPathComponent("checkouts").path
        // Two listings, not a walk of every checkout.
        let maps = moduleMaps(checkouts: checkouts)
        let root = scratch.deletingLastPathComponent().path
        let packageRoot = fm.fileExists(atPath: root + "/Package.swift") ? root : nil

        var identity = ContentHash()
        identity.add(swiftc)
        for path in [swiftc, library, executable] { identity.add(stamp(path)) }
        if let packageRoot { identity.add(runtimeSourcesDigest(packageRoot)) }
        return Toolchain(
            swiftc: swiftc, runtimeDirectory: runtime, modulesDirectory: modules, moduleMaps: maps,
            identity: identity.hex, packageRoot: packageRoot)
    }

    /// Where the chapter runtime is, in this order: `TUTORIAL_RUNTIME_DIR`;
    /// beside render's own executable (links followed), as in a SwiftPM
    /// build folder; `../lib/render` from it, as `make install` lays it out.
    /// - Throws: `SetupError` naming the folders looked in.
    package static func runtimeDirectory(executable: String, environment: [String: String]) throws -> String {
        let bin = (executable as NSString).deletingLastPathComponent
        let explicit = environment["TUTORIAL_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        let candidates = explicit.map { [$0] }
            ?? [bin, URL(fileURLWithPath: bin).appendingPathComponent("../lib/render").standardizedFileURL.path]
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(libraryName)) }) {
            return found
        }
        throw SetupError(
            "the chapter runtime \(libraryName) is not in \(candidates.joined(separator: " nor in "))",
            fix: explicit != nil
                ? "set TUTORIAL_RUNTIME_DIR to the folder holding \(libraryName) (a `swift build` folder, or PREFIX/lib/render after `make install`), or unset it"
                : "install render with `make install PREFIX=~/.local` in its project folder (or run it from .build/debug/render after `swift build`)")
    }

    /// The targets the chapter runtime is built from (`Package.swift`): its
    /// own and those it imports. Their modules go with `make install`
    /// (`scripts/install` lists the same), a change to their sources
    /// invalidates every chapter, and serve watches them.
    package static let runtimeTargets = RuntimeModules.names

    /// The content of the runtime's sources: with the library's stamp, a
    /// change to the runtime invalidates every chapter even before the
    /// library is rebuilt (and again once it is).
    static func runtimeSourcesDigest(_ root: String) -> String {
        var hash = ContentHash()
        for folder in runtimeTargets.map({ "Sources/" + $0 }) {
            let path = (root as NSString).appendingPathComponent(folder)
            let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".swift") }.sorted()
            for file in files {
                hash.add(file)
                hash.add(String(decoding: FileManager.default.contents(atPath: path + "/" + file) ?? Data(), as: UTF8.self))
            }
        }
        return hash.hex
    }

    /// The real path, size and modification time (to the nanosecond): cheap
    /// to read, and they change whenever the file is rebuilt or replaced.
    /// Read with `realpath(3)` and `stat(2)`: Foundation's attribute
    /// dictionary cost 5% of a warm render, which stamps every file of the
    /// book's packages' sources.
    package static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "missing:\(path)" }
        var resolved = path
        if let real = realpath(path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        return "\(resolved):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The swiftc on PATH (or `SWIFTC`). Not resolved through links: the
    /// driver decides what to be from the name it is called by.
    package static func findSwiftc(_ environment: [String: String]) throws -> String {
        if let explicit = environment["SWIFTC"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        if let swiftc = ChildProcess.find(["swiftc"], environment: environment) { return swiftc }
        throw SetupError("swiftc is not on PATH", fix: "install the Swift toolchain and add its usr/bin to PATH (see swift.org/install)")
    }

    /// The arguments that compile `main` into `output`, linked to the runtime.
    ///
    /// The compiler keeps its module cache where it always does (a bare
    /// `swiftc` call shares it): the modules the runtime imports are built
    /// once per toolchain, not once per chapter, and clang's cache is safe
    /// for concurrent compilers.
    package func compileArguments(main: String, output: String) -> [String] {
        compileFlags + linkArguments() + [main, "-o", output]
    }

    /// The arguments that compile a merged program (`MergedProgram`) of
    /// `sources` into `output`: the same flags, as one whole-module compile
    /// whose LLVM work runs on `threads` threads.
    /// It links with lld when the toolchain ships it, as `CompilePlan` does:
    /// gold took 0.6 s to link 30 chapters here.
    package func mergedCompileArguments(sources: [String], output: String, threads: Int) -> [String] {
        let lld = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ld.lld").path
        let linker = FileManager.default.isExecutableFile(atPath: lld) ? ["-use-ld=lld"] : []
        return compileFlags + ["-wmo", "-num-threads", String(max(threads, 1))] + linker + linkArguments() + sources + ["-o", output]
    }

    /// The flags of every chapter compile.
    package var compileFlags: [String] {
        [
            // Line tables only: a trap's backtrace then names the statement's chapter line.
            "-Onone", "-gline-tables-only", "-suppress-warnings", "-diagnostic-style", "llvm",
            "-module-name", "Chapter",
            "-I", modulesDirectory,
        ]
    }

    /// Search paths, module maps, macros and libraries: the runtime's, then
    /// each of the book's libraries'. A C module found in two build folders
    /// (the same checkout of swift-numerics, say) is mapped once: clang
    /// refuses a module defined twice.
    func linkArguments() -> [String] {
        var arguments: [String] = []
        for library in libraries { arguments += ["-I", library.modulesDirectory] }
        for macro in libraries.flatMap(\.macros) { arguments += ["-load-plugin-executable", macro] }
        var seen = Set<String>()
        for map in moduleMaps + libraries.flatMap(\.moduleMaps) {
            let name = map.components(separatedBy: "/checkouts/").last ?? map
            guard seen.insert(name).inserted else { continue }
            arguments += ["-Xcc", "-fmodule-map-file=\(map)"]
        }
        arguments += ["-L", runtimeDirectory, "-lChapterRuntime", "-Xlinker", "-rpath", "-Xlinker", runtimeDirectory]
        for library in libraries {
            arguments += ["-L", library.libraryDirectory, "-l" + library.module, "-Xlinker", "-rpath", "-Xlinker", library.libraryDirectory]
        }
        return arguments
    }

    /// The C module maps under a SwiftPM build's `checkouts` folder
    /// (`checkouts/PACKAGE/Sources/TARGET/include/module.modulemap`), sorted.
    static func moduleMaps(checkouts: String) -> [String] {
        let fm = FileManager.default
        var maps: [String] = []
        for package in (try? fm.contentsOfDirectory(atPath: checkouts)) ?? [] {
            let sources = "\(checkouts)/\(package)/Sources"
            for target in (try? fm.contentsOfDirectory(atPath: sources)) ?? [] {
                let map = "\(sources)/\(target)/include/module.modulemap"
                if fm.fileExists(atPath: map) { maps.append(map) }
            }
        }
        return maps.sorted()
    }
}
