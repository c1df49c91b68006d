import Testing
@testable import TutorialMarkdown

/// Which names chapter code may not write: every identifier starting with
/// `__` (the tangled program is made of them), and a declaration of
/// `ChapterRuntime`; read as Swift, so strings, comments and Swift's own
/// `__owned` are no use of them.
@Suite struct ReservedNamesTests {
    @Test func everyIdentifierStartingWithTwoUnderscoresIsReserved() {
        for code in ["__texAdd(a, b)", "let __TeXValue = 1", "__random.next()", "x + __t3", "`__texStep`"] {
            #expect(ReservedNames.firstUse(in: code[...])?.name.hasPrefix("__") == true, "\(code)")
        }
        let use = ReservedNames.firstUse(in: "let a = 1\n  let b = __w_z\n")
        #expect(use?.name == "__w_z")
        #expect(use?.line == 1)
        #expect(use?.column == 11)
    }

    @Test func stringsCommentsAndSwiftsOwnWordsAreNotUses() {
        for code in [#"print("__main__")"#, "let x = 1 // __init__", "/* __texAdd */ let y = 2",
                     "func f(_ a: __owned [Int]) {}", "let _ = 1", "let _x = 2", "let a__b = 3"] {
            #expect(ReservedNames.firstUse(in: code[...]) == nil, "\(code)")
        }
    }

    @Test func declaringChapterRuntimeIsReservedButNamingItIsNot() {
        #expect(ReservedNames.firstUse(in: "enum ChapterRuntime {}")?.name == "ChapterRuntime")
        #expect(ReservedNames.firstUse(in: "struct ChapterRuntime {}")?.name == "ChapterRuntime")
        #expect(ReservedNames.firstUse(in: "let ChapterRuntime = 3")?.name == "ChapterRuntime")
        #expect(ReservedNames.firstUse(in: "let q = ChapterRuntime.softmax([1, 2])") == nil)
    }

    @Test func aTestableImportOfTheRuntimeIsReserved() {
        // A debug build compiles the runtime for testing: its internals hold the channel's key.
        #expect(ReservedNames.firstUse(in: "@testable import ChapterRuntime\nprint(1)")?.name == "@testable import ChapterRuntime")
        #expect(ReservedNames.firstUse(in: "@testable  import struct ChapterChannel.ChannelKey")?.name == "@testable import ChapterChannel")
        #expect(ReservedNames.firstUse(in: "import ChapterRuntime") == nil)
        #expect(ReservedNames.firstUse(in: "@testable import MyLib\nimport ChapterRuntime") == nil)
    }

    @Test func aDerivationLineIsReadAsText() {
        #expect(ReservedNames.firstUse(inLine: #"% let f(x) = __texAdd(x, x)"#)?.column == 14)
        #expect(ReservedNames.firstUse(inLine: #"\frac{a}{b} &= c_{i}"#) == nil)
    }
}
