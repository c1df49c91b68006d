/// Where chapter code called the runtime: `#fileID` and `#line` of the call,
/// which a chapter program's `#sourceLocation` lines point at the chapter.
public struct CallSite: Codable, Sendable, Hashable {
    /// The file as `#fileID` names it: `Chapter/NAME.md` for chapter code.
    public var file: String
    /// The line, as compiled.
    public var line: Int

    /// Creates a call site.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}
