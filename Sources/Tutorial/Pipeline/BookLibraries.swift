import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// The book's own code, which every chapter program links and imports
/// besides the runtime: its packages (`PackageBuilder`), then its shared
/// sources (`SharedModuleBuilder`), which may use the packages.
struct BookLibraries: Sendable {
    var packages: [BookPackage]
    /// The shared files, as diagnostics name them.
    var sharedFiles: [String]
    /// `[swift] fetch` or `--allow-fetch`.
    var allowFetch: Bool

    init(options: BuildOptions) {
        packages = options.packages
        allowFetch = options.allowFetch
        sharedFiles = SharedModuleBuilder.files(in: options.sharedSources)
    }

    /// What every chapter program imports, in order: known before anything
    /// is built, so that chapters can be tangled (and their cache keys made) first.
    var importLines: [String] {
        var lines = ["import ChapterRuntime"]
        if !packages.isEmpty { lines.append("import \(PackageBuilder.module)") }
        if !sharedFiles.isEmpty { lines.append("@testable import \(SharedModuleBuilder.module)") }
        return lines
    }

    /// `toolchain`, linking the book's libraries, built if needed.
    /// - Throws: `BuildFailure` with the packages' or shared files' errors; `SetupError`.
    func link(into toolchain: Toolchain, cache: BuildCache, sandboxes: LazySandbox, compileTimeout: Duration,
              onNote: (@Sendable (String) -> Void)?) async throws -> Toolchain {
        var toolchain = toolchain
        if !packages.isEmpty {
            let builder = PackageBuilder(packages: packages, toolchain: toolchain, root: PackageBuilder.defaultRoot(), onBuild: onNote,
                                         sandboxes: sandboxes, allowFetch: allowFetch)
            toolchain = toolchain.linking(try await builder.build().get())
        }
        if !sharedFiles.isEmpty {
            let builder = SharedModuleBuilder(files: sharedFiles, toolchain: toolchain, cache: cache, sandboxes: sandboxes, timeout: compileTimeout)
            toolchain = toolchain.linking(try await builder.build().get())
        }
        return toolchain
    }
}
