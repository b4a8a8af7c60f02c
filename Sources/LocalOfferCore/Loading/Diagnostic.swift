public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `FILE:LINE:COL: error: message`, the form editors' tools and the contract expect.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
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
