import CNcursesw
import CShims
import Foundation
import LocalOfferUI

/// The only code that talks to ncurses. One thread (the main one) makes every curses call.
public final class NcursesBackend: Backend {
    private let screenPtr: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var pairs: [Int: Int32] = [:]
    private let colorsEnabled: Bool
    public private(set) var inputEnded = false
    private var pendingEvents: [Event] = []

    public enum SetupError: Error { case noTerminal }

    /// `newterm` rather than `initscr`, so a bad TERM is an error we can report, not an exit.
    public init(colors: Bool, catchInterrupts: Bool) throws {
        _ = lo_use_utf8_locale()
        lo_save_termios()
        guard let scr = lo_newterm(nil) else { throw SetupError.noTerminal }
        screenPtr = scr
        set_term(scr)
        guard let win = stdscr_shim() else {
            endwin()
            throw SetupError.noTerminal
        }
        window = win
        raw()
        noecho()
        nonl()
        keypad(win, true)
        set_escdelay(25)
        wtimeout(win, 100)
        curs_set(1)
        lo_install_signal_handlers(catchInterrupts ? 1 : 0)
        lo_ignore_tstp()
        var ok = false
        if colors && has_colors() {
            start_color()
            use_default_colors()
            ok = true
        }
        colorsEnabled = ok
        mousemask(lo_all_mouse_events(), nil)
        mouseinterval(0)
        atexit { endwin() }
    }

    public func shutdown() {
        endwin()
        delscreen(screenPtr)
    }

    public var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }
    public var stopRequested: Bool { lo_quit_requested() != 0 }

    public func clock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func colorIndex(_ c: Color) -> Int16 {
        switch c {
        case .none: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        }
    }

    private func attributes(_ s: Style) -> (attr_t, Int16) {
        var a = lo_a_normal()
        if s.bold { a |= lo_a_bold() }
        if s.reverse { a |= lo_a_reverse() }
        if s.underline { a |= lo_a_underline() }
        if s.dim { a |= lo_a_dim() }
        var pair: Int16 = 0
        if colorsEnabled && (s.fg != .none || s.bg != .none) {
            let p = alloc_pair(Int32(colorIndex(s.fg)), Int32(colorIndex(s.bg)))
            if p > 0 { pair = Int16(truncatingIfNeeded: p) }
        }
        return (a, pair)
    }

    /// Only the cells that changed since the last frame reach the terminal.
    public func draw(_ buffer: Buffer, previous: Buffer?) {
        if previous == nil { wclear(window) }
        for change in buffer.changes(from: previous) where !change.cell.continuation {
            let (a, pair) = attributes(change.cell.style)
            var cc = cchar_t()
            var wide: [wchar_t] = change.cell.char.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) } + [0]
            setcchar(&cc, &wide, a, pair, nil)
            // Writing the bottom-right cell scrolls some terminals: ncurses returns ERR but draws it.
            mvwadd_wch(window, Int32(change.y), Int32(change.x), &cc)
        }
        if let c = buffer.cursor {
            wmove(window, Int32(c.y), Int32(c.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    public func nextEvent(timeout milliseconds: Int) -> Event? {
        if !pendingEvents.isEmpty { return pendingEvents.removeFirst() }
        wtimeout(window, Int32(milliseconds))
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == ERR {
            // A closed terminal reads as ERR at once, again and again: that is the end of input.
            if isatty(STDIN_FILENO) == 0 || (errno == EIO) { inputEnded = true }
            return nil
        }
        if r == lo_key_code_yes() {
            switch Int32(ch) {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_BTAB: return .key(.backTab)
            case KEY_RESIZE:
                let (w, h) = size
                return .resize(width: w, height: h)
            case KEY_MOUSE:
                var m = MEVENT()
                guard getmouse(&m) == OK else { return nil }
                let b = m.bstate
                if b & lo_button4_pressed() != 0 { return .mouse(x: Int(m.x), y: Int(m.y), kind: .wheelUp) }
                if b & lo_button5_pressed() != 0 { return .mouse(x: Int(m.x), y: Int(m.y), kind: .wheelDown) }
                if b & (lo_button1_clicked() | lo_button1_released() | lo_button1_pressed()) != 0 {
                    if b & lo_button1_pressed() != 0 { return nil }  // act on release, as a touch does
                    return .mouse(x: Int(m.x), y: Int(m.y), kind: .click)
                }
                return nil
            default:
                let f = Int32(ch) - KEY_F0
                if f >= 1 && f <= 63 { return .key(.function(Int(f))) }
                return nil
            }
        }
        switch ch {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 0..<32:
            // Ctrl-A … Ctrl-_: raw mode delivers Ctrl-C, Ctrl-Z, Ctrl-\ as keys, never as signals.
            let scalar = Unicode.Scalar(UInt8(ch) + 96)
            if ch == 28 { return .key(.ctrl("\\")) }
            if ch == 29 { return .key(.ctrl("]")) }
            return .key(.ctrl(Character(scalar)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .text(Character(scalar))
        }
    }
}
