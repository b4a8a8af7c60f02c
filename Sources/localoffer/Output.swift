import Foundation
import LocalOfferCore
import LocalOfferUI
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

/// One paragraph of human output, wrapped to the width (words kept whole: see `Output.stream`).
func say(_ text: String, width: Int = Output.width, prefix: String = "", hanging: String? = nil) {
    for l in Wrap.indent(text, width: width, prefix: prefix, hanging: hanging) { print(l) }
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

    /// A contract shape (`JSONShape`), written the one way `JSONShape.encoded` writes every shape.
    static func json<T: Encodable>(_ value: T) {
        guard let data = try? JSONShape.encoded(value) else {
            error("error: could not encode JSON")
            return
        }
        stdout(Sanitize.json(String(decoding: data, as: UTF8.self)) + "\n")
    }

    static func rounded(_ x: Double) -> Double { JSONShape.rounded(x) }

    /// Narrower than this, lines of a word or two help nobody; wider, and the number is not a width.
    static let widths = 20...1000

    /// Width for human output: the terminal's own (TIOCGWINSZ on stdout), then `$COLUMNS` (a pipe
    /// from a terminal, a script that says), then 80. A value out of range is not believed.
    static var width: Int {
        width(terminal: terminalColumns(), columns: ProcessInfo.processInfo.environment["COLUMNS"])
    }

    static func width(terminal: Int?, columns: String?) -> Int {
        if let t = terminal, widths.contains(t) { return t }
        if let c = columns?.trimmingCharacters(in: .whitespaces), c.utf8.count <= 5, c.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
           let n = Int(c), widths.contains(n) { return n }
        return 80
    }

    /// The columns of the terminal on stdout, or nil when stdout is not one (a pipe, a file).
    static func terminalColumns() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return nil }
        return Int(ws.ws_col)
    }

    /// Runs a command in the words of `LOCALOFFER_LANG` (Core's verdicts and answers included), or
    /// in English for `--json`: the contract fixes the JSON, whatever language the terminal reads.
    static func words<T>(_ content: ContentOptions, json: Bool, _ body: () throws -> T) rethrows -> T {
        try Catalogue.$current.withValue(json ? .english : Navigator.catalogue(content: content.content), operation: body)
    }

    /// Runs a command's output with words kept whole: a stream's reader (a screen reader, a pipe,
    /// a terminal that folds long lines) gets a web address in one piece.
    static func stream<T>(_ body: () throws -> T) rethrows -> T {
        try Wrap.$longWords.withValue(.keepWhole, operation: body)
    }
}
