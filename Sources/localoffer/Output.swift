import Foundation
import LocalOfferCore
#if canImport(Glibc)
import Glibc
#endif

/// Every line the CLI prints goes through the sanitiser: content is data, and an ESC, C1 or bidi
/// control in it must never reach the terminal. This deliberately shadows `Swift.print` inside the
/// executable, so no output path (today's or one added later) can forget it.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Output.stdout(Sanitize.text(text) + Sanitize.text(terminator))
}

enum Output {
    /// One-line messages to stderr: controls and newlines escaped, so a message stays one line.
    static func error(_ message: String) {
        _ = write(Sanitize.oneLine(message) + "\n", to: STDERR_FILENO)
    }

    static func json(_ value: Any) {
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            error("error: could not encode JSON")
            return
        }
        // JSONSerialization escapes C0 but leaves DEL, C1, bidi controls and U+2028/9 raw.
        stdout(Sanitize.json(String(decoding: data, as: UTF8.self)) + "\n")
    }

    /// SIGPIPE is ignored (see `LocalOffer.main`), so a reader that went away
    /// (`localoffer search … | head -1`) shows up as EPIPE: stop quietly, as `head` expects.
    static func stdout(_ text: String) {
        if !write(text, to: STDOUT_FILENO) && errno == EPIPE { exit(0) }
    }

    /// write(2) until done; false (with errno) if it failed.
    static func write(_ text: String, to fd: Int32) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        return bytes.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return false
                }
                offset += n
            }
            return true
        }
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
