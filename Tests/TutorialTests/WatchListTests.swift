import Testing
@testable import Tutorial

/// What serve and watch watch of render's own runtime, when render runs from its checkout.
@Suite struct WatchListTests {
    @Test func everyTargetOfTheRuntimeIsWatchedAndAnEditToAnyRebuildsIt() {
        let root = "/checkout"
        let paths = WatchList.paths(options: BuildOptions(), packageRoot: root)
        for target in ["ChapterRuntime", "ChapterChannel", "NumberFormatting", "MarkupText"] {
            #expect(paths.contains("\(root)/Sources/\(target)"), "\(target) is watched")
            #expect(WatchList.touchesRuntime(["\(root)/Sources/\(target)/Some.swift"], packageRoot: root), "an edit to \(target) rebuilds the runtime")
        }
        #expect(!WatchList.touchesRuntime(["\(root)/Sources/TutorialSite/Typeset/HTMLRenderer.swift"], packageRoot: root))
        #expect(!WatchList.touchesRuntime(["\(root)/Sources/ChapterRuntime/README.md"], packageRoot: root))
    }
}
