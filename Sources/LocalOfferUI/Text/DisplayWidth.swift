import CShims

/// How many terminal cells text takes. Single scalars go to the C library's `wcwidth`, the same
/// function ncurses uses, so the buffer and the screen agree on every character we draw.
public enum DisplayWidth {
    nonisolated(unsafe) private static var localeReady = false

    /// wcwidth answers only under a UTF-8 LC_CTYPE.
    public static func ensureUTF8Locale() {
        guard !localeReady else { return }
        _ = lo_use_utf8_locale()
        localeReady = true
    }

    public static func of(_ c: Character) -> Int {
        if let a = c.asciiValue { return a < 32 || a == 127 ? 0 : 1 }
        ensureUTF8Locale()
        var width = 0
        for (i, s) in c.unicodeScalars.enumerated() {
            let w = Int(lo_wcwidth(s.value))
            if i == 0 { width = max(w, s.properties.generalCategory == .control ? 0 : (w < 0 ? 1 : w)) }
        }
        return width
    }

    public static func of(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return s.utf8.count }
        return s.reduce(0) { $0 + of($1) }
    }

    /// Splits text so the head takes at most `width` cells.
    public static func split(_ s: String, at width: Int) -> (String, String) {
        var used = 0
        var idx = s.startIndex
        while idx < s.endIndex {
            let w = of(sanitize(s[idx]))
            if used + w > max(width, 1) { break }
            used += w
            idx = s.index(after: idx)
        }
        if idx == s.startIndex && idx < s.endIndex { idx = s.index(after: idx) }
        return (String(s[..<idx]), String(s[idx...]))
    }

    /// Cut to `width` cells, with an ellipsis when something was cut.
    public static func truncate(_ s: String, to width: Int, glyphs: Glyphs = .unicode) -> String {
        guard width > 0 else { return "" }
        if cells(s) <= width { return s }
        let mark = glyphs.ellipsis
        let (head, _) = split(s, at: max(0, width - of(mark)))
        return cells(head) + of(mark) <= width ? head + mark : String(head.prefix(max(0, width)))
    }

    /// Cells as the buffer draws the text (after `sanitize`): what wrapping and fitting measure.
    public static func cells(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return s.utf8.count }
        return s.reduce(0) { $0 + of(sanitize($1)) }
    }

    /// Characters the terminal and ncurses could disagree on are replaced before drawing.
    public static func sanitize(_ c: Character) -> Character {
        if c.unicodeScalars.count > 1 {
            // Emoji sequences (ZWJ, variation selectors): keep the first scalar only.
            if let first = c.unicodeScalars.first, c.unicodeScalars.contains(where: { $0.value == 0x200D || $0.value == 0xFE0F }) {
                return Character(first)
            }
        }
        if let first = c.unicodeScalars.first, first.properties.generalCategory == .control { return " " }
        return c
    }
}
