import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// `HTML.escape` replaces exactly the five characters that can end text or an attribute value.
@Suite struct HTMLEscapeTests {
    @Test func escapesAllFiveCharacters() {
        #expect(HTML.escape(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
    }

    @Test func leavesOtherTextAlone() {
        let text = "softmax(z)ᵢ = e^{zᵢ} / Σ e^{zⱼ} ≈ 0.462 − 1 — 🙂"
        #expect(HTML.escape(text) == text)
    }

    @Test func escapesAnAmpersandOnlyOnce() {
        #expect(HTML.escape("&amp;") == "&amp;amp;")
    }

    @Test func controlCharactersCannotCutThePageShort() {
        #expect(HTML.escape("a\u{0}b\u{1B}c\nd\te") == "a\u{FFFD}b\u{FFFD}c\nd\te")
    }

    /// The chapter body is written as cmark writes it: four characters, no
    /// `&#39;`, control characters passed through.
    @Test func commonMarkEscapingIsCmarksOwn() {
        #expect(HTML.escape(#"a & b < c > d "e" 'f'"#, as: .commonMark) == "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'")
        #expect(HTML.escape("a\u{1B}b", as: .commonMark) == "a\u{1B}b")
        #expect(HTML.escape("it's", as: .commonMark) == "it's")
    }
}
