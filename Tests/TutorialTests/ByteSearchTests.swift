import Testing
@testable import TutorialBase

/// A literal found and replaced by its UTF-8 bytes: every occurrence, left
/// to right, never overlapping, the text around it untouched.
@Suite struct ByteSearchTests {
    @Test func everyOccurrenceIsFoundLeftToRightWithoutOverlap() {
        #expect(ByteSearch.offsets(of: "aa", in: "aaaaa") == [0, 2])
        #expect(ByteSearch.offsets(of: "<b>", in: "x<b>y<b>") == [1, 5])
        #expect(ByteSearch.offsets(of: "<b>", in: "<b") == [])
        #expect(ByteSearch.offsets(of: "", in: "abc") == [])
        #expect(ByteSearch.count(of: "é", in: "café é") == 2)
    }

    @Test func offsetsCountUTF8BytesAndStartWhereAsked() {
        let text = Array("σ = 1 · σ".utf8)
        #expect(ByteSearch.offset(of: Array("σ".utf8), in: text) == 0)
        #expect(ByteSearch.offset(of: Array("σ".utf8), in: text, from: 1) == 10)
        #expect(ByteSearch.offset(of: Array("σ".utf8), in: text, from: 11) == nil)
    }

    @Test func replacingKeepsEverythingElse() {
        #expect(ByteSearch.replacing("<x>", with: "<y open>", in: "a<x>b<x>c") == "a<y open>b<y open>c")
        #expect(ByteSearch.replacing("-cite:", with: ":", in: "#ch-1-cite:k ünï") == "#ch-1:k ünï")
        #expect(ByteSearch.replacing("zz", with: "y", in: "no match") == "no match")
        #expect(ByteSearch.replacing("a", with: "", in: "banana") == "bnn")
    }
}
