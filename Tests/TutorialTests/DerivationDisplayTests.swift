import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// How a derivation block shows to readers.
@Suite struct DerivationDisplayTests {
    @Test func theDisplayIsAlignedAtTheFirstRelationOutsideBraces() {
        #expect(Derivation.aligned("\\sum_{j=1}^{K} q_j = 1") == "\\sum_{j=1}^{K} q_j &= 1")
        #expect(Derivation.aligned("x \\approx 0.5") == "x &\\approx 0.5")
        #expect(Derivation.aligned("a &= b") == "a &= b")
    }
}
