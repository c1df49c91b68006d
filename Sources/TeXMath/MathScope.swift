/// The names a derivation step may use, and what each one is.
///
/// Names come from the block's declarations (`% for`, `% let`), from the
/// chapter's Swift code above the block, and from the indices that sums and
/// `\forall` bind. A TeX name is a single letter (`z`), a Greek letter
/// (`\epsilon` is `epsilon`), or a name written with `\text{}`,
/// `\operatorname{}`, `\mathrm{}` or `\texttt{}`.
public struct MathScope: Sendable {
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
    public private(set) var variables: Set<String> = []
    /// Names the block itself declares (`% for`, `% let`); only these take
    /// `e` and `\pi` from Euler's number and π.
    public private(set) var blockNames: Set<String> = []

    public init() {}

    public mutating func declare(_ name: String, _ kind: Kind, variable: Bool = false, inBlock: Bool = false) {
        if inBlock { blockNames.insert(name) }
        if kinds[name] == nil { order.append(name) }
        kinds[name] = kind
        if variable { variables.insert(name) } else { variables.remove(name) }
    }

    public func kind(of name: String) -> Kind? { kinds[name] }

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
