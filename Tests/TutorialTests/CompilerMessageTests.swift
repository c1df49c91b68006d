import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// swiftc's messages, read back as chapter diagnostics.
@Suite struct CompilerMessageTests {
    let chapter = "chapters/05-loss.md"

    @Test func aGenuineTypeCheckerTimeOutGetsAHint() {
        let output = "\(chapter):12:9: error: the compiler is unable to type-check this expression in reasonable time; try breaking up the expression into distinct sub-expressions\n"
        let found = ProgramCompiler.diagnostics(from: output, chapter: chapter)
        #expect(found.count == 1)
        #expect(found.first?.line == 12)
        #expect(found.first?.message.contains("annotate the types") == true)
        #expect(found.first?.message.contains("split the expression") == true)
    }

    @Test func aTimeOutBesideARealErrorIsNotReported() {
        let output = """
            \(chapter):7:14: error: cannot find 'sofmax' in scope
            \(chapter):7:3: error: the compiler is unable to type-check this expression in reasonable time; try breaking up the expression into distinct sub-expressions

            """
        let found = ProgramCompiler.diagnostics(from: output, chapter: chapter)
        #expect(found.map(\.message) == ["cannot find 'sofmax' in scope"])
    }
}
