import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// What `render serve` and `render watch` watch: everything a build reads.
///
/// The chapters folder; the book's `book.toml`, its bibliography files, its shared source folders
/// and the `Sources` folder and manifest of each of its packages; and, when
/// render runs from its package, the runtime's sources that chapter programs
/// link. (A package's own changes are picked up by the build itself, which
/// rebuilds the package when its sources changed.)
public enum WatchList {
    /// The files and folders to watch for a build with these options.
    public static func paths(options: BuildOptions, packageRoot: String?) -> [String] {
        let chapters = URL(fileURLWithPath: options.chaptersDirectory).standardizedFileURL
        var paths = [chapters.path]
        if let config = options.configFile { paths.append(URL(fileURLWithPath: config).standardizedFileURL.path) }
        paths += options.sharedSources.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        for package in options.packages { paths += [package.path + "/Package.swift", package.path + "/Sources"] }
        paths += options.stylesheets.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        paths += options.bibliography.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if let packageRoot { paths += Toolchain.runtimeTargets.map { packageRoot + "/Sources/" + $0 } }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// Whether a change needs the chapter runtime rebuilt first (one of its Swift sources changed).
    public static func touchesRuntime(_ changed: [String], packageRoot: String?) -> Bool {
        guard let packageRoot else { return false }
        let folders = Toolchain.runtimeTargets.map { packageRoot + "/Sources/" + $0 + "/" }
        return changed.contains { path in path.hasSuffix(".swift") && folders.contains(where: path.hasPrefix) }
    }
}
