/// Turns what a terminal sends into events. ncurses decodes the sequences its terminal description
/// knows; everything else arrives here as Esc plus characters, and this maps the common xterm,
/// tmux, rxvt and Linux console forms (Home as `ESC[1~`, `ESC[H`, `ESCOH`, `ESC[7~` …). A sequence
/// it does not know is dropped whole: `[1~` never lands in the search box.
public struct EscapeParser: Sendable {
    public enum Input: Sendable, Equatable {
        /// A character code from the terminal (a Unicode scalar value).
        case code(UInt32)
        /// A key ncurses already decoded.
        case key(Key)
    }

    /// The characters of an unfinished sequence, after the Esc.
    private var pending: [UInt32] = []
    private var inEscape = false
    /// Longer than this and it is not a key: drop it (a runaway or hostile sequence).
    static let maxLength = 32

    public init() {}

    /// Whether an Esc sequence has started and needs more input (or a timeout) to finish.
    public var isPending: Bool { inEscape }

    public mutating func feed(_ input: Input) -> [Event] {
        switch input {
        case .key(let k):
            // A decoded key in the middle of a sequence: Alt plus that key. The key itself counts.
            let wasAlt = inEscape && pending.isEmpty
            reset()
            if wasAlt && k == .backspace { return [.key(.altBackspace)] }
            return [.key(k)]
        case .code(let c):
            guard inEscape else { return EscapeParser.plain(c) }
            if pending.isEmpty {
                switch c {
                case 27:
                    // Esc Esc: the first was a lone Esc; the second may start a sequence.
                    return [.key(.escape)]
                case 0x5B, 0x4F, 0x5D, 0x50, 0x5F, 0x5E, 0x58:  // [ O ] P _ ^ X: a sequence starts
                    pending.append(c)
                    return []
                case 127, 8:
                    reset()
                    return [.key(.altBackspace)]
                case 0..<32:
                    reset()
                    return []  // Ctrl-Alt-letter: nothing uses it
                default:
                    reset()
                    guard let s = Unicode.Scalar(c) else { return [] }
                    return [.key(.alt(Character(s)))]
                }
            }
            pending.append(c)
            let isString = pending[0] != 0x5B && pending[0] != 0x4F
            if pending.count > (isString ? 4096 : EscapeParser.maxLength) {
                reset()
                return []
            }
            return step()
        }
    }

    /// No more input came in time: a lone Esc is the Esc key; Esc [ or Esc O alone is Alt-[ / Alt-O;
    /// anything longer and unfinished is dropped.
    public mutating func flush() -> [Event] {
        guard inEscape else { return [] }
        defer { reset() }
        if pending.isEmpty { return [.key(.escape)] }
        if pending.count == 1, let s = Unicode.Scalar(pending[0]) { return [.key(.alt(Character(s)))] }
        return []
    }

    private mutating func reset() {
        inEscape = false
        pending = []
    }

    /// A character outside any sequence.
    static func plain(_ c: UInt32) -> [Event] {
        switch c {
        case 9: return [.key(.tab)]
        case 10, 13: return [.key(.enter)]
        case 8, 127: return [.key(.backspace)]
        case 28: return [.key(.ctrl("\\"))]
        case 29: return [.key(.ctrl("]"))]
        case 30: return [.key(.ctrl("^"))]
        case 31: return [.key(.ctrl("_"))]
        case 0: return [.key(.ctrl("@"))]
        case 1..<27:
            // Ctrl-A … Ctrl-Z: raw mode delivers Ctrl-C, Ctrl-Z, Ctrl-\ as keys, never as signals.
            guard let s = Unicode.Scalar(c + 96) else { return [] }
            return [.key(.ctrl(Character(s)))]
        case 0x80..<0xA0:
            return []  // C1 controls: never text
        default:
            guard let s = Unicode.Scalar(c) else { return [] }
            return [.text(Character(s))]
        }
    }

    mutating func startEscape() { inEscape = true; pending = [] }

    /// Decides, after each character, whether the sequence is finished.
    private mutating func step() -> [Event] {
        let intro = pending[0]
        let body = Array(pending.dropFirst())
        guard let last = body.last else { return [] }
        switch intro {
        case 0x5B:  // CSI
            // Linux console F1–F5: ESC [ [ A … E.
            if body.first == 0x5B {
                guard body.count == 2 else { return [] }
                reset()
                if last >= 0x41 && last <= 0x45 { return [.key(.function(Int(last) - 0x40))] }
                return []
            }
            // X10 mouse report: ESC [ M b x y. ncurses takes these when the terminal description
            // knows the mouse; when it does not (TERM=linux on a touch screen behind a terminal that
            // reports anyway) the report still means a touch, so it is read here.
            if body.first == 0x4D {
                if body.count < 4 { return [] }
                reset()
                return EscapeParser.x10Mouse(b: body[1], x: body[2], y: body[3])
            }
            // rxvt ends some with $ (shift), ^ (ctrl), @ (ctrl-shift) after digits.
            let isFinal = (last >= 0x40 && last <= 0x7E) || (last == 0x24 && body.count > 1)
            guard isFinal else {
                if last < 0x20 || last > 0x7E { reset() }  // not part of any sequence: drop
                return []
            }
            reset()
            return EscapeParser.csi(params: String(decoding: body.dropLast().map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self), final: last)
        case 0x4F:  // SS3
            // Some terminals put modifiers first: ESC O 5 C.
            if last >= 0x30 && last <= 0x3B { return body.count > 4 ? { reset(); return [] }() : [] }
            reset()
            return EscapeParser.ss3(last, modified: body.count > 1)
        default:
            // OSC, DCS, APC, PM, SOS: a terminal report, never a key. Ends with BEL or ESC \.
            if last == 7 || (last == 0x5C && body.count >= 2 && body[body.count - 2] == 27) {
                reset()
            }
            return []
        }
    }

    /// The largest screen a report may name: anything beyond is not a real position.
    static let maxMouseCell = 10_000

    /// `ESC [ < b ; x ; y M` (press) or `m` (release), 1-based. A left-button release is a click,
    /// as ncurses reports it (a touch lifts); buttons 64 and 65 are the wheel. Anything else (drags,
    /// other buttons, numbers out of range, a malformed report) is dropped, never guessed at.
    static func sgrMouse(_ params: String, final: UInt32) -> [Event] {
        guard final == 0x4D || final == 0x6D else { return [] }
        let parts = params.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 5 && $0.allSatisfy(\.isASCII) }),
              let b = Int(parts[0]), let x = Int(parts[1]), let y = Int(parts[2]) else { return [] }
        return mouse(button: b, x: x - 1, y: y - 1, release: final == 0x6D)
    }

    /// `ESC [ M b x y`, each byte offset by 32 (positions from 33, 1-based). Button 3 is a release.
    static func x10Mouse(b: UInt32, x: UInt32, y: UInt32) -> [Event] {
        guard b >= 32, x >= 33, y >= 33, b < 256, x < 256, y < 256 else { return [] }
        let button = Int(b) - 32
        let low = button & 3
        return mouse(button: low == 3 ? (button & ~3) : button, x: Int(x) - 33, y: Int(y) - 33, release: low == 3)
    }

    static func mouse(button: Int, x: Int, y: Int, release: Bool) -> [Event] {
        guard (0..<maxMouseCell).contains(x), (0..<maxMouseCell).contains(y) else { return [] }
        if button & 64 != 0 && button & 32 == 0 {
            guard !release else { return [] }
            return [.mouse(x: x, y: y, kind: button & 1 == 0 ? .wheelUp : .wheelDown)]
        }
        // Motion (32) and other buttons are not touches; a press waits for its release.
        guard release, button & 32 == 0, button & 3 == 0 else { return [] }
        return [.mouse(x: x, y: y, kind: .click)]
    }

    static func modifier(_ params: [Int]) -> Int { params.count >= 2 ? params[1] : 1 }

    static func csi(params: String, final: UInt32) -> [Event] {
        // SGR mouse (ESC [ < b ; x ; y M|m): a touch or the wheel, whatever TERM claims.
        if params.hasPrefix("<") { return sgrMouse(String(params.dropFirst()), final: final) }
        // Private modes (ESC [ ? …), device attributes (ESC [ > …): reports, not keys.
        if params.hasPrefix("?") || params.hasPrefix(">") { return [] }
        let nums = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 1 }
        let mod = modifier(nums)
        let ctrlOrAlt = mod >= 3 && mod != 4 && mod <= 16  // 3 alt, 5 ctrl, 7 ctrl-alt …
        switch final {
        case 0x41: return [.key(.up)]
        case 0x42: return [.key(.down)]
        case 0x43: return [.key(ctrlOrAlt ? .wordRight : .right)]
        case 0x44: return [.key(ctrlOrAlt ? .wordLeft : .left)]
        case 0x61: return [.key(.up)]      // rxvt shift-arrows
        case 0x62: return [.key(.down)]
        case 0x63: return [.key(.right)]
        case 0x64: return [.key(.left)]
        case 0x48: return [.key(mod == 5 ? .ctrlHome : .home)]
        case 0x46: return [.key(mod == 5 ? .ctrlEnd : .end)]
        case 0x5A: return [.key(.backTab)]
        case 0x50, 0x51, 0x52, 0x53:  // CSI 1;2P … F1–F4 (a longer one ending in R is a cursor report)
            return nums.count <= 2 ? [.key(.function(Int(final) - 0x4F))] : []
        case 0x7E, 0x5E, 0x24, 0x40:
            let n = nums.first ?? 0
            let ctrl = final == 0x5E || final == 0x40 || mod == 5
            switch n {
            case 1, 7: return [.key(ctrl ? .ctrlHome : .home)]
            case 4, 8: return [.key(ctrl ? .ctrlEnd : .end)]
            case 2: return [.key(.insert)]
            case 3: return [.key(.delete)]
            case 5: return [.key(.pageUp)]
            case 6: return [.key(.pageDown)]
            case 11...15: return [.key(.function(n - 10))]
            case 17...21: return [.key(.function(n - 11))]
            case 23, 24: return [.key(.function(n - 12))]
            case 25, 26: return [.key(.function(n - 12))]  // rxvt shift-F3/F4 … fold onto F-keys
            case 28, 29, 31, 32, 33, 34: return []
            default: return []  // bracketed paste markers (200~/201~) and the unknown
            }
        default:
            return []  // focus in/out (I, O), cursor reports (R) and the unknown
        }
    }

    static func ss3(_ c: UInt32, modified: Bool) -> [Event] {
        switch c {
        case 0x41: return [.key(.up)]
        case 0x42: return [.key(.down)]
        case 0x43: return [.key(modified ? .wordRight : .right)]
        case 0x44: return [.key(modified ? .wordLeft : .left)]
        case 0x61: return [.key(.up)]          // rxvt ctrl-arrows: ESC O a … d
        case 0x62: return [.key(.down)]
        case 0x63: return [.key(.wordRight)]
        case 0x64: return [.key(.wordLeft)]
        case 0x48: return [.key(.home)]
        case 0x46: return [.key(.end)]
        case 0x50, 0x51, 0x52, 0x53: return [.key(.function(Int(c) - 0x4F))]
        case 0x4D: return [.key(.enter)]        // keypad Enter
        case 0x70...0x79: return [.text(Character(Unicode.Scalar(UInt8(c - 0x70 + 0x30))))]  // keypad 0–9
        case 0x6A: return [.text("*")]
        case 0x6B: return [.text("+")]
        case 0x6D: return [.text("-")]
        case 0x6E: return [.text(".")]
        case 0x6F: return [.text("/")]
        default: return []
        }
    }

    /// Keys ncurses names from the terminal description's extended capabilities (kLFT5 …):
    /// modified arrows, Home and End. Unknown names give nil (dropped).
    public static func key(terminfoName name: String) -> Key? {
        let base = String(name.prefix { Chars.asciiDigit($0) == nil })
        let mod = Int(String(name.dropFirst(base.count))) ?? 2
        let ctrlOrAlt = mod >= 3 && mod != 4
        switch base {
        case "kUP": return .up
        case "kDN": return .down
        case "kLFT": return ctrlOrAlt ? .wordLeft : .left
        case "kRIT": return ctrlOrAlt ? .wordRight : .right
        case "kHOM": return mod == 5 ? .ctrlHome : .home
        case "kEND": return mod == 5 ? .ctrlEnd : .end
        case "kDC": return .delete
        case "kPRV": return .pageUp
        case "kNXT": return .pageDown
        case "kIC": return .insert
        default: return nil
        }
    }

    /// Function keys past F12 (shift-F1 is F13 in xterm, ctrl-F1 F25 …) fold onto F1–F12.
    public static func functionKey(_ n: Int) -> Key? {
        guard n >= 1 && n <= 63 else { return nil }
        return .function((n - 1) % 12 + 1)
    }
}

extension EscapeParser {
    /// Feeds one character code; an Esc starts a sequence.
    public mutating func feed(code c: UInt32) -> [Event] {
        if c == 27 && !inEscape {
            startEscape()
            return []
        }
        if c == 27 && inEscape && !pending.isEmpty {
            // An Esc inside a sequence: the old one was not a key (unless it ends a string: ESC \).
            if pending.first == 0x5D || pending.first == 0x50 || pending.first == 0x5F || pending.first == 0x5E || pending.first == 0x58 {
                return feed(.code(c))
            }
            startEscape()
            return []
        }
        if c == 27 && inEscape && pending.isEmpty {
            // Esc Esc: report one Esc and keep waiting after the second.
            return [.key(.escape)]
        }
        return feed(.code(c))
    }

    /// Feeds a key ncurses decoded.
    public mutating func feed(key k: Key) -> [Event] { feed(.key(k)) }
}
