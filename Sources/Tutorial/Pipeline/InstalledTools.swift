import Foundation

/// What the machine has: where the tools a build uses are installed.
///
/// KaTeX and lunr are named here, from the environment or Debian's places.
/// swiftc and the chapter runtime (`Toolchain.locate()`), node (`NodeWorker`,
/// `ChildProcess.find`) and bubblewrap (`Sandbox`) are looked for only when
/// a build needs them, so that a book without code never looks for swiftc.
public struct InstalledTools: Sendable {
    /// Debian's libjs-katex, or `TUTORIAL_KATEX_DIR`.
    var katexDirectory: String
    /// Debian's node-lunr (the search index is built under node), or `TUTORIAL_LUNR_NODE`.
    var lunrModuleDirectory: String
    /// Debian's libjs-lunr (copied into the site for the search box), or `TUTORIAL_LUNR_JS`.
    var lunrBrowserScript: String

    /// The tools `environment` points to, or Debian's.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        katexDirectory = environment["TUTORIAL_KATEX_DIR"] ?? "/usr/share/javascript/katex"
        lunrModuleDirectory = environment["TUTORIAL_LUNR_NODE"] ?? "/usr/share/nodejs/lunr"
        lunrBrowserScript = environment["TUTORIAL_LUNR_JS"] ?? "/usr/share/javascript/lunr/lunr.min.js"
    }
}
