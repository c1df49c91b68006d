import Foundation
import SwiftParser
import SwiftSyntax
import Testing

/// Every public declaration in `Sources/` has a `///` doc comment, so the
/// habit the style guide asks for stays true.
@Suite struct DocCommentTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources").path

    @Test func everyPublicDeclarationHasADocComment() throws {
        let files = (FileManager.default.enumerator(atPath: Self.sources)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.count > 100, "the sources were not found at \(Self.sources)")
        var missing: [String] = []
        for file in files {
            let text = try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8)
            missing += UndocumentedPublic.find(in: text).map { "Sources/\(file):\($0.line): \($0.name)" }
        }
        #expect(missing.isEmpty, "\(missing.count) public declarations without a /// comment:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theCheckFindsWhatItShould() {
        let text = """
            /// Documented.
            public struct A {
                public var undocumented: Int
                /// Documented.
                public init() {}
                var internalOne = 0
                @discardableResult
                public func attributed() -> Int { 0 }
            }
            public extension A {}
            public enum B {}
            """
        #expect(UndocumentedPublic.find(in: text).map(\.name) == ["undocumented", "attributed", "B"])
    }
}

/// The public declarations of a Swift file that have no `///` or `/** */` comment.
final class UndocumentedPublic: SyntaxVisitor {
    private let converter: SourceLocationConverter
    private(set) var found: [(line: Int, name: String)] = []

    static func find(in text: String) -> [(line: Int, name: String)] {
        let tree = Parser.parse(source: text)
        let visitor = UndocumentedPublic(converter: SourceLocationConverter(fileName: "", tree: tree))
        visitor.walk(tree)
        return visitor.found
    }

    private init(converter: SourceLocationConverter) {
        self.converter = converter
        super.init(viewMode: .sourceAccurate)
    }

    private func check(_ node: some DeclSyntaxProtocol, modifiers: DeclModifierListSyntax, name: String) {
        guard modifiers.contains(where: { ["public", "open"].contains($0.name.text) }) else { return }
        let documented = node.leadingTrivia.contains { piece in
            switch piece {
            case .docLineComment, .docBlockComment: return true
            default: return false
            }
        }
        if !documented { found.append((node.startLocation(converter: converter).line, name)) }
    }

    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: node.name.text); return .visitChildren }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: node.name.text); return .visitChildren }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: node.name.text); return .visitChildren }
    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: node.name.text); return .visitChildren }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: node.name.text); return .visitChildren }
    override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: node.name.text); return .skipChildren }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: node.name.text); return .skipChildren }
    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: "init"); return .skipChildren }
    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind { check(node, modifiers: node.modifiers, name: "subscript"); return .skipChildren }
    override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
        let names = node.bindings.map { $0.pattern.trimmedDescription }.joined(separator: ", ")
        check(node, modifiers: node.modifiers, name: names)
        return .skipChildren
    }
}
