import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The site's static files: the stylesheet and KaTeX's stylesheet and fonts,
/// copied from the installed libjs-katex package (nothing of KaTeX is kept in
/// the repository).
package enum SiteAssets {
    /// Copies the author's stylesheets (`[html] css`) to `assets/css/`.
    /// - Returns: their site paths, in the order given, to link after the built-in stylesheet.
    /// - Throws: `SetupError` when one cannot be read.
    package static func addStylesheets(_ files: [String], to site: inout SiteFiles) throws -> [String] {
        var used = Set<String>()
        return try files.enumerated().map { k, file in
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SetupError("cannot read the stylesheet '\(file)' named in book.toml")
            }
            var name = (file as NSString).lastPathComponent
            if !used.insert(name).inserted { name = "\(k + 1)-\(name)" }
            site.add("assets/css/\(name)", bytes: [UInt8](data))
            return "assets/css/\(name)"
        }
    }

    package static func add(to site: inout SiteFiles, katexDirectory: String) throws {
        site.add("assets/site.css", Stylesheet.css)
        let css = (katexDirectory as NSString).appendingPathComponent("katex.min.css")
        guard let stylesheet = FileManager.default.contents(atPath: css) else {
            throw SetupError("KaTeX's stylesheet is missing (\(css))", fix: "sudo apt-get install libjs-katex")
        }
        site.add("assets/katex/katex.min.css", bytes: [UInt8](stylesheet))
        let fonts = (katexDirectory as NSString).appendingPathComponent("fonts")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fonts)) ?? []).sorted()
        for name in names where name.hasSuffix(".woff2") || name.hasSuffix(".woff") || name.hasSuffix(".ttf") {
            // Debian's fonts folder is a link; contents(atPath:) follows it.
            if let data = FileManager.default.contents(atPath: (fonts as NSString).appendingPathComponent(name)) {
                site.add("assets/katex/fonts/\(name)", bytes: [UInt8](data))
            }
        }
    }
}
