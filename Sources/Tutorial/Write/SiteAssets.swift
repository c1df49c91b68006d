import Foundation

/// The site's static files: the stylesheet and KaTeX's stylesheet and fonts,
/// copied from the installed libjs-katex package (nothing of KaTeX is kept in
/// the repository).
enum SiteAssets {
    static func add(to site: inout SiteFiles, katexDirectory: String) throws {
        site.add("assets/site.css", Stylesheet.css)
        let css = (katexDirectory as NSString).appendingPathComponent("katex.min.css")
        guard let stylesheet = FileManager.default.contents(atPath: css) else {
            throw SetupError("KaTeX's stylesheet is missing (\(css))", fix: "sudo apt-get install libjs-katex")
        }
        site.add("assets/katex/katex.min.css", bytes: [UInt8](stylesheet))
        let fonts = (katexDirectory as NSString).appendingPathComponent("fonts")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fonts)) ?? []).sorted()
        for name in names where name.hasSuffix(".woff2") || name.hasSuffix(".woff") || name.hasSuffix(".ttf") {
            let path = URL(fileURLWithPath: (fonts as NSString).appendingPathComponent(name)).resolvingSymlinksInPath().path
            if let data = FileManager.default.contents(atPath: path) {
                site.add("assets/katex/fonts/\(name)", bytes: [UInt8](data))
            }
        }
    }
}
