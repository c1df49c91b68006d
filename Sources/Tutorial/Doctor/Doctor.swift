import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// `render doctor`: finds each tool a book needs the way a build finds it,
/// and says which version is there or how to install what is not.
///
/// It reads the same places as a build (`PATH`, `SWIFTC`,
/// `TUTORIAL_RUNTIME_DIR`, `TUTORIAL_KATEX_DIR`, `TUTORIAL_LUNR_NODE`,
/// `TUTORIAL_LUNR_JS`, `RENDER_CHROMIUM`) and starts bubblewrap once to see
/// that user namespaces work. Chromium serves only `render pdf`: its absence
/// is reported but does not fail the doctor.
public enum Doctor {
    /// Every tool, in the order a build meets them.
    public static func examine(tools: InstalledTools = InstalledTools(),
                               environment: [String: String] = ProcessInfo.processInfo.environment) async -> [ToolReport] {
        var reports: [ToolReport] = []
        var swiftc = ToolReport(name: "swiftc", purpose: "compiles chapter programs", fix: "install the Swift toolchain (swift.org/install) and put its usr/bin on PATH", neededToBuild: true)
        if let path = try? Toolchain.findSwiftc(environment) {
            swiftc.found = await firstLine(of: path, ["--version"], environment: environment) ?? path
        }
        reports.append(swiftc)

        var runtime = ToolReport(name: "runtime", purpose: "the chapter runtime, libChapterRuntime.so", fix: "", neededToBuild: true)
        do {
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            runtime.found = try Toolchain.runtimeDirectory(executable: executable, environment: environment)
        } catch let error as SetupError {
            runtime.problem = error.message
            runtime.found = nil
            runtime.fix = error.fix ?? ""
        } catch {}
        reports.append(runtime)

        var node = ToolReport(name: "node", purpose: "typesets math and builds the search index", fix: "sudo apt-get install nodejs", neededToBuild: true)
        if let path = ChildProcess.find(["node", "nodejs"], environment: environment) {
            node.found = await firstLine(of: path, ["--version"], environment: environment) ?? path
        }
        reports.append(node)

        var katex = ToolReport(name: "KaTeX", purpose: "math in the pages", fix: "sudo apt-get install libjs-katex", neededToBuild: true)
        katex.found = version(inFile: tools.katexDirectory + "/katex.min.js", after: #"version:""#)
        reports.append(katex)

        var lunr = ToolReport(name: "Lunr", purpose: "the search index and the search box", fix: "sudo apt-get install node-lunr libjs-lunr", neededToBuild: true)
        if FileManager.default.fileExists(atPath: tools.lunrBrowserScript) {
            lunr.found = version(inFile: tools.lunrModuleDirectory + "/package.json", after: #""version": ""#)
        }
        reports.append(lunr)

        var bubblewrap = ToolReport(name: "bubblewrap", purpose: "the sandbox chapter programs run in", fix: "sudo apt-get install bubblewrap", neededToBuild: true)
        if let path = ChildProcess.find(["bwrap"], environment: environment) {
            bubblewrap.found = await firstLine(of: path, ["--version"], environment: environment) ?? path
            do {
                _ = try await Sandbox.locate(enabled: true, memoryLimit: BuildOptions().memoryLimit, environment: environment)
            } catch let error as SetupError {
                bubblewrap.problem = error.message
                bubblewrap.fix = error.fix ?? bubblewrap.fix
            } catch {
                bubblewrap.problem = "\(error)"
            }
        }
        reports.append(bubblewrap)

        var chromium = ToolReport(name: "chromium", purpose: "prints the book to PDF", fix: PDFPrinter.installCommand, neededToBuild: false)
        if let printer = try? PDFPrinter.locate(environment: environment) {
            chromium.found = await firstLine(of: printer.chromium, ["--version"], environment: environment) ?? printer.chromium
        }
        reports.append(chromium)
        return reports
    }

    /// The report as printed, and whether a build has all it needs.
    public static func summary(_ reports: [ToolReport]) -> (text: String, ok: Bool) {
        let missing = reports.filter { !$0.ok && $0.neededToBuild }
        var text = reports.map(\.line).joined(separator: "\n") + "\n"
        text += missing.isEmpty
            ? "render has everything a build needs.\n"
            : "\(missing.count) of what a build needs \(missing.count == 1 ? "is" : "are") missing or broken: \(missing.map(\.name).joined(separator: ", ")).\n"
        return (text, missing.isEmpty)
    }

    /// The first line `tool arguments` prints, or nil when it cannot be run.
    static func firstLine(of tool: String, _ arguments: [String], environment: [String: String]) async -> String? {
        guard let outcome = try? await ChildProcess.run(tool, arguments: arguments, environment: environment, timeout: .seconds(20)),
              case .exited(0) = outcome.status else { return nil }
        let text = outcome.standardOutput.isEmpty ? outcome.standardError : outcome.standardOutput
        return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The version written after `marker` in a file (`version:"0.16.4"` in KaTeX's script), or nil when the file is missing.
    static func version(inFile path: String, after marker: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let start = text.range(of: marker) else { return path }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }
}
