import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// One tool a book needs, as `render doctor` found it: its version (or
/// where it is), or the command that installs it.
public struct ToolReport: Sendable, Equatable {
    /// The tool's name as a reader knows it: `node`, `KaTeX`, `chromium`.
    public var name: String
    /// What render uses it for, in a few words.
    var purpose: String
    /// The version found (or the path, when the tool has no version to tell); nil when missing or broken.
    public var found: String?
    /// Why it does not work, when it is there but broken (bubblewrap without user namespaces).
    public var problem: String?
    /// The command (or step) that installs or fixes it.
    var fix: String
    /// Whether a build needs it (chromium serves only `render pdf`).
    var neededToBuild: Bool

    /// Whether the tool is there and works.
    public var ok: Bool { found != nil && problem == nil }

    /// The report's line: `ok  node  v20.1.0  (typesets math…)` or `missing  node  … fix: …`.
    public var line: String {
        let status = ok ? "ok" : (found == nil ? "missing" : "broken")
        let name = self.name.padding(toLength: 12, withPad: " ", startingAt: 0)
        let state = status.padding(toLength: 8, withPad: " ", startingAt: 0)
        if ok { return "\(state) \(name) \(found ?? "") — \(purpose)" }
        let what = problem.map { "\($0); " } ?? ""
        return "\(state) \(name) \(what)\(purpose)\(neededToBuild ? "" : " (only for render pdf)")\n         fix: \(fix)"
    }
}
