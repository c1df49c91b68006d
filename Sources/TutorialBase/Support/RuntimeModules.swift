/// The modules every chapter program is compiled against: the chapter
/// runtime's own and those it imports (`Package.swift`).
///
/// One list for every layer that needs it: the toolchain installs, hashes
/// and watches them, and the parser refuses a chapter's `@testable import` of
/// one, which would reach the runtime's internals (the channel's key among
/// them) wherever they were compiled for testing, as a debug build is.
package enum RuntimeModules {
    package static let names = ["ChapterRuntime", "ChapterChannel", "NumberFormatting", "MarkupText"]
}
