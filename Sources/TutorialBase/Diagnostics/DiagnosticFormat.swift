import Foundation

/// How diagnostics are printed: compiler-style text (the default), GitHub
/// Actions annotations, or one JSON object per line for other tools.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, github, json

    /// One diagnostic as a line of this format (without the newline).
    public func line(_ d: Diagnostic) -> String {
        switch self {
        case .text:
            return d.description
        case .github:
            // ::error file=F,line=L,col=C::message, with GitHub's escapes.
            let level = d.severity == .note ? "notice" : d.severity.rawValue
            return "::\(level) file=\(Self.property(d.file)),line=\(d.line),col=\(d.column)::\(Self.data(d.message))"
        case .json:
            var object: [String: Any] = [
                "file": d.file, "line": d.line, "column": d.column, "severity": d.severity.rawValue, "message": d.message,
            ]
            if let reading = d.reading { object["reading"] = reading }
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// A workflow command's message: `%`, CR and LF escaped.
    package static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A workflow command's property value: also `:` and `,` escaped.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
