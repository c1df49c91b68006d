import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// book.toml: every key read, every mistake reported at the line it is written on.
@Suite struct BookConfigTests {
    func book(_ toml: String, folders: [String] = []) throws -> String {
        let directory = try RenderProcess.temporaryDirectory("toml")
        for folder in folders { try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true) }
        try toml.write(toFile: directory + "/book.toml", atomically: true, encoding: .utf8)
        return directory
    }

    /// The problems of a book.toml, as `LINE: MESSAGE`.
    func problems(_ toml: String, folders: [String] = []) throws -> [String] {
        let directory = try book(toml, folders: folders)
        do {
            _ = try BookConfig.load(directory: directory, required: true)
            return []
        } catch let error as BookConfigError {
            return error.diagnostics.map { "\($0.line): \($0.message)" }
        }
    }

    @Test func keyLinesFollowTablesDottedKeysInlineTablesAndArrays() {
        let lines = TOMLKeyLines("""
            # a comment with [brackets] and key = "value"
            top = 1
            [book]
            title = "A # not a comment = [x]"
            authors = [
              "Ada",   # one
              "Alan",
            ]
            [swift]
            packages = [
              { path = "../A", products = ["A"] },
              { path = "../B",
                products = ["B"], extra = true },
            ]
            html.css = ['''
            multi "quoted" ] line
            ''']
            [[chapters]]
            name = "one"
            [[chapters]]
            name = "two"
            "quoted key".inner = 3
            """)
        #expect(lines.line(of: ["top"]) == 2)
        #expect(lines.line(of: ["book"]) == 3)
        #expect(lines.line(of: ["book", "title"]) == 4)
        #expect(lines.line(of: ["book", "authors"]) == 5)
        #expect(lines.line(of: ["book", "authors", "1"]) == 7)
        #expect(lines.line(of: ["swift", "packages", "0", "path"]) == 11)
        #expect(lines.line(of: ["swift", "packages", "1", "path"]) == 12)
        #expect(lines.line(of: ["swift", "packages", "1", "extra"]) == 13)
        #expect(lines.line(of: ["swift", "html", "css"]) == 15)
        #expect(lines.line(of: ["chapters", "0", "name"]) == 19)
        #expect(lines.line(of: ["chapters", "1", "name"]) == 21)
        #expect(lines.line(of: ["chapters", "1", "quoted key", "inner"]) == 22)
        // A key not written falls back to the nearest one that is.
        #expect(lines.line(of: ["swift", "packages", "1", "products", "0"]) == 13)
        #expect(lines.line(of: ["nowhere"]) == 1)
    }

    @Test func everyKeyIsRead() throws {
        let directory = try book("""
            [book]
            title = "T"
            authors = ["A", "B"]
            language = "fr"
            description = "D"
            [build]
            chapters = "notes"
            output = "site"
            timeout = 5
            strict = true
            [swift]
            sources = ["Shared"]
            [html]
            css = []
            numbering = "chapter"
            """, folders: ["Shared", "Sources"])
        let config = try #require(try BookConfig.load(directory: directory, required: true))
        #expect(config.title == "T" && config.authors == ["A", "B"] && config.language == "fr" && config.description == "D")
        #expect(config.chapters == directory + "/notes" && config.output == directory + "/site")
        #expect(config.timeout == 5 && config.strict == true && config.numbering == .chapter)
        #expect(config.sources == [directory + "/Shared"], "an explicit list replaces the default Sources")
        var options = BuildOptions()
        options.apply(config)
        #expect(options.chaptersDirectory == directory + "/notes" && options.timeout == .seconds(5) && options.numbering == .chapter)
        #expect(options.language == "fr" && options.strict)
    }

    @Test func aBibliographyIsOneFileOrAList() throws {
        let one = try book("[book]\nbibliography = \"refs.bib\"\n")
        #expect(try BookConfig.load(directory: one, required: true)?.bibliography == [one + "/refs.bib"])
        let many = try book("[book]\nbibliography = [\"a.bib\", \"/abs/b.json\"]\n")
        let config = try #require(try BookConfig.load(directory: many, required: true))
        #expect(config.bibliography == [many + "/a.bib", "/abs/b.json"])
        var options = BuildOptions()
        options.apply(config)
        #expect(options.bibliography == config.bibliography)
        #expect(try problems("[book]\nbibliography = 3\n") == ["2: 'book.bibliography' must be an array of strings, such as [\"a\", \"b\"], not an integer"])
    }

    @Test func sourcesDefaultsToTheSourcesFolderOnlyWhenItExists() throws {
        let with = try #require(try BookConfig.load(directory: try book("", folders: ["Sources"]), required: true))
        #expect(with.sources.count == 1 && with.sources[0].hasSuffix("/Sources"))
        let without = try #require(try BookConfig.load(directory: try book(""), required: true))
        #expect(without.sources.isEmpty)
    }

    @Test func noBookTomlKeepsTodaysDefaults() throws {
        let directory = try RenderProcess.temporaryDirectory("no-toml")
        #expect(try BookConfig.load(directory: directory, required: false) == nil)
        #expect(throws: BookConfigError.self) { try BookConfig.load(directory: directory, required: true) }
        let options = BuildOptions()
        #expect(options.chaptersDirectory == "chapters" && options.outputDirectory == "output" && options.timeout == .seconds(30))
        #expect(options.language == "en" && options.numbering == .book && options.packages.isEmpty && options.sharedSources.isEmpty)
    }

    @Test func unknownKeysAndTablesAreErrorsAtTheirLines() throws {
        #expect(try problems("[book]\ntitle = \"T\"\ntitel = \"T\"\n[bild]\nx = 1\n") == [
            "3: unknown key 'titel' in [book]; it knows authors, bibliography, description, language, title",
            "4: unknown table or key 'bild'; book.toml knows [book], [build], [swift], [html], [format] and [math]",
        ])
        #expect(try problems("book.title = \"T\"\nbuild.jobs = 3\n") == ["2: unknown key 'jobs' in [build]; it knows chapters, output, strict, timeout"])
    }

    @Test func wrongTypesAreErrorsAtTheirLines() throws {
        #expect(try problems("[build]\n\ntimeout = \"30\"\nstrict = 1\n[book]\nauthors = \"Ada\"\n[html]\nnumbering = \"section\"\n") == [
            "3: 'build.timeout' must be a number of seconds, not a string",
            "4: 'build.strict' must be true or false, not an integer",
            "6: 'book.authors' must be an array of strings, such as [\"a\", \"b\"], not a string",
            "8: 'html.numbering' must be \"book\" or \"chapter\", not \"section\"",
        ])
        #expect(try problems("book = 3\n") == ["1: 'book' must be a table ([book]), not an integer"])
    }

    @Test func formatSetsHowAPlainDoublePrints() throws {
        let directory = try book("[format]\nsignificant = 6\n")
        let config = try #require(try BookConfig.load(directory: directory, required: true))
        #expect(config.plainNumbers == .significant(6))
        var options = BuildOptions()
        #expect(options.plainNumbers == .shortest, "without [format], Swift's shortest form as before")
        options.apply(config)
        #expect(options.plainNumbers == .significant(6))
        #expect(try BookConfig.load(directory: try book("[format]\ndecimals = 0\n"), required: true)?.plainNumbers == .decimals(0))
        #expect(try problems("[format]\nsignificant = 0\ndecimals = 2.5\n") == [
            "2: 'format.significant' must be a whole number from 1 to 17, not 0",
            "3: 'format.decimals' must be a whole number from 0 to 17, not a number",
        ])
        let both = try problems("[format]\nsignificant = 6\ndecimals = 2\n")
        #expect(both.count == 1 && both[0].hasSuffix(": [format] sets either significant or decimals, not both"), "\(both)")
    }

    @Test func mathIndicesSetsTheFirstIndexOfDerivations() throws {
        let config = try #require(try BookConfig.load(directory: try book("[math]\nindices = 1\n"), required: true))
        #expect(config.indexBase == 1)
        var options = BuildOptions()
        #expect(options.indexBase == 0, "without [math], indices count from 0 as in Swift")
        options.apply(config)
        #expect(options.indexBase == 1)
        let wrong = try problems("[math]\nindices = 2\n")
        #expect(wrong.count == 1 && wrong[0].hasPrefix("2: 'math.indices' is the number of a vector's first element"), "\(wrong)")
    }

    @Test func missingFoldersAndPackagesAreErrorsAtTheirLines() throws {
        let found = try problems("""
            [swift]
            sources = ["Shared"]
            packages = [
              { path = "../nowhere", products = ["X"] },
              { path = ".", products = ["X"], version = "1" },
            ]
            [html]
            css = ["missing.css"]
            """)
        #expect(found.count == 5, "\(found)")
        #expect(found[0].hasPrefix("2: the shared sources folder '") && found[0].hasSuffix("/Shared' does not exist"))
        #expect(found[1].hasPrefix("4: the package folder '") && found[1].hasSuffix("/../nowhere' does not exist"))
        #expect(found[2] == "5: unknown key 'version' in a package entry; it knows path and products")
        #expect(found[3].hasPrefix("5: the package folder '") && found[3].hasSuffix("has no Package.swift"))
        #expect(found[4].hasPrefix("8: the stylesheet '") && found[4].hasSuffix("missing.css' does not exist"))
    }

    @Test func invalidTOMLIsAnErrorAtItsLine() throws {
        let found = try problems("[book]\ntitle = \"T\"\nauthors = [\"A\"\n")
        #expect(found.count == 1 && found[0].hasPrefix("3: book.toml is not valid TOML"), "\(found)")
    }
}
