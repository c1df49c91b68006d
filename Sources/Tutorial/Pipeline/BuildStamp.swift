import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// What the last successful build of an output folder was made from, and
/// what it reported: when nothing it was made from has changed and the
/// folder still holds exactly what it wrote, the build has nothing to do.
///
/// This is `make`'s rule applied to the whole book, and it is what keeps a
/// render with nothing changed near the cost of starting the process. It is
/// only taken when every input is provably the same:
/// - **The book's own files are read and checksummed** (``Checksum``): the
///   chapters folder's listing and every chapter, book.toml, the custom
///   stylesheets, the shared sources (and their folders' listings), and every
///   file a chapter links to or shows (recorded by the build that copied it).
/// - **Installed things are stamped** by real path, size and modification
///   time (``Toolchain/stamp(_:)``): the render executable (which holds the
///   engine, the page template and the stylesheet), swiftc, the chapter
///   runtime and its sources (``Toolchain/identity``), the book's packages
///   (``PackageBuilder/sourceStamp()``), node, bubblewrap, KaTeX and lunr.
/// - **Every option** of ``BuildOptions`` that can change a page, and every
///   path of ``InstalledTools``, read by reflection so that a new option is
///   covered without a change here (the few that cannot are listed in
///   ``ignoredOptions``), and the environment variables render or the
///   chapter programs read. (``BuildSession`` cannot change a page.)
/// - **The output folder** is walked: every file must have the size,
///   modification time and inode that the build left, and no file may have
///   come or gone.
///
/// A build that failed writes no stamp (and removes the old one before it
/// starts writing), `--no-cache` and `render check` never use one, and any
/// doubt — a stamp that cannot be read, a file that cannot be — means a full
/// build. The stamp lives in the cache folder, never in the site.
struct BuildStamp: Codable {
    /// The stamp's own format; a new one makes every old stamp a miss.
    static let formatVersion = "1"

    /// The digest of everything known before the chapters are parsed
    /// (``Inputs``).
    var inputs: String
    /// Files the chapters link to or show (absolute path → checksum of the bytes copied).
    var linkedFiles: [String: String]
    /// The output folder as the build left it (relative path → stat).
    var output: [String: String]
    /// What the build reported, replayed on a hit.
    var chapters: [ChapterReport]
    /// Its warnings (a successful build has no errors).
    var diagnostics: [Diagnostic]

    /// Options that cannot change what a build writes: how many programs run
    /// at once, and whether to wait for another render.
    static let ignoredOptions: Set<String> = ["jobs", "runJobs", "waitForLock"]

    /// The digest of the inputs a stamp can check before parsing anything.
    struct Inputs {
        var digest: String

        /// Reads and stamps every input of `options`' book.
        /// - Parameter toolchain: the located toolchain (nil when there is none:
        ///   then a book with code cannot be up to date, as its build fails).
        static func gather(_ options: BuildOptions, tools: InstalledTools, toolchain: Toolchain?) throws -> Inputs {
            var hash = ContentHash()
            hash.add("stamp \(BuildStamp.formatVersion) cache \(BuildCache.formatVersion)")
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            hash.add(Toolchain.stamp(executable))
            hash.add(toolchain?.identity ?? "no toolchain")
            hash.add(FileManager.default.currentDirectoryPath)
            for (label, value) in BuildStamp.optionValues(options) + BuildStamp.toolValues(tools) { hash.add(label); hash.add(value) }
            let environment = ProcessInfo.processInfo.environment
            for name in environment.keys.sorted() where BuildStamp.readsEnvironment(name) {
                hash.add(name)
                hash.add(environment[name] ?? "")
            }

            // The book's own files, by content.
            let loader = ChapterLoader(directory: options.chaptersDirectory)
            try loader.checkFolder()
            let chapters = try loader.listing().paths
            hash.add(try BuildStamp.listing(options.chaptersDirectory))
            for file in chapters + options.stylesheets + [options.configFile].compactMap({ $0 }) {
                hash.add(file)
                hash.add(try BuildStamp.checksum(file))
            }
            // A changed bibliography changes every citing page.
            for file in options.bibliography { hash.add(file); hash.add((try? BuildStamp.checksum(file)) ?? "missing") }
            for folder in options.sharedSources { hash.add(folder); hash.add((try? BuildStamp.listing(folder)) ?? "missing") }
            for file in SharedModuleBuilder.files(in: options.sharedSources) {
                hash.add(file)
                hash.add(try BuildStamp.checksum(file))
            }

            // Installed things, by stamp.
            if !options.packages.isEmpty, let toolchain {
                hash.add(PackageBuilder(packages: options.packages, toolchain: toolchain, root: PackageBuilder.defaultRoot()).sourceStamp())
            }
            // PATH itself is not hashed (it differs between shells); what it finds is.
            for tool in [["node", "nodejs"], ["bwrap"]] { hash.add(ChildProcess.find(tool).map(Toolchain.stamp) ?? "no \(tool[0])") }
            for path in [tools.katexDirectory + "/katex.min.js", tools.katexDirectory + "/katex.min.css",
                         tools.katexDirectory + "/fonts", tools.lunrModuleDirectory + "/lunr.js", tools.lunrBrowserScript] {
                hash.add(Toolchain.stamp(path))
            }
            return Inputs(digest: hash.hex)
        }
    }

    /// Every option that can change a page, as label and value (closures
    /// and ``ignoredOptions`` left out); relative paths are resolved from the
    /// current folder, which is hashed too.
    static func optionValues(_ options: BuildOptions) -> [(String, String)] {
        Mirror(reflecting: options).children.compactMap { child in
            guard let label = child.label, !ignoredOptions.contains(label) else { return nil }
            return (label, String(reflecting: child.value))
        }
    }

    /// Every path of `tools`, as label and value.
    static func toolValues(_ tools: InstalledTools) -> [(String, String)] {
        Mirror(reflecting: tools).children.compactMap { child in
            child.label.map { ($0, String(reflecting: child.value)) }
        }
    }

    /// Environment variables that render or the chapter programs read:
    /// where tools and caches are, and which vector path CECore takes.
    /// (`PATH` is not one: the tools it finds are stamped instead.)
    static func readsEnvironment(_ name: String) -> Bool {
        name == "HOME" || name == "SWIFTC" || ["TUTORIAL_", "RENDER_", "CECORE_"].contains(where: name.hasPrefix)
    }

    /// The checksum of a file's bytes. - Throws: when it cannot be read (no stamp then).
    static func checksum(_ path: String) throws -> String {
        guard let bytes = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        return Checksum.of(bytes: bytes)
    }

    /// A folder's entry names, sorted, one per line.
    static func listing(_ folder: String) throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted().joined(separator: "\n")
    }

    /// Every file and folder under `output` with its size, modification time
    /// and inode (a folder only with its name).
    static func outputState(_ output: String) throws -> [String: String] {
        let walker = SiteWriter(output: output)
        var state: [String: String] = [:]
        for (path, isFolder) in try walker.walk() {
            guard !isFolder else { state[path] = "folder"; continue }
            var info = stat()
            guard lstat((output as NSString).appendingPathComponent(path), &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
            state[path] = "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
        }
        return state
    }

    /// Where the stamp of `output` lives in `cache`.
    static func path(cache: BuildCache, output: String) -> String {
        let absolute = URL(fileURLWithPath: output).standardizedFileURL.path
        return cache.writeRoot + "/stamps/" + String(ContentHash.of(absolute).prefix(24))
    }

    /// The stamp at `path`, if it is there and readable.
    static func read(_ path: String) -> BuildStamp? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(BuildStamp.self, from: data)
    }

    /// Whether the build this stamp records is still what `inputs` and
    /// the output folder would give.
    func holds(inputs current: Inputs, output folder: String) -> Bool {
        guard inputs == current.digest else { return false }
        for (path, recorded) in linkedFiles where (try? Self.checksum(path)) != recorded { return false }
        return (try? Self.outputState(folder)) == output
    }

    /// Writes the stamp (atomically: a torn stamp would be a miss, never a false hit).
    func write(to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try JSONEncoder().encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
