/// The names a derivation step may use, and what each one is.
///
/// Names come from the block's declarations (`% for`, `% let`), from the
/// chapter's Swift code above the block, and from the indices that sums and
/// `\forall` bind. A TeX name is a single letter (`z`), a Greek letter
/// (`\epsilon` is `epsilon`), or a name written with `\text{}`,
/// `\operatorname{}`, `\mathrm{}` or `\texttt{}`.
public struct MathScope: Sendable {
    /// What a name stands for.
    public enum Kind: Sendable, Hashable {
        /// A value: a number, a vector, an index.
        case value
        /// A `% let F(a, b) = …` function, with its number of parameters.
        case declaredFunction(arity: Int)
        /// A function of the chapter's Swift code.
        case swiftFunction
    }

    private(set) var kinds: [String: Kind] = [:]
    /// Names in the order they were declared, for messages.
    private(set) var order: [String] = []
    /// The `% for` inputs and the chapter's values, which a derivative may vary.
    package private(set) var variables: Set<String> = []
    /// Names the block itself declares (`% for`, `% let`); only these take
    /// `e` and `\pi` from Euler's number and π.
    private(set) var blockNames: Set<String> = []

    /// For each value of the chapter's code, the names its definition uses
    /// (`let L = crossEntropy(z, y)` uses z and y); nil where that is unknown
    /// (a `var`, which code may change after it is declared).
    public private(set) var dependencies: [String: Set<String>?] = [:]
    /// For each `% let` value of the block, the names its Swift uses.
    private(set) var letUses: [String: Set<String>] = [:]
    /// Names declared as TeX (`D_{KL}`, `\hat{y}`, `MSE`): their tokens and
    /// the name they stand for, longest first.
    private(set) var texNames: [(pattern: [TeXToken.Kind], name: String)] = []
    /// The arities of each declared function (`H(p)` beside `H(p, q)`).
    private(set) var arities: [String: Set<Int>] = [:]
    /// The number the first element of a vector has: 0 as in Swift, or 1
    /// under `% indices from 1`.
    package var indexBase = 0

    /// The block's inputs that are vectors (drawn by `logits` or
    /// `probabilities`): what `\nabla F` and `\partial_j F` differentiate by.
    package var vectorInputs: [String] = []
    /// The block's inputs that are indices (drawn by `index` or `label`):
    /// `\partial_j F` with such a j differentiates by component j.
    package var indexInputs: Set<String> = []

    /// An empty scope.
    public init() {}

    /// Declares `name`.
    /// - Parameters:
    ///   - variable: whether a derivative may vary it (an input, a value).
    ///   - inBlock: whether the block itself declares it (`% for`, `% let`).
    ///   - dependsOn: for a chapter value, the names its definition uses, or nil when unknown.
    package mutating func declare(_ name: String, _ kind: Kind, variable: Bool = false, inBlock: Bool = false, dependsOn: Set<String>?? = .none) {
        if inBlock { blockNames.insert(name) } else if case .some(let uses) = dependsOn { dependencies[name] = uses }
        if case .declaredFunction(let arity) = kind {
            arities[name, default: []].insert(arity)
            // `H(p)` beside `H(p, q)`: an overload; the name is declared already.
            if case .declaredFunction? = kinds[name] { return }
        }
        if kinds[name] == nil { order.append(name) }
        kinds[name] = kind
        if variable { variables.insert(name) } else { variables.remove(name) }
    }

    /// Declares a name written in TeX, which the reader matches token by token.
    package mutating func declareTeX(_ tex: String, as name: String) {
        let pattern = MathNames.pattern(tex)
        guard pattern.count > 1, !texNames.contains(where: { $0.pattern == pattern }) else { return }
        texNames.append((pattern, name))
        texNames.sort { $0.pattern.count > $1.pattern.count }
    }

    /// Records the names the Swift of the block's `% let NAME = …` uses.
    package mutating func recordUses(of name: String, _ uses: Set<String>) { letUses[name] = uses }

    /// The chapter values that `name` (a chapter value, or a `% let` whose Swift
    /// uses them) is computed from and that may change with `variable`, while a
    /// derivative by `variable` would hold them fixed.
    func heldFixed(_ name: String, varying variable: String) -> [String] {
        if name == variable { return [] }
        if blockNames.contains(name) {
            return (letUses[name] ?? []).filter { $0 != variable && !blockNames.contains($0) && mayDepend($0, on: variable) }.sorted()
        }
        return mayDepend(name, on: variable) ? [name] : []
    }

    /// Whether the chapter value `name` may change when `variable` varies:
    /// its definition uses `variable`, or a chapter value that may, or is
    /// unknown. Block names and bound indices are not chapter values.
    func mayDepend(_ name: String, on variable: String) -> Bool {
        var seen = Set<String>()
        func visit(_ n: String) -> Bool {
            guard seen.insert(n).inserted else { return false }
            guard !blockNames.contains(n), case .value? = kinds[n] else { return false }
            guard let entry = dependencies[n] else { return false }
            guard let uses = entry else { return true }
            return uses.contains(variable) || uses.contains { $0 != n && visit($0) }
        }
        return visit(name)
    }

    /// What `name` stands for, or nil when nothing declares it.
    package func kind(of name: String) -> Kind? { kinds[name] }

    /// "z, y, i, q, Loss(2 arguments)".
    public var listing: String {
        let shown = order.suffix(40).map { name -> String in
            if case .declaredFunction(let n) = kinds[name] { return "\(name)(\(n) argument\(n == 1 ? "" : "s"))" }
            if case .swiftFunction = kinds[name] { return "\(name)(…)" }
            return name
        }
        return shown.isEmpty ? "none" : shown.joined(separator: ", ")
    }
}
