public struct Diagnostic: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable, Hashable {
        case error, warning
    }
    var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `FILE:LINE:COL: error: message`, the form editors' tools and the contract expect.
    /// Always one line: a newline or control in a key, value or file name is shown escaped, so no
    /// content can break the format or forge a second diagnostic. Always located, at least by file.
    public var description: String {
        let place = location.file.isEmpty ? SourceLocation(file: "content", line: location.line, column: location.column) : location
        // A key or value that itself reads ": error:" must not make a warning look like an error (a
        // reader of the output would count an error the exit status does not): the colon is shown as ∶.
        // Asked first with a byte search: `check` prints one line per problem, 100,000 at a region's size.
        func safe(_ s: String) -> String {
            let line = Sanitize.oneLine(s)
            guard Self.mayForge(line) else { return line }
            return line.replacingOccurrences(of: ": error:", with: "\u{2236} error:").replacingOccurrences(of: ": warning:", with: "\u{2236} warning:")
        }
        return "\(safe(place.description)): \(severity.rawValue): \(safe(message))"
    }

    /// Whether the text holds ": error:" or ": warning:" (false means no replacement is needed).
    static func mayForge(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let error = Array(": error:".utf8), warning = Array(": warning:".utf8)
        var i = 0
        while i + error.count <= bytes.count {
            if bytes[i] == 0x3A && bytes[i + 1] == 0x20 {
                if bytes[i...].starts(with: error) || bytes[i...].starts(with: warning) { return true }
            }
            i += 1
        }
        return false
    }
}

/// Collects every problem of a run, so `check` can report all of them at once.
public final class DiagnosticSink {
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}

    public func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.error, location, message))
    }
    public func warning(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.warning, location, message))
    }
    func append(_ more: [Diagnostic]) { diagnostics += more }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    public var sorted: [Diagnostic] {
        diagnostics.sorted {
            ($0.location.file, $0.location.line ?? 0, $0.location.column ?? 0)
                < ($1.location.file, $1.location.line ?? 0, $1.location.column ?? 0)
        }
    }
}
