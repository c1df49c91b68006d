import SwiftParser
import SwiftSyntax
import TutorialBase

/// Splits a Swift block into what must stay at file scope and what runs.
///
/// A chapter's blocks run inside one function, so that reading a variable
/// before the block that declares it is a compile error (at the top level of
/// `main.swift`, Swift would silently read zero-initialised memory). Imports,
/// extensions, protocols, operators, precedence groups, nominal types and
/// type aliases cannot (or should not) live in a function; they are hoisted
/// to file scope, each with its own `#sourceLocation`.
package enum DeclarationHoister {
    package struct Piece: Sendable, Hashable {
        package var code: String
        /// Line offset of the piece within the block (0-based).
        package var lineOffset: Int
        package var hoisted: Bool
    }

    package static func split(_ code: String, tree: SourceFileSyntax) -> [Piece] {
        let utf8 = Array(code.utf8)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        var pieces: [Piece] = []
        var pending: (start: AbsolutePosition, line: Int)?
        var end = tree.position
        func flush(upTo position: AbsolutePosition) {
            guard let start = pending else { return }
            pieces.append(Piece(code: slice(utf8, start.start, position), lineOffset: start.line, hoisted: false))
            pending = nil
        }
        for item in tree.statements {
            let start = item.positionAfterSkippingLeadingTrivia
            let line = converter.location(for: start).line - 1
            if hoists(item.item) {
                flush(upTo: start)
                pieces.append(Piece(code: slice(utf8, start, item.endPositionBeforeTrailingTrivia), lineOffset: line, hoisted: true))
            } else if pending == nil {
                pending = (start, line)
            }
            end = item.endPositionBeforeTrailingTrivia
        }
        flush(upTo: end)
        return pieces
    }

    static func hoists(_ item: CodeBlockItemSyntax.Item) -> Bool {
        guard case .decl(let decl) = item else { return false }
        return hoists(decl)
    }

    /// `#if` blocks are hoisted when every declaration in every clause is.
    static func hoists(_ decl: DeclSyntax) -> Bool {
        if let conditional = decl.as(IfConfigDeclSyntax.self) {
            return conditional.clauses.allSatisfy { clause in
                switch clause.elements {
                case .decls(let members)?: return members.allSatisfy { hoists($0.decl) }
                case .statements(let items)?: return items.allSatisfy { hoists($0.item) }
                case nil: return true
                default: return false
                }
            }
        }
        return decl.is(ImportDeclSyntax.self) || decl.is(ExtensionDeclSyntax.self) || decl.is(ProtocolDeclSyntax.self)
            || decl.is(OperatorDeclSyntax.self) || decl.is(PrecedenceGroupDeclSyntax.self)
            || decl.is(StructDeclSyntax.self) || decl.is(ClassDeclSyntax.self) || decl.is(EnumDeclSyntax.self)
            || decl.is(ActorDeclSyntax.self) || decl.is(TypeAliasDeclSyntax.self)
    }

    /// Where ``slice(_:_:_:)`` starts for a piece that starts at `from`.
    package static func sliceStart(_ utf8: [UInt8], _ from: AbsolutePosition) -> Int {
        var lower = min(max(from.utf8Offset, 0), utf8.count)
        while lower > 0 && (utf8[lower - 1] == UInt8(ascii: " ") || utf8[lower - 1] == UInt8(ascii: "\t")) { lower -= 1 }
        return lower
    }

    /// The code between two positions, widened back to the start of the
    /// first line when only indentation precedes it (to keep columns right).
    package static func slice(_ utf8: [UInt8], _ from: AbsolutePosition, _ to: AbsolutePosition) -> String {
        let lower = sliceStart(utf8, from)
        let upper = min(max(to.utf8Offset, lower), utf8.count)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
