import Foundation

/// The macros of a book's packages, for the chapters that use them.
///
/// A macro runs in an executable SwiftPM builds beside the package library;
/// SwiftPM tells the compiler of each target that uses it where it is
/// (`-load-plugin-executable PATH#MODULE`), but a chapter is compiled by
/// render's own `swiftc` call, which has to say so too. render takes these
/// arguments from the build manifest SwiftPM wrote for the packages
/// (`.build/CONFIGURATION.yaml`), so a chapter loads exactly the macros the
/// package's own targets load.
///
/// Guarantees:
/// - **Only what the build made.** An executable outside the build's products
///   folder is left out: the compile sandbox mounts that folder, and nothing
///   else of the package cache, read-only.
/// - **Confined as a compile is.** The compiler starts the executable inside
///   its own sandbox (``Sandbox/compileCommand(swiftc:arguments:toolchain:output:home:reads:)``),
///   so a macro expanded in a chapter reads, writes and reaches no more than
///   the compile does.
enum PackageMacros {
    /// The `PATH#MODULE` values of `-load-plugin-executable` in SwiftPM's
    /// build manifest, once each, whose executable lies in `products`.
    /// - Parameters:
    ///   - manifest: the text of `.build/CONFIGURATION.yaml`.
    ///   - products: the folder the package library was built in.
    static func plugins(manifest: String, products: String) -> [String] {
        let inside = URL(fileURLWithPath: products).resolvingSymlinksInPath().path + "/"
        var found: [String] = []
        for line in manifest.split(separator: "\n") where line.contains("-load-plugin-executable") {
            let words = line.split(separator: "\"").map(String.init).filter { $0 != "," && $0 != "-Xfrontend" }
            for (index, word) in words.enumerated() where word == "-load-plugin-executable" && index + 1 < words.count {
                let value = words[index + 1]
                guard let hash = value.lastIndex(of: "#") else { continue }
                let path = URL(fileURLWithPath: String(value[..<hash])).resolvingSymlinksInPath().path
                guard path.hasPrefix(inside), !found.contains(value) else { continue }
                found.append(value)
            }
        }
        return found
    }
}
