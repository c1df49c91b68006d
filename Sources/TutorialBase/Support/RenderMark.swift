import Foundation

/// The mark render puts on the folders it makes beside a book's files and in
/// the temporary folder (staging sites, sites set aside, scratch folders), so
/// that a later render cleans up only what a render made.
///
/// The mark is an extended attribute, `user.render.made`: git and archives
/// do not carry extended attributes, so a folder committed with the same
/// name (`.output.render-old-7/`) has none, and render neither moves it into
/// the output folder nor deletes it. Where the file system keeps no extended
/// attributes, nothing is marked, and such leftovers stay for the user to remove.
/// (`lsetxattr` and `lgetxattr` are looked up at run time: Swift's Glibc
/// module does not declare `sys/xattr.h`.)
package enum RenderMark {
    package static let attribute = "user.render.made"

    /// Marks `path` (not following a link). - Returns: whether it is marked now.
    @discardableResult
    package static func set(_ path: String) -> Bool {
        typealias SetAttribute = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "lsetxattr") else { return false }
        return unsafeBitCast(symbol, to: SetAttribute.self)(path, attribute, "1", 1, 0) == 0
    }

    /// Whether render marked `path`.
    package static func isSet(_ path: String) -> Bool {
        typealias GetAttribute = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "lgetxattr") else { return false }
        return unsafeBitCast(symbol, to: GetAttribute.self)(path, attribute, nil, 0) >= 0
    }
}
