import TutorialBase
import TutorialMarkdown

/// A dynamic library every chapter program links and imports besides the
/// runtime: the book's packages, or its shared sources.
public struct LinkedLibrary: Sendable, Hashable {
    /// The module chapter programs import (`BookPackages`, `BookShared`).
    package var module: String
    /// How chapter programs import it: `import X`, or `@testable import X` for
    /// shared sources, whose internal declarations chapters may use.
    package var testable = false
    /// The folder holding `lib<module>.so`.
    var libraryDirectory: String
    /// The folder holding `<module>.swiftmodule` and the modules it imports.
    var modulesDirectory: String
    /// Module maps of the C modules its Swift modules import.
    var moduleMaps: [String] = []
    /// The macros its modules declare, as `PATH#MODULE` of each macro's
    /// executable (``PackageMacros``): the compiler starts one when a chapter
    /// expands a macro of that module.
    package var macros: [String] = []
    /// Changes whenever the library's sources (or what built it) change: part of every chapter's cache key.
    package var identity: String

    /// The library file, which the sandbox mounts read-only.
    public var file: String { libraryDirectory + "/lib" + module + ".so" }

    /// The import line a chapter program starts with.
    var importLine: String { (testable ? "@testable import " : "import ") + module }
}
