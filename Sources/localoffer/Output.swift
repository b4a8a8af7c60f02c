import Foundation
import LocalOfferCore

enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func json(_ value: Any) {
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            error("error: could not encode JSON")
            return
        }
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func eligibilityJSON(_ e: Eligibility) -> [String: Any] {
        var d: [String: Any] = ["verdict": e.verdict.rawValue, "reason": e.reason]
        if !e.instead.isEmpty { d["instead"] = e.instead }
        return d
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// Terminal width for human output; 80 when not a terminal.
    static var width: Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n >= 40 { return min(n, 120) }
        return 80
    }
}
