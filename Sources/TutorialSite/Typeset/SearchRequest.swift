import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// What the node batch needs to build the search index.
package struct SearchRequest: Sendable {
    /// The sections to index, in book order.
    public var documents: [SearchDocument]
    /// Lunr's node module folder (Debian's `node-lunr`: `/usr/share/nodejs/lunr`).
    package var lunrModule: String

    /// Creates a request for an index of `documents`, built with the lunr module at `lunrModule`.
    public init(documents: [SearchDocument], lunrModule: String) {
        self.documents = documents
        self.lunrModule = lunrModule
    }
}
