import TutorialBase

/// A local SwiftPM package a book names in `[swift] packages`, whose library
/// products every chapter program imports.
public struct BookPackage: Sendable, Hashable {
    /// The package's folder, absolute.
    public var path: String
    /// The library products to import; each is expected to be a module of the same name.
    package var products: [String]
    /// Where book.toml names it (for diagnostics about building it).
    public var file: String
    /// The line of its entry in book.toml.
    public var line: Int

    /// A package entry.
    public init(path: String, products: [String], file: String, line: Int) {
        self.path = path
        self.products = products
        self.file = file
        self.line = line
    }
}
