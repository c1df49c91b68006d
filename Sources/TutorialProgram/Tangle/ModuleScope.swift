import SwiftParser
import SwiftSyntax

/// What one chapter program puts in its module's scope, and every name it
/// mentions: what decides whether two chapters may be compiled as one
/// module (`MergedCompile`) and still behave exactly as each compiled alone.
///
/// Compiled alone, a chapter is the only file of module `Chapter`. In a
/// merged program every chapter is a file of one module, and what a file
/// declares at file scope is visible in every other file:
/// - a type, protocol, type alias, operator or precedence group by its name,
///   which then shadows an imported name of the same spelling in another chapter;
/// - an extension's members, on any value of the extended type, and an
///   operator function (even a type's) in every expression that uses the operator;
/// - a conformance, to every dynamic cast (`as? P`) and generic call.
///
/// So two chapters may share a module only when neither declares a name the
/// other mentions (``conflicts(with:)``: every identifier and operator token
/// counts, a conservative over-approximation of what name lookup could
/// reach) and both import the same modules (an extension member of a module
/// one file imports is visible in every file of the module). A chapter whose
/// file scope reaches other files without any name (a conformance of a
/// type it did not declare; an initializer, subscript or `callAsFunction`
/// on such a type; a literal-type alias; a macro that may add declarations)
/// is never merged: ``mergeable`` is false, and it compiles alone.
///
/// The chapter's hoisted declarations keep exactly their written access
/// level, so reflection (`String(reflecting:)`, `dump`) prints the same
/// type names as in the chapter's own module.
package struct ModuleScope: Sendable, Hashable {
    /// Names the chapter adds to the module's scope.
    package var declared: Set<String> = []
    /// Every identifier and operator the chapter's program spells.
    package var mentioned: Set<String> = []
    /// The modules the chapter imports, as written (`import Foundation`).
    package var imports: Set<String> = []
    /// The program's length in UTF-8 bytes: what a compile's cost is
    /// estimated from (``MergedCompile/cost(bytes:)``).
    package var size = 0
    /// Why the chapter must compile alone, or nil when it may be merged.
    package var soloReason: String? = nil

    package var mergeable: Bool { soloReason == nil }

    /// Attributes the compiler defines, which add no declaration elsewhere.
    static let builtinAttributes: Set<String> = [
        "MainActor", "available", "frozen", "inlinable", "usableFromInline", "discardableResult",
        "dynamicMemberLookup", "dynamicCallable", "propertyWrapper", "resultBuilder", "objc", "nonobjc",
        "preconcurrency", "Sendable", "unchecked", "retroactive", "inline", "_spi", "testable", "_exported",
        "_implementationOnly", "warn_unqualified_access", "globalActor", "safe", "unsafe",
    ]

    /// Type aliases the compiler looks up by name to type a literal.
    static let literalTypeNames: Set<String> = [
        "IntegerLiteralType", "FloatLiteralType", "BooleanLiteralType", "StringLiteralType",
        "ExtendedGraphemeClusterLiteralType", "UnicodeScalarLiteralType",
    ]

    /// Reads a chapter's merged source (`ChapterProgram.mergedSource`).
    package init(source: String) {
        size = source.utf8.count
        let tree = Parser.parse(source: source)
        for token in tree.tokens(viewMode: .sourceAccurate) {
            switch token.tokenKind {
            case .identifier(let name), .dollarIdentifier(let name): mentioned.insert(Self.plain(name))
            case .binaryOperator(let op), .prefixOperator(let op), .postfixOperator(let op): mentioned.insert(op)
            default: break
            }
        }
        var ownTypes: Set<String> = []
        for item in tree.statements {
            if case .decl(let decl) = item.item { collectOwnTypes(decl, into: &ownTypes) }
        }
        for item in tree.statements {
            guard case .decl(let decl) = item.item else { continue }
            read(decl, ownTypes: ownTypes)
        }
        if soloReason == nil, let alias = declared.intersection(Self.literalTypeNames).first {
            soloReason = "it declares `\(alias)`, which types every literal of the module"
        }
    }

    /// Whether the two chapters must not share a module: one declares a name
    /// the other mentions, or they import different modules.
    package func conflicts(with other: ModuleScope) -> Bool {
        imports != other.imports || !declared.isDisjoint(with: other.mentioned) || !other.declared.isDisjoint(with: mentioned)
    }

    /// `` `name` `` → `name`.
    static func plain(_ name: String) -> String {
        name.count > 2 && name.hasPrefix("`") && name.hasSuffix("`") ? String(name.dropFirst().dropLast()) : name
    }

    private func collectOwnTypes(_ decl: DeclSyntax, into names: inout Set<String>) {
        if let conditional = decl.as(IfConfigDeclSyntax.self) {
            for member in Self.members(conditional) { collectOwnTypes(member, into: &names) }
        } else if let name = Self.typeName(decl) {
            names.insert(name)
        }
    }

    /// The name of a nominal type or protocol declaration.
    static func typeName(_ decl: DeclSyntax) -> String? {
        if let d = decl.as(StructDeclSyntax.self) { return plain(d.name.text) }
        if let d = decl.as(ClassDeclSyntax.self) { return plain(d.name.text) }
        if let d = decl.as(EnumDeclSyntax.self) { return plain(d.name.text) }
        if let d = decl.as(ActorDeclSyntax.self) { return plain(d.name.text) }
        if let d = decl.as(ProtocolDeclSyntax.self) { return plain(d.name.text) }
        return nil
    }

    /// The declarations of every clause of an `#if`.
    static func members(_ conditional: IfConfigDeclSyntax) -> [DeclSyntax] {
        conditional.clauses.flatMap { clause -> [DeclSyntax] in
            switch clause.elements {
            case .decls(let members)?: return members.map(\.decl)
            case .statements(let items)?: return items.compactMap { $0.item.as(DeclSyntax.self) }
            default: return []
            }
        }
    }

    static func isFileLocal(_ modifiers: DeclModifierListSyntax) -> Bool {
        modifiers.contains { $0.name.tokenKind == .keyword(.private) || $0.name.tokenKind == .keyword(.fileprivate) }
    }

    /// One file-scope declaration: what it adds to the module.
    private mutating func read(_ decl: DeclSyntax, ownTypes: Set<String>) {
        if let conditional = decl.as(IfConfigDeclSyntax.self) {
            for member in Self.members(conditional) { read(member, ownTypes: ownTypes) }
            return
        }
        if decl.is(PoundSourceLocationSyntax.self) { return }
        if let d = decl.as(ImportDeclSyntax.self) {
            imports.insert(d.trimmedDescription)
            return
        }
        if let attributes = decl.asProtocol((any WithAttributesSyntax).self)?.attributes {
            for case .attribute(let attribute) in attributes {
                let name = attribute.attributeName.trimmedDescription
                if !Self.builtinAttributes.contains(name) { solo("its declaration at file scope carries `@\(name)`, which may add declarations") }
            }
        }
        if let modifiers = decl.asProtocol((any WithModifiersSyntax).self)?.modifiers, Self.isFileLocal(modifiers) { return }
        if let d = decl.as(OperatorDeclSyntax.self) { declared.insert(d.name.text); return }
        if let d = decl.as(PrecedenceGroupDeclSyntax.self) { declared.insert(d.name.text); return }
        if let d = decl.as(TypeAliasDeclSyntax.self) { declared.insert(Self.plain(d.name.text)); return }
        if let name = Self.typeName(decl) {
            declared.insert(name)
            // A type's operator functions join every use of the operator.
            declareOperators(in: decl)
            return
        }
        if let d = decl.as(ExtensionDeclSyntax.self) {
            let extended = d.extendedType.trimmedDescription
            let base = Self.plain(extended.split(separator: "<").first.map(String.init) ?? extended)
            let own = ownTypes.contains(base)
            if d.inheritanceClause != nil && !own {
                solo("it declares a conformance of `\(extended)`, a type it did not declare, which other chapters' casts would see")
            }
            for member in d.memberBlock.members {
                readMember(member.decl, of: extended, own: own)
            }
            return
        }
        if decl.is(FunctionDeclSyntax.self) || decl.is(VariableDeclSyntax.self) || decl.is(MacroExpansionDeclSyntax.self)
            || decl.is(MacroDeclSyntax.self) || decl.is(SubscriptDeclSyntax.self) || decl.is(InitializerDeclSyntax.self) {
            solo("it declares `\(decl.trimmedDescription.prefix(40))` at file scope")
            return
        }
        solo("it has a file-scope declaration render does not know how to scope")
    }

    /// An extension's member: its name joins the module's scope.
    private mutating func readMember(_ decl: DeclSyntax, of extended: String, own: Bool) {
        if let conditional = decl.as(IfConfigDeclSyntax.self) {
            for member in Self.members(conditional) { readMember(member, of: extended, own: own) }
            return
        }
        if let modifiers = decl.asProtocol((any WithModifiersSyntax).self)?.modifiers, Self.isFileLocal(modifiers) { return }
        if let attributes = decl.asProtocol((any WithAttributesSyntax).self)?.attributes {
            for case .attribute(let attribute) in attributes {
                let name = attribute.attributeName.trimmedDescription
                if !Self.builtinAttributes.contains(name) { solo("a member of its extension of `\(extended)` carries `@\(name)`") }
            }
        }
        if let d = decl.as(FunctionDeclSyntax.self) {
            let name = Self.plain(d.name.text)
            declared.insert(name)
            if name == "callAsFunction" && !own { solo("it adds `callAsFunction` to `\(extended)`, which a call uses without naming") }
            return
        }
        if let d = decl.as(VariableDeclSyntax.self) {
            for binding in d.bindings {
                for token in binding.pattern.tokens(viewMode: .sourceAccurate) {
                    if case .identifier(let name) = token.tokenKind { declared.insert(Self.plain(name)) }
                }
            }
            return
        }
        if decl.is(InitializerDeclSyntax.self) || decl.is(SubscriptDeclSyntax.self) {
            if own { return }  // reachable only through the chapter's own type, whose name is declared
            solo("it adds an initializer or subscript to `\(extended)`, which a call or `[…]` uses without naming")
            return
        }
        if let name = Self.typeName(decl) {
            declared.insert(name)
            declareOperators(in: decl)
            return
        }
        if let d = decl.as(TypeAliasDeclSyntax.self) { declared.insert(Self.plain(d.name.text)); return }
        if decl.is(EnumCaseDeclSyntax.self) { return }
        if decl.is(MacroExpansionDeclSyntax.self) { solo("its extension of `\(extended)` expands a macro"); return }
    }

    /// Operator functions anywhere inside a type: each operator is declared.
    private mutating func declareOperators(in decl: DeclSyntax) {
        for token in decl.tokens(viewMode: .sourceAccurate) {
            switch token.tokenKind {
            case .binaryOperator(let op), .prefixOperator(let op), .postfixOperator(let op):
                if let function = token.parent?.as(FunctionDeclSyntax.self), function.name.id == token.id { declared.insert(op) }
            default: break
            }
        }
    }

    private mutating func solo(_ reason: String) {
        if soloReason == nil { soloReason = reason }
    }
}
