import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// Maps a request path onto a file of the site, refusing anything that
/// would leave it.
///
/// The path is percent-decoded once, then split at `/`; a `..` segment, a
/// backslash or a NUL byte is refused outright (so `/../x`, `/%2e%2e/x` and
/// `/a/%2E%2E%2Fb` never reach the file system). What remains is joined
/// under the site folder and resolved with `realpath`, which follows
/// symbolic links; a result outside the site's own real path is refused too,
/// so a link inside the site that points out of it serves nothing.
struct SitePathResolver: Sendable {
    /// The site folder, as given.
    public var root: String

    /// What a request path resolves to.
    enum Resolution: Equatable, Sendable {
        /// A regular file inside the site (its real path).
        case file(String)
        /// Nothing there.
        case notFound
        /// A path that tries to leave the site.
        case forbidden
    }

    /// Creates a resolver for the site in `root`.
    public init(root: String) {
        self.root = root
    }

    /// Resolves a request target such as `/02-softmax.html?q=x`.
    /// - Parameter target: The path as sent, percent-encoded, optionally with a query or fragment.
    func resolve(_ target: String) -> Resolution {
        var path = Substring(target)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard let decoded = String(path).removingPercentEncoding else { return .forbidden }
        if decoded.contains("\0") || decoded.contains("\\") { return .forbidden }
        var segments: [String] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == ".." { return .forbidden }
            if segment == "." { continue }
            segments.append(String(segment))
        }
        // The real path is taken per request: the site folder may be replaced between builds.
        guard let realRoot = Self.realPath(root) else { return .notFound }
        var candidate = segments.isEmpty ? realRoot : realRoot + "/" + segments.joined(separator: "/")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
            candidate += "/index.html"
        }
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else { return .forbidden }
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else { return .notFound }
        // The build's private files (the cache, the manifest) are not part of the site.
        let relative = real.dropFirst(realRoot.count + 1)
        if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return .notFound }
        return .file(real)
    }

    /// `realpath(3)`: the absolute path with every symbolic link followed, or `nil` if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The `Content-Type` for a file of the site.
    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "ttf": "font/ttf"
        case "pdf": "application/pdf"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
