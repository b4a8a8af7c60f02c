/// What a typed character is, by rules that do not depend on the script it comes from. A digit is
/// only ever `0`–`9`: other scripts' digits (`٠`, `०`, `０`, `⓪`, `²`) are text, never a number or
/// an index.
public enum Chars {
    /// Seconds left, rounded up, as a whole number that cannot trap: a timeout comes from a flag
    /// (`--idle-timeout 1e300`) or a clock, so NaN, infinities and huge values are bounded.
    static func wholeSeconds(_ d: Double) -> Int {
        guard d.isFinite, d > 0 else { return 0 }
        return Int(min(d.rounded(.up), 1e9))
    }

    public static func asciiDigit(_ c: Character) -> Int? {
        guard let a = c.asciiValue, a >= 48, a <= 57 else { return nil }
        return Int(a - 48)
    }

    /// Text that may go into a field: no control characters (they would move the terminal's cursor).
    public static func isPrintable(_ c: Character) -> Bool {
        if c.isNewline { return false }
        return !c.unicodeScalars.contains { s in
            let cat = s.properties.generalCategory
            return cat == .control || cat == .surrogate || s.value == 0x2028 || s.value == 0x2029
        }
    }

}

/// A one-line text being edited: the text, the insertion point (in characters) and a limit.
/// The search box, the glossary box, the take-away file name and flow answers all edit through it.
public struct TextField: Sendable, Equatable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    public let limit: Int

    public init(_ text: String, cursor: Int? = nil, limit: Int) {
        let all = Array(text)
        self.limit = max(1, limit)
        chars = Array(all.prefix(self.limit))
        self.cursor = min(max(0, cursor ?? chars.count), chars.count)
    }

    public var text: String { String(chars) }
    public var isFull: Bool { chars.count >= limit }

    /// Inserts at the cursor; false when the limit refused it (the caller says so on screen).
    @discardableResult
    public mutating func insert(_ c: Character) -> Bool {
        guard Chars.isPrintable(c) else { return true }
        guard chars.count < limit else { return false }
        chars.insert(c, at: cursor)
        cursor += 1
        return true
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        chars.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < chars.count else { return }
        chars.remove(at: cursor)
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(chars.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = chars.count }

    private func isWordChar(_ c: Character) -> Bool { !c.isWhitespace && c != "/" && c != "-" }

    /// Where the word before the cursor starts (skipping spaces first, as shells do).
    private var wordStartBefore: Int {
        var i = cursor
        while i > 0 && !isWordChar(chars[i - 1]) { i -= 1 }
        while i > 0 && isWordChar(chars[i - 1]) { i -= 1 }
        return i
    }

    private var wordEndAfter: Int {
        var i = cursor
        while i < chars.count && !isWordChar(chars[i]) { i += 1 }
        while i < chars.count && isWordChar(chars[i]) { i += 1 }
        return i
    }

    public mutating func wordLeft() { cursor = wordStartBefore }
    public mutating func wordRight() { cursor = wordEndAfter }

    public mutating func deleteWordBack() {
        let start = wordStartBefore
        chars.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func deleteToStart() {
        chars.removeSubrange(0..<cursor)
        cursor = 0
    }

    public mutating func deleteToEnd() { chars.removeSubrange(cursor..<chars.count) }

    /// The part of the text to draw in `width` cells, scrolled so the cursor is inside, and the
    /// cursor's column within it.
    public func visible(width: Int) -> (text: String, cursorX: Int) {
        let w = max(1, width)
        let widths = chars.map { DisplayWidth.of(DisplayWidth.sanitize($0)) }
        // Start as far left as possible while the cursor (one cell after the text) still fits.
        var start = 0
        var used = widths[0..<cursor].reduce(0, +)
        while used + 1 > w && start < cursor {
            used -= widths[start]
            start += 1
        }
        var end = cursor
        var total = used
        while end < chars.count && total + widths[end] <= w {
            total += widths[end]
            end += 1
        }
        return (String(chars[start..<end]), used)
    }
}
