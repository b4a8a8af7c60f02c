/// The one place that decides which characters may reach a terminal, a file or a diagnostic.
///
/// Content is data. An ESC or C1 byte in it could retitle the window, write the clipboard (OSC 52),
/// clear the screen or switch screens; a bidi override can make text read differently from what it
/// is; a newline inside a diagnostic could forge a second, fake diagnostic line. `check` refuses such
/// characters in content, and every output path still passes its text through here, so whatever
/// slips past (a key, a file name, something typed) is shown, never obeyed.
public enum Sanitize {
    /// Characters that content must not hold: C0 controls except tab and newline, DEL, C1 controls,
    /// bidi controls, zero-width characters and the Unicode line/paragraph separators.
    static func isForbiddenInContent(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A: return false
        default: return isUnsafe(s)
        }
    }

    /// Every scalar that must never reach a terminal as itself (tab and newline included: a
    /// one-line message must stay one line).
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true  // bidi controls
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true                            // zero width
        case 0x2028, 0x2029: return true                                               // line/paragraph separators
        default: return false
        }
    }

    static func isBidiOrZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// A visible, unambiguous name for a scalar: `\n`, `\t`, `\u{1B}`, `\u{202E}`.
    public static func escaped(_ s: Unicode.Scalar) -> String {
        switch s.value {
        case 0x0A: return "\\n"
        case 0x09: return "\\t"
        case 0x0D: return "\\r"
        default: return "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// For diagnostics and other one-line messages: every unsafe scalar (newline and tab included)
    /// is written out as an escape, so the message stays one line and shows what is really there.
    /// Backslashes are left alone: they are ordinary text in content.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for s in text.unicodeScalars {
            if isUnsafe(s) { out += escaped(s) } else { out.unicodeScalars.append(s) }
        }
        return out
    }

    /// For text shown to people (CLI output, plain mode, the take-away file): newlines and tabs stay,
    /// bidi and zero-width controls are removed, every other control becomes U+FFFD.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == "\n" || s == "\t" || !isUnsafe(s) {
                out.append(s)
            } else if !isBidiOrZeroWidth(s) {
                out.append("\u{FFFD}")
            }
        }
        return String(out)
    }

    /// For JSON text made by a serialiser that leaves DEL, C1, bidi, zero-width and U+2028/9 raw:
    /// writes each as a `\uXXXX` escape. Such scalars can only stand inside JSON strings, where the
    /// escape means the same character, so the data is unchanged and no terminal ever sees them.
    public static func json(_ text: String) -> String {
        // C0 inside strings is already escaped by the encoder, so a raw newline or tab here is the
        // layout of pretty-printed JSON: it stays.
        func escape(_ s: Unicode.Scalar) -> Bool { s.value >= 0x20 && isUnsafe(s) }
        guard text.unicodeScalars.contains(where: escape) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if escape(s) {
                let hex = String(s.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// What a person is told about a refused scalar: "U+202E (a bidi control)".
    static func describe(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let kind: String
        switch s.value {
        case 0x1B: kind = "escape, which starts terminal control sequences"
        case 0x00...0x1F, 0x7F: kind = "a control character"
        case 0x80...0x9F: kind = "a C1 control character"
        case 0x200B...0x200D, 0x2060, 0xFEFF: kind = "an invisible zero-width character"
        case 0x2028, 0x2029: kind = "a Unicode line separator"
        default: kind = "a bidi control, which can make text read differently from what it is"
        }
        return "\(code) (\(kind))"
    }
}
