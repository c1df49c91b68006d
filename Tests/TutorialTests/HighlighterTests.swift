import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// The highlighter marks Swift's tokens and keeps every byte of the code.
@Suite struct HighlighterTests {
    /// Undoes the highlighter: drops the tags and unescapes the five entities.
    func plainText(_ html: String) -> String {
        var text = html.replacing(/<\/?span[^>]*>/, with: "")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacing(entity, with: character)
        }
        return text
    }

    let snippet = """
        /// The loss of one example.
        @inlinable func loss(_ z: [Double], label: Int) -> Double {
            let p = softmax(z)   // probabilities
            /* block */ print("p < 1 && p > 0: \\(p[label])", 'x')
            return -log(p[label]) * 2.5e-3 + 0x1F
        }
        #if DEBUG
        let t: Double = 1 ≈ 2
        #endif
        """

    @Test func roundTripsByteForByte() {
        for code in [snippet, "", "   \n\t\n", "let s = \"unterminated", "func (", "let café = \"naïve ≈ 🙂\" // é\n", "\r\nlet x = 1\r\n"] {
            #expect(plainText(SwiftHighlighter.html(code)) == code)
        }
    }

    @Test func classifiesTheKnownSnippet() {
        let html = SwiftHighlighter.html(snippet)
        #expect(html.contains(#"<span class="hl-doc-comment">/// The loss of one example.</span>"#))
        #expect(html.contains(#"<span class="hl-attribute">@inlinable</span>"#))
        #expect(html.contains(#"<span class="hl-keyword">func</span>"#))
        #expect(html.contains(#"<span class="hl-keyword">let</span>"#))
        #expect(html.contains(#"<span class="hl-keyword">return</span>"#))
        #expect(html.contains(#"<span class="hl-type">Double</span>"#))
        #expect(html.contains(#"<span class="hl-type">Int</span>"#))
        #expect(html.contains(#"<span class="hl-number">2.5e-3</span>"#))
        #expect(html.contains(#"<span class="hl-number">0x1F</span>"#))
        #expect(html.contains(#"<span class="hl-comment">// probabilities</span>"#))
        #expect(html.contains(#"<span class="hl-comment">/* block */</span>"#))
        #expect(html.contains(#"<span class="hl-directive">#if</span>"#))
        #expect(html.contains("p &lt; 1 &amp;&amp; p &gt; 0"))
    }

    @Test func escapesEverythingOutsideTags() {
        let html = SwiftHighlighter.html(#"let a = b < c && d > "e" // 'x' <script>"#)
        let withoutTags = html.replacing(/<\/?span[^>]*>/, with: "")
        #expect(!withoutTags.contains("<"))
        #expect(!withoutTags.contains(">"))
        #expect(!withoutTags.contains("\""))
        #expect(!withoutTags.contains("'"))
    }
}
