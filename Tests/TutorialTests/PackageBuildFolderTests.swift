import Foundation
import Testing
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram

/// A package build folder serves only the sources that built it: what a
/// manifest, plugin or macro of one version wrote there is never the start
/// of another version's build; and old builds do not pile up.
@Suite struct PackageBuildFolderTests {
    /// A package folder with a manifest, a source and a plugin, and a builder over it.
    static func package() throws -> (path: String, builder: PackageBuilder) {
        let path = try RenderProcess.temporaryDirectory("package-folder")
        for folder in ["Sources/Lib", "Plugins/Gen", "output"] {
            try FileManager.default.createDirectory(atPath: path + "/" + folder, withIntermediateDirectories: true)
        }
        try "// swift-tools-version:5.9\n".write(toFile: path + "/Package.swift", atomically: true, encoding: .utf8)
        try "public let x = 1\n".write(toFile: path + "/Sources/Lib/Lib.swift", atomically: true, encoding: .utf8)
        try "// plugin\n".write(toFile: path + "/Plugins/Gen/main.swift", atomically: true, encoding: .utf8)
        let toolchain = Toolchain(swiftc: "/usr/bin/true", runtimeDirectory: path, modulesDirectory: path, moduleMaps: [], identity: "test")
        let builder = PackageBuilder(packages: [BookPackage(path: path, products: ["Lib"], file: "book.toml", line: 1)],
                                     toolchain: toolchain, root: path + "/cache")
        return (path, builder)
    }

    /// Sets a file's modification time `seconds` in the past (a change, as an editor or a checkout makes it).
    static func touch(_ path: String, secondsAgo seconds: Int) {
        var times = [timespec(tv_sec: time(nil) - seconds, tv_nsec: 0), timespec(tv_sec: time(nil) - seconds, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func aChangedSourceOrPluginGetsAFolderOfItsOwnAndOtherFilesDoNot() throws {
        let (path, builder) = try Self.package()
        let before = builder.sourceStamp()
        try "page".write(toFile: path + "/output/index.html", atomically: true, encoding: .utf8)
        try "swap".write(toFile: path + "/Sources/Lib/.Lib.swift.swp", atomically: true, encoding: .utf8)
        #expect(builder.sourceStamp() == before)

        Self.touch(path + "/Plugins/Gen/main.swift", secondsAgo: 5)
        let plugin = builder.sourceStamp()
        #expect(plugin != before)
        Self.touch(path + "/Sources/Lib/Lib.swift", secondsAgo: 7)
        let source = builder.sourceStamp()
        #expect(source != plugin)
        #expect(Set([before, plugin, source].map(builder.folder(stamp:))).count == 3)
        #expect([before, plugin, source].allSatisfy { builder.folder(stamp: $0).hasPrefix(builder.setFolder + "/") })
    }

    @Test func onlyTheNewestBuildsRenderMadeAndNoOneUsedLatelyAreRemoved() throws {
        let (_, builder) = try Self.package()
        let fm = FileManager.default
        func build(_ name: String, usedSecondsAgo: Int, own: Bool = true) throws -> String {
            let folder = builder.setFolder + "/" + name
            try fm.createDirectory(atPath: folder + "/.build", withIntermediateDirectories: true)
            if own { try "s".write(toFile: folder + "/" + PackageBuilder.ownMark, atomically: true, encoding: .utf8) }
            try "s".write(toFile: folder + "/built", atomically: true, encoding: .utf8)
            Self.touch(folder + "/built", secondsAgo: usedSecondsAgo)
            return folder
        }
        let hour = Int(PackageBuilder.idle)
        let current = try build("current", usedSecondsAgo: 0)
        let newer = try build("newer", usedSecondsAgo: 2 * hour)
        let recent = try build("recent", usedSecondsAgo: hour / 2)
        let old = try build("old", usedSecondsAgo: 3 * hour)
        let oldest = try build("oldest", usedSecondsAgo: 4 * hour)
        let foreign = try build("foreign", usedSecondsAgo: 5 * hour, own: false)
        builder.removeOldBuilds(keeping: current)
        // Kept: the current build and the two newest others (recent, newer); old and oldest go.
        #expect([current, newer, recent, foreign].allSatisfy { fm.fileExists(atPath: $0) })
        #expect(![old, oldest].contains { fm.fileExists(atPath: $0) })
    }
}
