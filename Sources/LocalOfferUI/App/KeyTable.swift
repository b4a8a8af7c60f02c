import LocalOfferCore

extension Event {
    var isWheelUp: Bool { if case .mouse(_, _, .wheelUp) = self { return true } else { return false } }
}

/// What a binding answers to.
public enum KeyPattern: Sendable, Hashable {
    case key(Key)
    /// One printable character.
    case char(Character)
    /// Any printable character (text typed into a field).
    case printable
    /// `0`–`9` only: digits of other scripts are text, never numbers.
    case digit
    /// Alt plus `0`–`9`.
    case altDigit
    case click
    case wheel
    /// Any key or click (a screen where "any other key goes back").
    case any

    public func matches(_ e: Event) -> Bool {
        switch (self, e) {
        case (.key(let k), .key(let k2)): return k == k2
        case (.char(let c), .text(let c2)): return c == c2
        case (.printable, .text(let c)): return Chars.isPrintable(c)
        case (.digit, .text(let c)): return Chars.asciiDigit(c) != nil
        case (.altDigit, .key(.alt(let c))): return Chars.asciiDigit(c) != nil
        case (.click, .mouse(_, _, .click)): return true
        case (.wheel, .mouse(_, _, .wheelUp)), (.wheel, .mouse(_, _, .wheelDown)): return true
        case (.any, .key), (.any, .text), (.any, .mouse): return true
        default: return false
        }
    }

    /// Example events, for the tests that hold the table to what it says.
    public var samples: [Event] {
        switch self {
        case .key(let k): return [.key(k)]
        case .char(let c): return [.text(c)]
        case .printable: return [.text("x"), .text("é")]
        case .digit: return [.text("1")]
        case .altDigit: return [.key(.alt("2"))]
        case .click: return [.mouse(x: 3, y: 5, kind: .click)]
        case .wheel: return [.mouse(x: 3, y: 5, kind: .wheelDown), .mouse(x: 3, y: 5, kind: .wheelUp)]
        case .any: return [.key(.insert)]
        }
    }
}

/// One line of the key table: the keys, how they are named on screen, where they apply, and what
/// they do. The same value handles the key, draws the hint bar and writes the help screen, so what
/// the screen promises is what the keys do.
public struct KeyBinding: Sendable {
    public let keys: [KeyPattern]
    /// How the keys are named on screen ("↑↓", "Ctrl-N"); arrows become words in the ASCII set.
    public let label: String
    /// The few words on the hint bar; nil: on the help screen only.
    public let short: String?
    /// The sentence on the help screen.
    public let help: String
    /// Where it applies (nil: every screen), minus `except`.
    public let contexts: Set<KeyContext>?
    public let except: Set<KeyContext>
    /// Where the hint bar shows it (nil: wherever it applies).
    public let bar: Set<KeyContext>?
    /// Mode and state conditions (kiosk, champion…); used for dispatch and display alike.
    public let when: @Sendable (AppState) -> Bool
    /// A further test on the event itself (a click on the bottom line); dispatch only.
    public let accepts: @Sendable (AppState, Event) -> Bool
    public let action: @Sendable (inout AppState, Event) -> Effect
    /// The catalogue's keys for `short` and `help` (nil: a literal, English only). On screen the
    /// words come from the catalogue in the language chosen (`short(in:)`, `help(in:)`).
    public let shortKey: S?
    public let helpKey: S?

    /// The key's name as the hint bar and the help show it: a key cap ("Ctrl-S", "Esc") as it is,
    /// the few names that are words ("type", "click") from the catalogue.
    public func label(in c: Catalogue) -> String {
        switch label {
        case "type": return c[.keyNameType]
        case "click": return c[.keyNameClick]
        case "any other key": return c[.keyNameAnyOther]
        case "PIN": return c[.keyNamePIN]
        default: return label
        }
    }
    public func short(in c: Catalogue) -> String? { shortKey.map { c[$0] } ?? short }
    public func help(in c: Catalogue) -> String { helpKey.map { c[$0] } ?? help }

    /// A binding whose words are in the catalogue: a second language translates them.
    public init(_ keys: [KeyPattern], _ label: String, short: S? = nil, help: S,
                in contexts: Set<KeyContext>? = nil, except: Set<KeyContext> = [], bar: Set<KeyContext>? = nil,
                when: @escaping @Sendable (AppState) -> Bool = { _ in true },
                accepts: @escaping @Sendable (AppState, Event) -> Bool = { _, _ in true },
                action: @escaping @Sendable (inout AppState, Event) -> Effect) {
        self.init(keys, label, short: short?.english, help: help.english, in: contexts, except: except, bar: bar,
                  when: when, accepts: accepts, action: action, shortKey: short, helpKey: help)
    }

    public init(_ keys: [KeyPattern], _ label: String, short: String? = nil, help: String,
                in contexts: Set<KeyContext>? = nil, except: Set<KeyContext> = [], bar: Set<KeyContext>? = nil,
                when: @escaping @Sendable (AppState) -> Bool = { _ in true },
                accepts: @escaping @Sendable (AppState, Event) -> Bool = { _, _ in true },
                action: @escaping @Sendable (inout AppState, Event) -> Effect) {
        self.init(keys, label, short: short, help: help, in: contexts, except: except, bar: bar,
                  when: when, accepts: accepts, action: action, shortKey: nil, helpKey: nil)
    }

    private init(_ keys: [KeyPattern], _ label: String, short: String?, help: String,
                in contexts: Set<KeyContext>? = nil, except: Set<KeyContext> = [], bar: Set<KeyContext>? = nil,
                when: @escaping @Sendable (AppState) -> Bool = { _ in true },
                accepts: @escaping @Sendable (AppState, Event) -> Bool = { _, _ in true },
                action: @escaping @Sendable (inout AppState, Event) -> Effect, shortKey: S?, helpKey: S?) {
        self.shortKey = shortKey
        self.helpKey = helpKey
        self.keys = keys
        self.label = label
        self.short = short
        self.help = help
        self.contexts = contexts
        self.except = except
        self.bar = bar
        self.when = when
        self.accepts = accepts
        self.action = action
    }

    public func applies(in context: KeyContext) -> Bool {
        (contexts?.contains(context) ?? true) && !except.contains(context)
    }

    public func matches(_ e: Event) -> Bool { keys.contains { $0.matches(e) } }
}

extension AppState {

    /// The live set of keys for the screen on top.
    public var keyContext: KeyContext { context(of: screen) }

    /// The bindings that apply to a context in this state, in the order they are tried.
    public func bindings(for context: KeyContext) -> [KeyBinding] {
        KeyMap.all.filter { $0.applies(in: context) && $0.when(self) }
    }

    /// The binding an event goes to, if any: the first that applies and matches.
    public func binding(for event: Event) -> KeyBinding? {
        let c = keyContext
        return KeyMap.all.first { $0.applies(in: c) && $0.matches(event) && $0.when(self) && $0.accepts(self, event) }
    }

    /// The hint bar's items for a context, in priority order: the screen's own keys first.
    public func barItems(for context: KeyContext) -> [String] {
        let g = config.glyphs
        let all = bindings(for: context)
        return (all.filter { $0.contexts != nil } + all.filter { $0.contexts == nil }).compactMap { b in
            guard let s = b.short(in: config.strings), b.bar?.contains(context) ?? true else { return nil }
            return g.key(b.label(in: config.strings)) + " " + s
        }
    }
}
