public enum Key: Sendable, Hashable {
    case up, down, left, right, enter, escape, backspace, tab, backTab, pageUp, pageDown, home, end, delete, insert
    case function(Int)
    /// Ctrl plus a letter or symbol: `ctrl("c")` is 0x03.
    case ctrl(Character)
    /// Alt (Meta) plus a printable key: the terminal sends Esc then the key.
    case alt(Character)
    /// Alt-Backspace (Esc then DEL/BS): delete the word before the cursor.
    case altBackspace
    /// Ctrl- or Alt-Left/Right: a word at a time.
    case wordLeft, wordRight
    /// Ctrl-Home / Ctrl-End.
    case ctrlHome, ctrlEnd
}

public enum MouseKind: Sendable, Hashable {
    case click, wheelUp, wheelDown
}

public enum Event: Sendable, Hashable {
    case key(Key)
    case text(Character)
    case mouse(x: Int, y: Int, kind: MouseKind)
    case resize(width: Int, height: Int)
    /// Time passing, in seconds since some start: the loop carries timers (kiosk idle reset).
    case tick(Double)
}
