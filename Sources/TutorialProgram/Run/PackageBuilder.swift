import Foundation
import TeXMath
import TutorialBase
import TutorialMarkdown

/// Builds a book's `[swift] packages` into one dynamic library,
/// `libBookPackages.so`, which every chapter program links and imports.
///
/// render writes a wrapper package, `BookPackages`, that depends on each named
/// package by path and re-exports the named products (`@_exported import`),
/// and has SwiftPM build it as a dynamic library, in the configuration render
/// itself was built in. Chapter programs then link it with a plain `swiftc`
/// call, as they link the runtime.
///
/// Guarantees, in order:
/// - **Built once, shared.** The build lives outside any one book, in
///   `~/.cache/render/packages/SET/STAMP` (or under `RENDER_PACKAGE_CACHE`):
///   SET hashes the packages' paths and products and the compiler, STAMP
///   every file of the packages (path, size, modification time). Every book
///   naming the same packages in the same state, and `render check`, reuse it;
///   a render whose stamp has a build runs no SwiftPM at all.
/// - **A build folder serves only the sources that built it.** The manifests,
///   plugins and macros that ran in it could write anything there, so a
///   package that changed (a pull request's version, then main's again) gets
///   a new folder and a whole build, never an incremental one over what the
///   other version left. The newest `kept` folders of a set stay; older ones
///   that render made and no render used for `idle` are removed.
/// - **Chapters follow the library.** Its identity, part of every chapter's
///   cache key, is the stamp of the built library, module files and macro
///   executables: an incremental build that changed nothing recompiles no
///   chapter. A chapter loads the macros SwiftPM built (``PackageMacros``).
/// - **Confined.** A package's manifest, its build-tool plugins and its
///   macros are code from the book: SwiftPM runs in bubblewrap
///   (``Sandbox/buildCommand(_:arguments:toolchain:reads:writes:home:workingDirectory:network:)``),
///   reading the toolchain and the packages, writing only the build folder
///   (its `home` is their `HOME`), with a cleared environment, no network,
///   `--compile-memory` per process and 512 processes. A package with remote
///   dependencies is resolved first in a step of its own that has the network
///   (still no secrets, still writing only the build folder), and only when
///   `[swift] fetch = true` or `--allow-fetch` says so; otherwise its build
///   fails with an error at its line of book.toml saying what to add.
/// - **One builder at a time**, through an `flock` on the build folder's lock.
/// - **Errors at their place**: a compile error in a package's source names
///   that file and line; anything else is reported at the package's line in book.toml.
package struct PackageBuilder: Sendable {
    package var packages: [BookPackage]
    package var toolchain: Toolchain
    /// Where package builds are kept.
    package var root: String
    /// Told once when a build has to run (it can take a minute the first time).
    package var onBuild: (@Sendable (String) -> Void)?
    /// The sandbox SwiftPM runs in; nil runs it unconfined (only `sourceStamp()` is wanted).
    package var sandboxes: LazySandbox? = nil
    /// `[swift] fetch` or `--allow-fetch`: a resolve step with network may fetch remote dependencies.
    package var allowFetch = false

    package static let module = "BookPackages"
    package static let formatVersion = "1"

    /// `RENDER_PACKAGE_CACHE`, else `$XDG_CACHE_HOME/render/packages`, else `~/.cache/render/packages`.
    package static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["RENDER_PACKAGE_CACHE"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return base + "/render/packages"
    }

    /// The configuration render was built in, which the packages are built in too.
    package var configuration: String {
        URL(fileURLWithPath: toolchain.runtimeDirectory).resolvingSymlinksInPath().lastPathComponent == "release" ? "release" : "debug"
    }

    /// The folder of this set of packages' builds, one per stamp.
    package var setFolder: String {
        var key = ContentHash()
        key.add(Self.formatVersion)
        key.add(toolchain.swiftc)
        key.add(configuration)
        for package in packages { key.add(package.path); key.add(package.products.joined(separator: ",")) }
        return (root as NSString).appendingPathComponent(String(key.hex.prefix(24)))
    }

    /// The build folder of the packages as they are now (`stamp`, ``sourceStamp()``).
    package func folder(stamp: String) -> String {
        (setFolder as NSString).appendingPathComponent(String(stamp.prefix(24)))
    }

    /// How many builds of a set are kept, newest first.
    package static let kept = 3
    /// How long a build no render used must wait before it may be removed.
    package static let idle: TimeInterval = 3600
    /// The file that marks a build folder as render's own.
    static let ownMark = ".render-package-build"

    /// Builds the packages if their sources changed since the last build.
    /// - Returns: the library, or the diagnostics of a failed build.
    /// - Throws: `SetupError` when the build folder cannot be written or swift cannot run.
    package func build() async throws -> Result<LinkedLibrary, BuildFailure> {
        let stamp = sourceStamp()
        let folder = folder(stamp: stamp)
        let marker = folder + "/built"
        if (try? String(contentsOfFile: marker, encoding: .utf8)) == stamp, let library = library(in: folder) {
            utimes(marker, nil)
            return .success(library)
        }

        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: folder + "/" + Self.ownMark) {
                try stamp.write(toFile: folder + "/" + Self.ownMark, atomically: true, encoding: .utf8)
            }
        } catch {
            throw SetupError("cannot create the package build folder '\(folder)': \(error.localizedDescription)",
                             fix: "set RENDER_PACKAGE_CACHE to a folder you can write")
        }
        let lock = try RenderLock.acquire(folder + "/lock", what: "the package build '\(folder)'", wait: true)
        defer { withExtendedLifetime(lock) {} }
        // Another render may have built it while this one waited.
        if (try? String(contentsOfFile: marker, encoding: .utf8)) == stamp, let library = library(in: folder) { return .success(library) }

        try? FileManager.default.removeItem(atPath: marker)
        try writeWrapper(in: folder)
        onBuild?("building the book's packages (\(packages.map { ($0.path as NSString).lastPathComponent }.joined(separator: ", "))) with swift build")
        let sandbox = try await sandboxes?.get() ?? Sandbox(bubblewrap: nil, memoryLimit: 4 << 30)
        if sandbox.enabled && allowFetch {
            let resolved = try await swift(["package", "resolve", "--package-path", folder], in: folder, sandbox: sandbox, network: true)
            guard case .exited(0) = resolved.status else {
                return .failure(BuildFailure(diagnostics(from: resolved.standardOutput + "\n" + resolved.standardError, status: resolved.status)))
            }
        }
        let outcome = try await swift(["build", "-c", configuration, "--package-path", folder, "--product", Self.module],
                                      in: folder, sandbox: sandbox, network: false)
        guard case .exited(0) = outcome.status else {
            if sandbox.enabled && !allowFetch, let needed = try await remoteDependencies(in: folder, sandbox: sandbox) {
                return .failure(BuildFailure([at(needed.package, Self.fetchRefused(needed.package, urls: needed.urls))]))
            }
            return .failure(BuildFailure(diagnostics(from: outcome.standardOutput + "\n" + outcome.standardError, status: outcome.status)))
        }
        guard let library = library(in: folder) else {
            return .failure(BuildFailure([at(packages[0], "swift build finished but wrote no lib\(Self.module).so in \(folder)/.build")]))
        }
        try stamp.write(toFile: marker, atomically: true, encoding: .utf8)
        removeOldBuilds(keeping: folder)
        return .success(library)
    }

    /// Removes the builds of this set beyond the newest ``kept`` (by when a
    /// render last used them), sparing `current`, those used within ``idle``,
    /// those render did not mark as its own, and any another render holds.
    func removeOldBuilds(keeping current: String) {
        let fm = FileManager.default
        let builds = ((try? fm.contentsOfDirectory(atPath: setFolder)) ?? []).map { (setFolder as NSString).appendingPathComponent($0) }
            .filter { $0 != current && fm.fileExists(atPath: $0 + "/" + Self.ownMark) }
            .map { (path: $0, used: ((try? fm.attributesOfItem(atPath: $0 + "/built"))?[.modificationDate] as? Date) ?? .distantPast) }
            .sorted { $0.used > $1.used }
        for build in builds.dropFirst(Self.kept - 1) where build.used < Date(timeIntervalSinceNow: -Self.idle) {
            guard (try? BuildCache.refuseLink(build.path)) != nil,
                  let lock = try? RenderLock.acquire(build.path + "/lock", what: "the package build '\(build.path)'", wait: false) else { continue }
            try? fm.removeItem(atPath: build.path + "/built")
            for name in (try? fm.contentsOfDirectory(atPath: build.path)) ?? [] where name != "lock" {
                try? fm.removeItem(atPath: (build.path as NSString).appendingPathComponent(name))
            }
            withExtendedLifetime(lock) {}
            try? fm.removeItem(atPath: build.path)
        }
    }

    /// Runs SwiftPM (`swift ARGUMENTS`) on the wrapper in `folder`, confined
    /// (``Sandbox/buildCommand(_:arguments:toolchain:reads:writes:home:workingDirectory:network:)``):
    /// it reads the toolchain and the packages, writes only `folder` (its
    /// `home` is SwiftPM's and the compilers' `HOME`; their temporary folder
    /// is the sandbox's private `/tmp`), and reaches the network only when `network`. As
    /// root, a pids cgroup caps its processes (``ProcessLimitGroup``).
    func swift(_ arguments: [String], in folder: String, sandbox: Sandbox, network: Bool) async throws -> ChildProcess.Outcome {
        let home = folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let swift = (toolchain.swiftc as NSString).deletingLastPathComponent + "/swift"
        let command = sandbox.buildCommand(swift, arguments: arguments, toolchain: toolchain.swiftc, reads: packages.map(\.path),
                                           writes: [folder], home: home, workingDirectory: folder, network: network)
        let group = sandbox.enabled ? ProcessLimitGroup.make(limit: sandbox.processLimit) : nil
        defer { group?.remove() }
        let started = group?.wrap(executable: command.executable, arguments: command.arguments) ?? command
        return try await ChildProcess.run(started.executable, arguments: started.arguments, timeout: Self.timeLimit, processGroup: true)
    }

    /// How long resolving or building the packages may take.
    static let timeLimit = Duration.seconds(1800)

    /// The first package whose manifest names remote dependencies (git URLs or
    /// registry identities), read from `swift package dump-package` run in the
    /// same sandbox without network; nil when none does.
    func remoteDependencies(in folder: String, sandbox: Sandbox) async throws -> (package: BookPackage, urls: [String])? {
        for package in packages {
            let scratch = folder + "/manifests/" + ContentHash.of(package.path).prefix(16)
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            let dump = try await swift(["package", "dump-package", "--package-path", package.path, "--scratch-path", scratch],
                                       in: folder, sandbox: sandbox, network: false)
            guard case .exited(0) = dump.status else { continue }
            let urls = Self.remoteDependencies(manifest: Data(dump.standardOutput.utf8))
            if !urls.isEmpty { return (package, urls) }
        }
        return nil
    }

    /// The remote dependencies in a manifest as `dump-package` prints it:
    /// each `sourceControl` dependency's remote URL, each `registry` one's identity.
    static func remoteDependencies(manifest: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: manifest) as? [String: Any],
              let dependencies = object["dependencies"] as? [[String: Any]] else { return [] }
        var urls: [String] = []
        for dependency in dependencies {
            for entry in (dependency["sourceControl"] as? [[String: Any]]) ?? [] {
                let location = entry["location"] as? [String: Any]
                let remote = (location?["remote"] as? [[String: Any]])?.first
                urls.append((remote?["urlString"] as? String) ?? (entry["identity"] as? String) ?? "a git repository")
            }
            for entry in (dependency["registry"] as? [[String: Any]]) ?? [] {
                urls.append((entry["identity"] as? String) ?? "a registry package")
            }
        }
        return urls
    }

    /// What a package that needs a fetch is told: what it would fetch, and the two ways to allow it.
    static func fetchRefused(_ package: BookPackage, urls: [String]) -> String {
        let shown = urls.prefix(3).joined(separator: ", ") + (urls.count > 3 ? " and \(urls.count - 3) more" : "")
        return "the package '\(package.path)' depends on remote packages (\(shown)), which render fetches only when told to: add `fetch = true` under [swift] in book.toml, or pass --allow-fetch (the fetch runs in a sandbox with network but no secrets, and writes only the package cache)"
    }

    /// The built library, if it is there.
    func library(in folder: String) -> LinkedLibrary? {
        let products = folder + "/.build/" + configuration
        let file = products + "/lib\(Self.module).so"
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        var modules = products + "/Modules"
        if !FileManager.default.fileExists(atPath: modules + "/\(Self.module).swiftmodule") { modules = products }
        var identity = ContentHash()
        identity.add(Toolchain.stamp(file))
        for module in [Self.module] + packages.flatMap(\.products) {
            identity.add(Toolchain.stamp(modules + "/\(module).swiftmodule"))
        }
        let manifest = (try? String(contentsOfFile: folder + "/.build/\(configuration).yaml", encoding: .utf8)) ?? ""
        let macros = PackageMacros.plugins(manifest: manifest, products: products)
        for macro in macros { identity.add(macro); identity.add(Toolchain.stamp(String(macro[..<macro.lastIndex(of: "#")!]))) }
        var maps = Toolchain.moduleMaps(checkouts: folder + "/.build/checkouts")
        for package in packages { maps += Self.moduleMaps(package: package.path) }
        return LinkedLibrary(module: Self.module, libraryDirectory: products, modulesDirectory: modules,
                             moduleMaps: maps, macros: macros, identity: identity.hex)
    }

    /// `Sources/TARGET/include/module.modulemap` of a package's own C targets.
    static func moduleMaps(package: String) -> [String] {
        let sources = package + "/Sources"
        return ((try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []).sorted()
            .map { "\(sources)/\($0)/include/module.modulemap" }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Path, size and modification time of each package's manifests
    /// (`Package*.swift`, `Package.resolved`) and of every file under its
    /// `Sources` and `Plugins` folders (hidden ones aside), and the compiler's.
    /// Only the folders SwiftPM builds from: a package at the book's own root
    /// would otherwise change with every page render writes.
    package func sourceStamp() -> String {
        var hash = ContentHash()
        hash.add(Toolchain.stamp(toolchain.swiftc))
        let fm = FileManager.default
        for package in packages {
            hash.add(package.path)
            let top = ((try? fm.contentsOfDirectory(atPath: package.path)) ?? [])
                .filter { $0.hasPrefix("Package") && ($0.hasSuffix(".swift") || $0 == "Package.resolved") }.sorted()
            for name in top { hash.add(Toolchain.stamp(package.path + "/" + name)) }
            for folder in ["Sources", "Plugins"] {
                let root = package.path + "/" + folder
                guard let walk = fm.enumerator(atPath: root) else { continue }
                var files: [String] = []
                while let file = walk.nextObject() as? String {
                    if (file as NSString).lastPathComponent.hasPrefix(".") {
                        walk.skipDescendants()
                        continue
                    }
                    // A folder's own time changes with an editor's hidden files; its files say what changed.
                    if walk.fileAttributes?[.type] as? FileAttributeType != .typeDirectory { files.append(file) }
                }
                for file in files.sorted() {
                    hash.add(folder + "/" + file)
                    hash.add(Toolchain.stamp(root + "/" + file))
                }
            }
        }
        return hash.hex
    }

    /// The wrapper package: a manifest and one source file of re-exports.
    func writeWrapper(in folder: String) throws {
        var seen: [String: String] = [:]
        var dependencies: [String] = []
        var products: [String] = []
        for package in packages {
            let identity = (package.path as NSString).lastPathComponent.lowercased()
            if let other = seen[identity], other != package.path {
                throw BuildFailure([at(package, "two packages have the folder name '\(identity)' (\(other) and \(package.path)); SwiftPM names a local package by its folder, so rename one")])
            }
            seen[identity] = package.path
            dependencies.append("        .package(path: \(ValueQuote.swift(package.path))),")
            products += package.products.map { "                .product(name: \(ValueQuote.swift($0)), package: \(ValueQuote.swift(identity)))," }
        }
        let manifest = """
            // swift-tools-version: 6.0
            // Written by render: the book's packages, built as one dynamic library every chapter program links.
            import PackageDescription

            let package = Package(
                name: "\(Self.module)",
                products: [.library(name: "\(Self.module)", type: .dynamic, targets: ["\(Self.module)"])],
                dependencies: [
            \(dependencies.joined(separator: "\n"))
                ],
                targets: [
                    .target(name: "\(Self.module)", dependencies: [
            \(products.joined(separator: "\n"))
                    ]),
                ]
            )

            """
        let exports = packages.flatMap(\.products).map { "@_exported import \($0)\n" }.joined()
        let sources = folder + "/Sources/\(Self.module)"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        try Self.writeIfChanged(manifest, to: folder + "/Package.swift")
        try Self.writeIfChanged("// Written by render: every product a book names, for its chapters.\n" + exports, to: sources + "/Exports.swift")
    }

    /// Leaves an unchanged file alone, so SwiftPM sees nothing new.
    static func writeIfChanged(_ text: String, to path: String) throws {
        if (try? String(contentsOfFile: path, encoding: .utf8)) == text { return }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// SwiftPM's errors: a compile error inside a package at its own file and
    /// line, anything else at the package's line of book.toml.
    package func diagnostics(from output: String, status: ChildProcess.Status) -> [Diagnostic] {
        Self.diagnostics(from: output, status: status, packages: packages, directory: FileManager.default.currentDirectoryPath)
    }

    /// SwiftPM's errors, each once: a compile error at its own file, line and
    /// column (SwiftPM prints it once per job that compiled the file, and
    /// colours it on a terminal); when there is one, SwiftPM's own summary
    /// lines ("emit-module command failed …") add nothing and are left out.
    /// Any other failure is reported at the package's line of book.toml.
    package static func diagnostics(from output: String, status: ChildProcess.Status, packages: [BookPackage], directory: String) -> [Diagnostic] {
        var located: [Diagnostic] = [], other: [Diagnostic] = []
        var seen = Set<String>()
        let cwd = directory.hasSuffix("/") ? directory : directory + "/"
        for raw in output.split(separator: "\n") {
            let line = TerminalText.withoutEscapes(String(raw))
            guard let range = line.range(of: "error: ") else { continue }
            let message = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            let location = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces).split(separator: ":")
            if location.count >= 3, let row = Int(location[location.count - 2].trimmingCharacters(in: .whitespaces)),
               let column = Int(location[location.count - 1].trimmingCharacters(in: .whitespaces)) {
                let file = location.dropLast(2).joined(separator: ":")
                let shown = file.hasPrefix(cwd) ? String(file.dropFirst(cwd.count)) : file
                guard seen.insert("\(shown):\(row):\(column): \(message)").inserted else { continue }
                located.append(Diagnostic(file: shown, line: row, column: column, message))
                continue
            }
            guard seen.insert(message).inserted else { continue }
            let package = packages.first { line.contains($0.path) } ?? packages[0]
            other.append(Diagnostic(file: package.file, line: package.line, "the package '\(package.path)' did not build: \(message)"))
        }
        if !located.isEmpty { return located }
        if other.isEmpty {
            let text = output.split(separator: "\n").suffix(5).joined(separator: " ")
            return [Diagnostic(file: packages[0].file, line: packages[0].line, "the book's packages did not build (\(status)): \(text)")]
        }
        return other
    }

    package func at(_ package: BookPackage, _ message: String) -> Diagnostic {
        Diagnostic(file: package.file, line: package.line, message)
    }

    /// The memberwise initializer, for the driver a layer above.
    package init(packages: [BookPackage], toolchain: Toolchain, root: String, onBuild: (@Sendable (String) -> Void)? = nil,
                 sandboxes: LazySandbox? = nil, allowFetch: Bool = false) {
        self.packages = packages
        self.toolchain = toolchain
        self.root = root
        self.onBuild = onBuild
        self.sandboxes = sandboxes
        self.allowFetch = allowFetch
    }
}
