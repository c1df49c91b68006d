import Foundation
import Testing
@testable import Tutorial

/// A compile error in a book's package is reported once, at the package's
/// own file and line; book.toml is named only when nothing points elsewhere.
@Suite struct PackageMessageTests {
    let packages = [BookPackage(path: "/books/notes/MyLib", products: ["MyLib"], file: "book.toml", line: 17)]

    /// SwiftPM prints a compile error once per job that compiled the file (the
    /// module's emit and its compile), then its own summary of the failed command.
    let output = """
        [3/6] Emitting module MyLib
        /books/notes/MyLib/Sources/MyLib/Smooth.swift:4:25: error: cannot find 'x' in scope
        error: emit-module command failed with exit code 1 (use -v to see invocation)
        [4/6] Compiling MyLib Smooth.swift
        /books/notes/MyLib/Sources/MyLib/Smooth.swift:4:25: error: cannot find 'x' in scope
        """

    @Test func aCompileErrorIsReportedOnceAtItsOwnFileAndLine() {
        let found = PackageBuilder.diagnostics(from: output, status: .exited(1), packages: packages, directory: "/books/notes")
        #expect(found.map(\.description) == ["MyLib/Sources/MyLib/Smooth.swift:4:25: error: cannot find 'x' in scope"])
    }

    @Test func colouredOutputReadsTheSame() {
        let coloured = output.replacingOccurrences(of: ": error: ", with: ": \u{1B}[0;1;31merror: \u{1B}[0m\u{1B}[1m")
        let found = PackageBuilder.diagnostics(from: coloured, status: .exited(1), packages: packages, directory: "/books/notes")
        #expect(found.map(\.description) == ["MyLib/Sources/MyLib/Smooth.swift:4:25: error: cannot find 'x' in scope"])
    }

    @Test func aFailureWithoutAPlaceIsReportedAtThePackagesLineOfBookTOML() {
        let found = PackageBuilder.diagnostics(
            from: "error: Could not find Package.swift in /books/notes/MyLib\nerror: Could not find Package.swift in /books/notes/MyLib",
            status: .exited(1), packages: packages, directory: "/books/notes")
        #expect(found.map(\.description) == ["book.toml:17:1: error: the package '/books/notes/MyLib' did not build: Could not find Package.swift in /books/notes/MyLib"])
    }
}
