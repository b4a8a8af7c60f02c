public enum Key: Sendable, Hashable {
    case up, down, left, right, enter, escape, backspace, tab, backTab, pageUp, pageDown, home, end, delete
    case function(Int)
    /// Ctrl plus a letter or symbol: `ctrl("c")` is 0x03.
    case ctrl(Character)
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
