import Testing
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram

/// Two chapters share a merged module only when neither can see the other:
/// what one declares at file scope, the other never spells, and both import
/// the same modules. A chapter whose declarations reach others without a
/// name compiles alone.
@Suite struct ModuleScopeTests {
    /// The module scope of a chapter whose one block is `code`, read from
    /// the merged source the tangler writes.
    func scope(_ code: String, value: String = "1") -> ModuleScope {
        let text = "# T\n\n```swift\n\(code)\n```\n\nValue \\(\(value)).\n"
        let document = ChapterParser.parse(ChapterSource(path: "t.md", name: "t", text: text))
        return ModuleScope(source: Tangler.tangle(document).mergedSource)
    }

    @Test func chaptersThatDeclareNothingNeverConflict() {
        let a = scope("let x = 2.0 * 3.0"), b = scope("let y = [1, 2].map { $0 + 1 }")
        #expect(a.mergeable && b.mergeable)
        #expect(a.declared.isEmpty)
        #expect(!a.conflicts(with: b))
    }

    @Test func theRunnerItselfDeclaresNothing() {
        // The chapter's function and line table are `fileprivate`, and the
        // local function and variables stay inside it.
        let a = scope("func double(_ v: Double) -> Double { 2 * v }\nvar total = double(3)")
        #expect(a.mergeable, "\(a.soloReason ?? "")")
        #expect(a.declared.isEmpty)
    }

    @Test func aTypeConflictsWithAChapterThatSpellsItsName() {
        let point = scope("struct Point { var x: Double }\nlet p = Point(x: 1)")
        #expect(point.declared == ["Point"])
        #expect(point.conflicts(with: scope("struct Point { var y: Int }\nlet q = Point(y: 2)")))
        // A package's `Point` would be shadowed by this chapter's in one module.
        #expect(point.conflicts(with: scope("let name = \"Point\"\nlet size = MemoryLayout<Point>.size")))
        #expect(!point.conflicts(with: scope("let pointed = 3")))
    }

    @Test func anExtensionMemberConflictsWithAnyChapterThatSpellsIt() {
        let twice = scope("extension Double { var twice: Double { 2 * self } }\nlet y = 3.0.twice")
        #expect(twice.mergeable)
        #expect(twice.declared == ["twice"])
        #expect(twice.conflicts(with: scope("struct Box { var twice = 0 }\nlet b = Box().twice")))
        #expect(twice.conflicts(with: scope("extension Array { var twice: [Element] { self + self } }\nlet t = [1].twice")))
        #expect(!twice.conflicts(with: scope("let y = 3.0 * 2")))
    }

    @Test func anOperatorConflictsWithEveryUseOfIt() {
        let vector = scope("struct V { var x: Double\n static func * (a: V, b: Double) -> V { V(x: a.x * b) } }\nlet v = V(x: 1) * 2")
        #expect(vector.declared == ["V", "*"])
        #expect(vector.conflicts(with: scope("let y = 3.0 * 2")))
        #expect(!vector.conflicts(with: scope("let y = 3.0 + 2")))
        let custom = scope("infix operator ⊗: MultiplicationPrecedence\nextension Double { static func ⊗ (a: Double, b: Double) -> Double { a * b } }\nlet w = 2.0 ⊗ 3")
        #expect(custom.declared == ["⊗"])
        #expect(!custom.conflicts(with: scope("let y = 3.0 * 2")), "using `*` is not using `⊗`")
        #expect(custom.conflicts(with: scope("infix operator ⊗: AdditionPrecedence\nlet z = 1")))
    }

    @Test func differentImportsNeverShareAModule() {
        let foundation = scope("import Foundation\nlet s = \"a b\".components(separatedBy: \" \")")
        #expect(foundation.imports.contains("import Foundation"))
        #expect(foundation.conflicts(with: scope("let n = 2")))
        #expect(!foundation.conflicts(with: scope("import Foundation\nlet n = 2")))
    }

    @Test func declarationsThatReachOthersWithoutANameCompileAlone() {
        #expect(!scope("protocol Named {}\nextension Double: Named {}\nlet d = 1.0 as Named").mergeable)
        #expect(!scope("extension Double { init(half v: Double) { self = v / 2 } }\nlet d = Double(half: 3)").mergeable)
        #expect(!scope("extension Array { subscript(twice i: Int) -> Element { self[i] } }\nlet a = [1][twice: 0]").mergeable)
        #expect(!scope("typealias FloatLiteralType = Float\nlet f = 1.5").mergeable)
        #expect(!scope("@Observable final class Model { var n = 0 }\nlet m = Model()").mergeable)
    }

    @Test func aChaptersOwnTypeMayTakeConformancesAndInitializers() {
        let own = scope("struct Point { var x: Double }\nextension Point: CustomStringConvertible { var description: String { \"(\\(x))\" } }\nextension Point { init(twice v: Double) { x = 2 * v } }\n@MainActor struct Counter { var n = 0 }\nlet p = Point(twice: 1)")
        #expect(own.mergeable, "\(own.soloReason ?? "")")
        #expect(own.declared == ["Point", "description", "Counter"])
    }

    @Test func groupsAreAsManyAsTheCoresAndHoldNoConflict() {
        let plain = (0..<100).map { scope("let x\($0) = \($0)") }
        let groups = MergedCompile.groups(plain, threads: 2)
        #expect(groups.map(\.count) == [25, 25, 25, 25], "100 chapters on 2 cores: 4 groups of 25")
        #expect(groups.flatMap { $0 }.sorted() == Array(0..<100))
        #expect(MergedCompile.groups(Array(plain.prefix(30)), threads: 2).map(\.count) == [15, 15])
        #expect(MergedCompile.groups(Array(plain.prefix(3)), threads: 2).map(\.count) == [3])
        #expect(MergedCompile.groups(Array(plain.prefix(1)), threads: 2).isEmpty)

        let point = "struct Point { var x: Double }\nlet p = Point(x: 1)"
        let mixed = [scope(point), scope(point), scope("let a = 1"), scope("let b = 2"), scope("typealias FloatLiteralType = Float")]
        let split = MergedCompile.groups(mixed, threads: 1)
        #expect(!split.contains { $0.contains(0) && $0.contains(1) }, "the two Points never share a group: \(split)")
        #expect(!split.joined().contains(4), "the literal alias compiles alone")
        #expect(split.joined().sorted() == [0, 1, 2, 3], "\(split)")
    }

    @Test func groupsShareTheLargeChaptersOut() {
        let long = (0..<3).map { k in scope("let big\(k) = [" + Array(repeating: "1", count: 400).joined(separator: ", ") + "]") }
        let short = (0..<3).map { k in scope("let small\(k) = 1") }
        let interleaved = [long[0], short[0], long[1], short[1], long[2], short[2]]
        let groups = MergedCompile.groups(interleaved, threads: 2)
        #expect(groups.map(\.count) == [3, 3])
        let bytes = groups.map { $0.map { interleaved[$0].size }.reduce(0, +) }
        #expect(bytes.max()! < 2 * long[0].size + 2 * short[0].size, "the three large chapters are not all in one group: \(groups)")
        #expect(groups.allSatisfy { $0 == $0.sorted() })
    }
}
