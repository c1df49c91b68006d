import SwiftSyntax
import TutorialBase

/// The names a chapter's Swift code declares at the top level of its blocks
/// (`let`, `var`, `func`), which a derivation's TeX may use.
public struct ChapterSymbols: Sendable, Hashable {
    /// A name the chapter declares.
    public struct Symbol: Sendable, Hashable {
        /// The name.
        public var name: String
        /// Whether it names a function (`func`) rather than a value.
        var isFunction: Bool
        /// The line of the block the name is declared in.
        public var line: Int
        /// For a `let` with an initial value, the identifiers that value uses
        /// (`let L = crossEntropy(z, y)` uses crossEntropy, z and y); nil for
        /// a `var` or a function, whose value code may change later.
        var uses: Set<String>? = nil
    }

    /// The names, in the order they are declared.
    var symbols: [Symbol] = []

    /// Creates a symbol table.
    public init(symbols: [Symbol] = []) {
        self.symbols = symbols
    }

    /// The names a parsed block declares at its top level (`let`, `var`,
    /// `func`), each given the block's fence `line`.
    package static func declarations(in tree: SourceFileSyntax, line: Int) -> [Symbol] {
        var symbols: [Symbol] = []
        for item in tree.statements {
            if let variable = item.item.as(VariableDeclSyntax.self) {
                let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
                for binding in variable.bindings {
                    let uses: Set<String>? = isLet ? binding.initializer.map { Self.identifiers(in: Syntax($0.value)) } : nil
                    for name in Self.names(in: binding.pattern) {
                        symbols.append(Symbol(name: name, isFunction: false, line: line, uses: uses))
                    }
                }
            } else if let function = item.item.as(FunctionDeclSyntax.self) {
                symbols.append(Symbol(name: function.name.text, isFunction: true, line: line))
            }
        }
        return symbols
    }

    /// The identifiers a piece of code mentions.
    static func identifiers(in node: Syntax) -> Set<String> {
        var out = Set<String>()
        for token in node.tokens(viewMode: .sourceAccurate) {
            if case .identifier(let name) = token.tokenKind { out.insert(name) }
        }
        return out
    }

    package static func names(in pattern: PatternSyntax) -> [String] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) { return [identifier.identifier.text] }
        if let tuple = pattern.as(TuplePatternSyntax.self) { return tuple.elements.flatMap { names(in: $0.pattern) } }
        return []
    }

    /// The symbols declared in blocks that start before `line`.
    package func before(line: Int) -> [Symbol] {
        symbols.filter { $0.line < line }
    }
}
