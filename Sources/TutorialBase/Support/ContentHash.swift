/// Cache keys: SHA-256 over a sequence of parts, each followed by a
/// separator byte so that ("ab", "c") and ("a", "bc") differ. Every cache of
/// the engine (chapter programs, formulas) keys through this one type.
package struct ContentHash: Sendable {
    private var bytes: [UInt8] = []

    /// An empty hash.
    public init() {}

    /// Adds `text` to the hash.
    public mutating func add(_ text: String) {
        bytes += text.utf8
        bytes.append(0xFF)  // never occurs in UTF-8
    }

    /// 64 hex digits.
    package var hex: String { SHA256.hex(bytes) }

    /// The hash of `parts`, in order.
    public static func of(_ parts: String...) -> String {
        var hash = ContentHash()
        for part in parts { hash.add(part) }
        return hash.hex
    }
}
