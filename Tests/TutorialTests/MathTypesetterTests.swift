import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// KaTeX under node: HTML and MathML out, TeX errors as messages, a cache that spares node.
@Suite(.timeLimit(.minutes(5))) struct MathTypesetterTests {
    /// A fresh, empty cache folder.
    func temporaryCache() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("math-cache-\(UUID().uuidString)")
    }

    @Test func typesetsInlineAndDisplayMathWithMathML() async throws {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        let results = try await typesetter.typeset([
            Formula(tex: #"\frac{a}{b}"#, display: false),
            Formula(tex: #"\sum_i p_i = 1"#, display: true),
        ])
        #expect(results.count == 2)
        let inline = try #require(results[0].html)
        #expect(inline.hasPrefix(#"<span class="katex">"#))
        #expect(inline.contains("<math"))
        #expect(inline.contains("<mfrac>"))
        let display = try #require(results[1].html)
        #expect(display.contains(#"class="katex-display""#))
    }

    @Test func unicodeInTeXWorks() async throws {
        let results = try await MathTypesetter(cacheDirectory: nil).typeset([Formula(tex: "L ≈ −0.462", display: false)])
        let html = try #require(results[0].html)
        #expect(html.contains("<mo>≈</mo>"))
        #expect(html.contains("−"))
    }

    /// KaTeX has no blackboard-bold digit: the indicator is drawn as two overlapping ones, and MathML carries 𝟙.
    @Test func theIndicatorIsADoubleStruckOne() async throws {
        let results = try await MathTypesetter(cacheDirectory: nil).typeset([
            Formula(tex: #"\mathbb{1}(y = i) + \mathbb 1_{y} + \mathbb{12} + \mathbb{R}"#, display: false),
            Formula(tex: #"\bbone"#, display: false),
        ])
        let html = try #require(results[0].html)
        #expect(html.components(separatedBy: "<mi mathvariant=\"normal\">𝟙</mi>").count == 3, "MathML says 𝟙 twice: \(html)")
        #expect(html.contains("<mi mathvariant=\"double-struck\">R</mi>"), "other \\mathbb letters are KaTeX's own")
        #expect(html.contains("<mn mathvariant=\"double-struck\">12</mn>") || html.contains("12</mn>"), "\\mathbb{12} is not the indicator")
        #expect(html.contains(#"<span class="mspace" style="margin-right:-0.3889em;"></span>"#), "two ones drawn 7 mu apart: \(html)")
        #expect(html.contains(#"<annotation encoding="application/x-tex">\mathbb{1}(y = i) + \mathbb{1}_{y} + \mathbb{12} + \mathbb{R}</annotation>"#),
                "the annotation keeps the TeX as written (\\mathbb 1 reads \\mathbb{1}): \(html)")
        #expect(results[1].html != nil)
    }

    @Test func aTeXErrorComesBackAsKaTeXsMessage() async throws {
        let results = try await MathTypesetter(cacheDirectory: nil).typeset([
            Formula(tex: "x^2", display: false),
            Formula(tex: #"\frac{"#, display: true),
        ])
        #expect(results[0].html != nil)
        let message = try #require(results[1].failureMessage)
        #expect(message.hasPrefix("KaTeX parse error:"))
        #expect(message.contains(#"\frac{"#))
    }

    @Test func duplicatesAreTypesetOnceAndKeepTheirPlace() async throws {
        let a = Formula(tex: "a", display: false), b = Formula(tex: "b", display: false)
        let results = try await MathTypesetter(cacheDirectory: nil).typeset([a, b, a])
        #expect(results[0] == results[2])
        #expect(results[0] != results[1])
    }

    @Test func cachedFormulasDoNotStartNode() async throws {
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        let formulas = [Formula(tex: #"\frac{a}{b}"#, display: false), Formula(tex: "e^{z_i}", display: true)]
        let first = try await MathTypesetter(cacheDirectory: cache).typeset(formulas)
        let withoutNode = MathTypesetter(nodePath: "/nonexistent/node", cacheDirectory: cache)
        let second = try await withoutNode.typeset(formulas)
        #expect(second == first)
        await #expect(throws: MathTypesetterError.nodeNotFound(path: "/nonexistent/node")) {
            try await withoutNode.typeset(formulas + [Formula(tex: "new", display: false)])
        }
    }

    /// An entry whose checksum does not match its HTML (edited, truncated)
    /// is typeset again, not served.
    @Test func aDamagedEntryIsTypesetAgain() async throws {
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        let formula = Formula(tex: #"\sqrt{2}"#, display: false)
        let first = try await MathTypesetter(cacheDirectory: cache).typeset([formula])
        let file = try #require(try FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil).first)
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "sqrt", with: "SQRT").write(to: file, atomically: true, encoding: .utf8)
        let withoutNode = MathTypesetter(nodePath: "/nonexistent/node", cacheDirectory: cache)
        await #expect(throws: MathTypesetterError.nodeNotFound(path: "/nonexistent/node")) {
            try await withoutNode.typeset([formula])
        }
        #expect(try await MathTypesetter(cacheDirectory: cache).typeset([formula]) == first)
    }

    @Test func checksumsSeparatePartsAndSeeEveryByte() {
        #expect(Checksum.of("ab", "c") != Checksum.of("a", "bc"))
        #expect(Checksum.of("formula", "k", "<span>x</span>") != Checksum.of("formula", "k", "<span>y</span>"))
        #expect(Checksum.of("").count == 16 && Checksum.of("a", "b").count == 16)
        // FNV-1a 64 of the empty string, then the separator byte 0xFF.
        #expect(Checksum.of() == "cbf29ce484222325")
    }

    @Test func displayAndInlineAreCachedApart() async throws {
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        let typesetter = MathTypesetter(cacheDirectory: cache)
        let results = try await typesetter.typeset([Formula(tex: "x", display: false), Formula(tex: "x", display: true)])
        #expect(results[0] != results[1])
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(files.count == 2)
    }

    @Test func missingKaTeXSaysWhatToInstall() async throws {
        let typesetter = MathTypesetter(katexDirectory: URL(fileURLWithPath: "/nonexistent/katex"), cacheDirectory: nil)
        do {
            _ = try await typesetter.typeset([Formula(tex: "x", display: false)])
            Issue.record("expected a set-up error")
        } catch let error as MathTypesetterError {
            #expect(error.description.contains("apt-get install libjs-katex"))
        }
        #expect(MathTypesetterError.nodeNotFound(path: nil).description.contains("apt-get install nodejs"))
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
