import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// render's version, as `render --version` and `render doctor` print it.
public enum RenderVersion {
    /// The release number; raise it with every release.
    public static let current = "0.9.0"
}
