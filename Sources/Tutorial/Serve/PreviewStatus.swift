import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// What the preview server knows about the latest build, as open pages see it.
///
/// `build` counts finished builds (good or failed); `diagnostics` is empty
/// after a good build and lists the errors of a failed one, whose previous
/// site is still being served.
public struct PreviewStatus: Sendable, Equatable, Codable {
    /// One diagnostic as the overlay shows it.
    public struct Problem: Sendable, Equatable, Codable {
        /// `file:line:col`.
        var location: String
        /// The problem, one sentence.
        public var message: String

        /// Creates a problem.
        public init(location: String, message: String) {
            self.location = location
            self.message = message
        }

        /// The problem a diagnostic reports.
        public init(_ diagnostic: Diagnostic) {
            location = "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)"
            message = diagnostic.message
        }
    }

    /// The number of the build this status is about.
    public var build: Int
    /// The problems the build found in chapters.
    public var problems: [Problem]
    /// A failure that is not about a chapter (node missing, a set-up problem).
    public var failure: String?

    /// Creates a status.
    public init(build: Int = 0, problems: [Problem] = [], failure: String? = nil) {
        self.build = build
        self.problems = problems
        self.failure = failure
    }

    /// Whether the build failed.
    public var failed: Bool { !problems.isEmpty || failure != nil }

    /// The status as JSON on one line (the `data:` of an event).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
