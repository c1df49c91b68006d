import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// Prints `print.html` to PDF with headless Chromium.
///
/// Chromium lays the page out with the site's print stylesheet (A4, each
/// chapter on a new page, page numbers in the bottom margin through
/// `@page { @bottom-center }`), keeps the text selectable, and with
/// `--generate-pdf-document-outline` turns the headings into the PDF's
/// outline (bookmarks). Its own header and footer (date, URL) are off.
///
/// Chromium never opens the page from `file://`, where a page may read any
/// file of the host: render serves the site folder on a loopback port of its
/// own for the time of the print (``PreviewServer`` without live reload,
/// which serves only files inside the site), and Chromium prints
/// `http://127.0.0.1:PORT/print.html`. An HTTP page cannot load `file:` URLs,
/// and the page's Content-Security-Policy refuses frames and objects too, so
/// markup that should never have reached the page (`<iframe
/// src="file:///etc/shadow">`) cannot put a host file into the PDF.
public struct PDFPrinter: Sendable {
    /// The Chromium executable.
    public var chromium: String

    /// How to install Chromium on Debian.
    static let installCommand = "sudo apt-get install chromium"

    /// Finds Chromium (`RENDER_CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome` on PATH).
    /// - Throws: `SetupError` with the install command when there is none.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PDFPrinter {
        if let path = environment["RENDER_CHROMIUM"] {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw SetupError("RENDER_CHROMIUM is \(path), which is not an executable", fix: installCommand)
            }
            return PDFPrinter(chromium: path)
        }
        guard let found = ChildProcess.find(["chromium", "chromium-browser", "google-chrome"], environment: environment) else {
            throw SetupError("render pdf prints with headless Chromium, which is not installed", fix: installCommand)
        }
        return PDFPrinter(chromium: found)
    }

    /// Creates a printer that runs the Chromium at `chromium`.
    public init(chromium: String) {
        self.chromium = chromium
    }

    /// Prints `page` (an HTML file of a site folder, served with the rest of
    /// that folder over loopback HTTP) to `pdf`.
    /// - Throws: `SetupError` when the server cannot start, or Chromium fails or writes no PDF.
    public func print(page: String, to pdf: String) async throws {
        try await printOnce(page: page, to: pdf)
        try await numberContents(page: page, pdf: pdf)
    }

    /// Prints again with the contents' page numbers (``ContentsPages``), read
    /// from the first print with pdftotext; without pdftotext (Debian's
    /// `poppler-utils`) the contents stay unnumbered.
    func numberContents(page: String, pdf: String) async throws {
        guard let pdftotext = ChildProcess.find(["pdftotext"], environment: ProcessInfo.processInfo.environment),
              let html = try? String(contentsOfFile: page, encoding: .utf8), html.contains("class=\"print-toc\"") else { return }
        let text = try await ChildProcess.run(pdftotext, arguments: [pdf, "-"], timeout: .seconds(120))
        let starts = ContentsPages.starts(pagesText: text.standardOutput)
        guard case .exited(0) = text.status, !starts.isEmpty else { return }
        let copy = NSTemporaryDirectory() + "render-pdf-site-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let file = URL(fileURLWithPath: page).standardizedFileURL
        try FileManager.default.copyItem(atPath: file.deletingLastPathComponent().path, toPath: copy)
        let numbered = (copy as NSString).appendingPathComponent(file.lastPathComponent)
        try ContentsPages.numbered(html, pages: starts).write(toFile: numbered, atomically: true, encoding: .utf8)
        try await printOnce(page: numbered, to: pdf)
    }

    func printOnce(page: String, to pdf: String) async throws {
        let file = URL(fileURLWithPath: page).standardizedFileURL
        let server = try PreviewServer(
            site: file.deletingLastPathComponent().path, host: "127.0.0.1", port: 0, hub: ReloadHub(), liveReload: false)
        let port = try await server.start()
        let name = file.lastPathComponent.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file.lastPathComponent
        let source = "http://127.0.0.1:\(port)/\(name)"
        let target = URL(fileURLWithPath: pdf).standardizedFileURL
        let profile = NSTemporaryDirectory() + "render-pdf-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        // Write next to the target, then rename: a failed print leaves an earlier PDF whole.
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        try? FileManager.default.removeItem(at: partial)
        let arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile)", "--run-all-compositor-stages-before-draw",
            "--no-pdf-header-footer", "--generate-pdf-document-outline",
            "--print-to-pdf=\(partial.path)", source,
        ]
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await ChildProcess.run(chromium, arguments: arguments, timeout: .seconds(300))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        let size = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0
        guard case .exited(0) = outcome.status, size > 0 else {
            try? FileManager.default.removeItem(at: partial)
            let detail = outcome.standardError.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw SetupError("Chromium could not print \(page) (\(outcome.status)): \(detail)")
        }
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: partial, to: target)
    }
}
