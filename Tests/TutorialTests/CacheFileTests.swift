import Foundation
import Testing
@testable import TutorialBase

/// Cache entries are written whole, in place of what was there, with nothing left beside them.
@Suite struct CacheFileTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/cache-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func anEntryIsWrittenAndReplaced() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/entry.html"
        try CacheFile.write("first, longer text", to: path)
        try CacheFile.write(Array("ünïcode".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "ünïcode")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["entry.html"], "no temporary file is left")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o644)
    }

    /// A link where the entry goes is replaced, never written through.
    @Test func aLinkIsReplacedNotFollowed() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "outside".write(toFile: folder + "/target", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/entry", withDestinationPath: folder + "/target")
        try CacheFile.write("entry", to: folder + "/entry")
        #expect(try String(contentsOfFile: folder + "/target", encoding: .utf8) == "outside")
        #expect(try String(contentsOfFile: folder + "/entry", encoding: .utf8) == "entry")
    }

    @Test func aFolderThatIsNotThereIsAnErrorNamingThePath() throws {
        let path = "/nonexistent-\(UUID().uuidString)/entry"
        #expect {
            try CacheFile.write("x", to: path)
        } throws: { error in
            "\(error.localizedDescription)".contains(path)
        }
    }
}
