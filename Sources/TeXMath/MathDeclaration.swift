/// `% let NAME = SWIFT` or `% let NAME(a, b: Int) = SWIFT`: a symbol the TeX
/// of a derivation may use, bound to a Swift value or function.
///
/// The name on the left may be any TeX (`D_{KL}(p \| q)`, `\hat{y}`,
/// `net_{h1}`, `MSE`): `tex` keeps what was written, and `name` is the Swift
/// identifier the program binds it to (`D_KL`, `hat_y`).
package struct MathDeclaration: Sendable, Hashable {
    /// A parameter of a declared function.
    package struct Parameter: Sendable, Hashable {
        /// The parameter's name.
        public var name: String
        /// The Swift type written after `:`; without one, the parameter takes
        /// the type of the input or value of the same name, or else `Double`.
        package var type: String?

        /// Creates a parameter.
        public init(name: String, type: String?) {
            self.name = name
            self.type = type
        }
    }

    /// The Swift identifier the declaration binds.
    public var name: String
    /// The TeX written left of `=` when it is not a plain identifier
    /// (`D_{KL}`, `\hat{y}`); nil for `q`, `Loss`.
    package var tex: String?
    /// nil for a value, the parameters for a function.
    package var parameters: [Parameter]?
    /// The Swift text it is bound to.
    public var swift: String
    /// The chapter line of the declaration.
    public var line: Int
    /// Column of the Swift text on its line.
    package var column: Int

    /// Creates a declaration.
    public init(name: String, tex: String? = nil, parameters: [Parameter]?, swift: String, line: Int, column: Int) {
        self.name = name
        self.tex = tex
        self.parameters = parameters
        self.swift = swift
        self.line = line
        self.column = column
    }
}
