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
    private var parser = EscapeParser()
    /// Whether the screen is wiped when the program stops (kiosk, shared terminal): the last
    /// visitor's search must not stay on a console without an alternate screen (TERM=linux).
    private let clearOnExit: Bool

    public enum SetupError: Error { case noTerminal }

    /// `newterm` rather than `initscr`, so a bad TERM is an error we can report, not an exit.
    public init(colors: Bool, catchInterrupts: Bool, clearOnExit: Bool = false) throws {
        self.clearOnExit = clearOnExit
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
        // A crash restores the terminal from a signal handler: it wipes the screen there too.
        lo_set_clear_on_restore(clearOnExit ? 1 : 0)
        lo_ignore_tstp()
        var ok = false
        if colors && has_colors() {
            start_color()
            use_default_colors()
            ok = true
        }
        colorsEnabled = ok
        // A terminal description without a mouse (TERM=linux) makes ncurses ask for none; a kiosk's
        // touch screen may still report if asked, so ask in the xterm way ourselves, and the reports
        // are read by EscapeParser. A terminal that cannot report ignores the request.
        if mousemask(lo_all_mouse_events(), nil) == 0 {
            askedForReports = true
            NcursesBackend.writeRaw(NcursesBackend.reportsOn)
        }
        mouseinterval(0)
        atexit { endwin() }
    }

    /// Every way out of the navigator (Quit, the staff exit, SIGTERM or SIGHUP ending the loop)
    /// comes here. With `clearOnExit`, the screen is blanked through curses first (its own `clear`
    /// capability, right for any TERM), then once more after `endwin` with the plain sequence, so
    /// neither the screen curses leaves behind nor the scrollback keeps what was on it.
    public func shutdown() {
        if clearOnExit {
            werase(window)
            wclear(window)
            wrefresh(window)
        }
        if askedForReports { NcursesBackend.writeRaw(NcursesBackend.reportsOff) }
        endwin()
        delscreen(screenPtr)
        if clearOnExit { NcursesBackend.wipeScreen() }
    }

    /// Button presses and releases (1000), reported in SGR form (1006), and their undoing.
    static let reportsOn = "\u{1B}[?1000h\u{1B}[?1006h"
    static let reportsOff = "\u{1B}[?1006l\u{1B}[?1000l"
    private var askedForReports = false

    /// Home, erase the screen, erase the scrollback: ECMA-48 sequences the Linux console, xterm
    /// and tmux all read (a terminal that does not know `3J` ignores it).
    static let wipeSequence = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

    static func wipeScreen() { writeRaw(wipeSequence) }

    /// Straight to the terminal, past curses' buffer (curses has nothing pending when this runs).
    static func writeRaw(_ s: String) {
        fflush(nil)
        let bytes = Array(s.utf8)
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var done = 0
            while done < p.count {
                let n = write(STDOUT_FILENO, base + done, p.count - done)
                if n <= 0 { break }
                done += n
            }
        }
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

    /// How long to wait for the rest of an Esc sequence once ncurses has handed over the Esc.
    private static let sequenceWait: Int32 = 30

    public func nextEvent(timeout milliseconds: Int) -> Event? {
        if !pendingEvents.isEmpty { return pendingEvents.removeFirst() }
        // Reads until the parser has a whole event: an Esc waits briefly for the rest of its sequence.
        var waits = 0
        while true {
            let wait = parser.isPending ? NcursesBackend.sequenceWait : Int32(max(0, milliseconds))
            guard let raw = readRaw(timeout: wait) else {
                if parser.isPending {
                    pendingEvents += parser.flush()
                    if !pendingEvents.isEmpty { return pendingEvents.removeFirst() }
                }
                return nil
            }
            switch raw {
            case .event(let e):
                // Resize and mouse are whole events; they end any sequence in progress.
                pendingEvents += parser.flush()
                pendingEvents.append(e)
            case .input(let i):
                pendingEvents += i.map { parser.feed(key: $0) } ?? []
            case .code(let c):
                pendingEvents += parser.feed(code: c)
            case .nothing:
                break
            }
            if !pendingEvents.isEmpty && !parser.isPending { return pendingEvents.removeFirst() }
            waits += 1
            if waits > 4096 { return pendingEvents.isEmpty ? nil : pendingEvents.removeFirst() }
        }
    }

    private enum Raw {
        case code(UInt32)
        case input(Key?)
        case event(Event)
        case nothing
    }

    /// One read from ncurses: a character code, a decoded key, or a resize or mouse event.
    private func readRaw(timeout: Int32) -> Raw? {
        wtimeout(window, timeout)
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == ERR {
            // A closed terminal reads as ERR at once, again and again: that is the end of input.
            if isatty(STDIN_FILENO) == 0 || (errno == EIO) { inputEnded = true }
            return nil
        }
        guard r == lo_key_code_yes() else { return .code(UInt32(ch)) }
        let code = Int32(ch)
        switch code {
        case KEY_UP, KEY_SR: return .input(.up)
        case KEY_DOWN, KEY_SF: return .input(.down)
        case KEY_LEFT, KEY_SLEFT: return .input(.left)
        case KEY_RIGHT, KEY_SRIGHT: return .input(.right)
        case KEY_ENTER: return .input(.enter)
        case KEY_BACKSPACE: return .input(.backspace)
        case KEY_DC, KEY_SDC: return .input(.delete)
        case KEY_IC: return .input(.insert)
        case KEY_HOME, KEY_SHOME, KEY_BEG, KEY_A1: return .input(.home)
        case KEY_END, KEY_SEND, KEY_LL, KEY_C1: return .input(.end)
        case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: return .input(.pageUp)
        case KEY_NPAGE, KEY_SNEXT, KEY_C3: return .input(.pageDown)
        case KEY_BTAB: return .input(.backTab)
        case KEY_B2: return .nothing
        case KEY_RESIZE:
            let (w, h) = size
            return .event(.resize(width: w, height: h))
        case KEY_MOUSE:
            var m = MEVENT()
            guard getmouse(&m) == OK else { return .nothing }
            let b = m.bstate
            if b & lo_button4_pressed() != 0 { return .event(.mouse(x: Int(m.x), y: Int(m.y), kind: .wheelUp)) }
            if b & lo_button5_pressed() != 0 { return .event(.mouse(x: Int(m.x), y: Int(m.y), kind: .wheelDown)) }
            if b & (lo_button1_clicked() | lo_button1_released()) != 0 {
                return .event(.mouse(x: Int(m.x), y: Int(m.y), kind: .click))  // on release, as a touch does
            }
            return .nothing
        default:
            let f = Int(code - KEY_F0)
            if code >= KEY_F0 && f <= 63 { return .input(EscapeParser.functionKey(f)) }
            // Keys from the terminal description's extended capabilities (kLFT5 for Ctrl-Left …).
            guard let name = keyname(code) else { return .nothing }
            return .input(EscapeParser.key(terminfoName: String(cString: name)))
        }
    }
}
