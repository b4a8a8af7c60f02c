import LocalOfferCore

/// Which set of keys is live: one per screen, with guided questions split by what they ask.
public enum KeyContext: String, Sendable, CaseIterable {
    case home, search, entry, list, categories, flows
    case flowChoice, flowMulti, flowInput, flowOutcome
    case glossary, help, profile, save, staffExit

    /// Screens where printable keys are text being typed (so `q`, `?`, `p`, `j` are letters there).
    public static let typing: Set<KeyContext> = [.home, .search, .glossary, .flowInput, .save, .staffExit]
    /// Screens with a text field and its editing keys.
    public static let fields: Set<KeyContext> = [.search, .glossary, .flowInput, .save]
    public static let lists: Set<KeyContext> = [.list, .categories, .flows, .flowOutcome]
}

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

    public init(_ keys: [KeyPattern], _ label: String, short: String? = nil, help: String,
                in contexts: Set<KeyContext>? = nil, except: Set<KeyContext> = [], bar: Set<KeyContext>? = nil,
                when: @escaping @Sendable (AppState) -> Bool = { _ in true },
                accepts: @escaping @Sendable (AppState, Event) -> Bool = { _, _ in true },
                action: @escaping @Sendable (inout AppState, Event) -> Effect) {
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
    /// Whether there is more to see than the screen holds (scroll keys only promise what they do).
    var entryScrolls: Bool {
        guard case .entry(let id, _) = screen else { return false }
        return numberedEntryLines(id).lines.count > entryRows
    }

    var glossaryScrolls: Bool {
        guard case .glossary(let q, _, let entry) = screen else { return false }
        return glossaryLines(q, entry: entry).count > glossaryRows
    }

    /// A digit naming one of the options on screen.
    func isOptionNumber(_ e: Event) -> Bool {
        guard case .text(let c) = e, let d = Chars.asciiDigit(c) else { return false }
        return d >= 1 && d <= flowCount
    }

    /// The live set of keys for the screen on top.
    public var keyContext: KeyContext { context(of: screen) }

    public func context(of s: Screen) -> KeyContext {
        switch s {
        case .home: return .home
        case .search: return .search
        case .entry: return .entry
        case .list: return .list
        case .categories: return .categories
        case .flows: return .flows
        case .flow(let fs):
            guard let q = flowQuestion(fs).question else { return .flowOutcome }
            switch q.type {
            case .number, .postcode: return .flowInput
            case .multi: return .flowMulti
            case .choice, .outcome: return .flowChoice
            }
        case .glossary: return .glossary
        case .help: return .help
        case .profile: return .profile
        case .save: return .save
        case .staffExit: return .staffExit
        }
    }

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
            guard let s = b.short, b.bar?.contains(context) ?? true else { return nil }
            return g.key(b.label) + " " + s
        }
    }
}

/// The key table. Order matters: the first binding that applies and matches an event handles it.
/// Keys that work everywhere come first (so Ctrl-N reaches every screen, prompts included), then
/// each screen's keys, then the single-letter shortcuts that only apply where nothing is typed.
public enum KeyMap {
    public static let all: [KeyBinding] = first + screens + last

    static let notKiosk: @Sendable (AppState) -> Bool = { !$0.config.mode.isKiosk }
    static let moveKeys: [KeyPattern] = [.key(.up), .key(.down), .char("j"), .char("k"), .key(.tab), .key(.backTab)]
    static let backKeys: [KeyPattern] = [.key(.escape), .key(.backspace), .key(.left), .char("h")]

    // MARK: everywhere

    static let first: [KeyBinding] = [
        KeyBinding([.key(.ctrl("n"))], "Ctrl-N", short: "start again",
                   help: "Start again: forget everything typed and chosen (the list, searches, About your child).",
                   bar: [], when: { !$0.config.mode.isKiosk && !$0.config.mode.isShared }) { s, _ in
            s.endSession()
            return .none
        },
        KeyBinding([.key(.ctrl("n"))], "Ctrl-N", short: "next family",
                   help: "Next family: end this session and forget everything typed and chosen, on any screen.",
                   bar: [.home, .save], when: { $0.config.mode.isKiosk || $0.config.mode.isShared }) { s, _ in
            s.endSession()
            return .none
        },
        KeyBinding([.click], "touch the bottom line", help: "[ Start again ] forgets everything; [ Back ] goes back a screen.",
                   when: { $0.config.mode.isKiosk }, accepts: { s, e in
            if case .mouse(let x, let y, .click) = e { return y == s.height - 1 && x < AppState.kioskStartWidth + AppState.kioskBackWidth }
            return false
        }) { s, e in
            guard case .mouse(let x, _, _) = e else { return .none }
            if x < AppState.kioskStartWidth { s.endSession() } else if s.keyContext == .staffExit { s.pop() } else { s.back() }
            return .none
        },
        KeyBinding([.key(.ctrl("c")), .key(.ctrl("d")), .key(.ctrl("q"))], "Ctrl-C", short: "quit",
                   help: "Quit (also Ctrl-D or Ctrl-Q).", bar: [.home], when: notKiosk) { s, _ in
            s.quit = true
            return .quit
        },
        KeyBinding([.key(.ctrl("]"))], "Ctrl-]", help: "Staff only: leave the kiosk with the PIN.", except: [.staffExit],
                   when: { $0.config.mode.isKiosk }) { s, _ in
            s.push(.staffExit(pin: ""))
            return .none
        },
        KeyBinding([.key(.function(10)), .key(.alt("h")), .key(.ctrlHome)], "F10", short: "home",
                   help: "Go to the home screen (also Alt-H or Ctrl-Home). What you chose is kept.",
                   except: [.home, .staffExit]) { s, _ in
            s.goHome()
            return .none
        },
        KeyBinding([.key(.function(1))], "F1", short: "help", help: "These keys, for the screen you are on.",
                   except: [.help, .staffExit], bar: KeyContext.typing) { s, _ in
            s.push(.help(scroll: 0))
            return .none
        },
        KeyBinding([.key(.function(2))], "F2", help: "About your child: borough, age, support and needs, used everywhere.",
                   except: [.profile, .staffExit]) { s, _ in
            s.push(.profile(selection: 0))
            return .none
        },
        KeyBinding([.char("/")], "/", help: "Search, from any screen.", except: [.search, .save, .staffExit]) { s, _ in
            s.push(.search(query: "", selection: 0))
            return .none
        },
        KeyBinding([.key(.ctrl("s"))], "Ctrl-S", help: "Save my list as a text file.", except: [.save, .staffExit], when: notKiosk) { s, _ in
            if s.session.myList.isEmpty {
                s.message = "Your list is empty: press a on an entry to add it."
            } else {
                s.push(.save(path: "my-local-offer-list.txt"))
            }
            return .none
        },
        KeyBinding([.key(.ctrl("p"))], "Ctrl-P", help: "Print my list.", except: [.staffExit],
                   when: { $0.config.mode.canPrint }) { s, _ in
            if s.session.myList.isEmpty {
                s.message = "Your list is empty: press a on an entry to add it."
                return .none
            }
            return s.printRequest()
        },
    ]

    // MARK: the screens

    static let screens: [KeyBinding] = home + search + fields + entry + lists + flow + glossary + help + profile + save + staffExit

    static let home: [KeyBinding] = [
        KeyBinding([.printable], "type", short: "to search",
                   help: "Type anything (a word, a question, a number): it goes into the search.", in: [.home]) { s, e in
            guard case .text(let c) = e else { return .none }
            s.push(.search(query: "", selection: 0))
            s.editField { $0.insert(c) }
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .key(.tab), .key(.backTab), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel],
                   "↑↓", short: "menu", help: "Move between the search box and the menu (also Tab, PgUp, PgDn, Home, End).",
                   in: [.home]) { s, e in
            if case .home(let sel) = s.screen, let n = s.move(e, sel, count: AppState.homeItems.count) { s.screen = .home(selection: n) }
            return .none
        },
        KeyBinding([.key(.enter), .key(.right)], "Enter", short: "open", help: "Open the search box or the menu item chosen.",
                   in: [.home]) { s, _ in
            if case .home(let sel) = s.screen { s.openHome(sel) }
            return .none
        },
        KeyBinding([.altDigit], "Alt-1…9", short: "item", help: "Open menu item 1 to 9 at once.", in: [.home],
                   accepts: { _, e in if case .key(.alt(let c)) = e { return (Chars.asciiDigit(c) ?? 0) >= 1 } else { return false } }) { s, e in
            if case .key(.alt(let c)) = e, let n = Chars.asciiDigit(c), n >= 1, n < AppState.homeItems.count { s.openHome(n) }
            return .none
        },
        KeyBinding([.click], "click", help: "Open the item clicked or touched.", in: [.home]) { s, e in
            if case .mouse(_, let y, _) = e, y >= 3, (y - 3) % 2 == 0, (y - 3) / 2 < AppState.homeItems.count { s.openHome((y - 3) / 2) }
            return .none
        },
    ]

    static let search: [KeyBinding] = [
        KeyBinding([.printable], "type", help: "Type what you are looking for, in any words (at most 200 characters).",
                   in: [.search]) { s, e in
            if case .text(let c) = e { s.editField { $0.insert(c) } }
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .key(.tab), .key(.backTab), .key(.pageUp), .key(.pageDown), .wheel], "↑↓",
                   short: "move", help: "Move through the results (also Tab, PgUp, PgDn, the wheel).", in: [.search]) { s, e in
            guard case .search(let q, let sel) = s.screen else { return .none }
            if let n = s.move(e, sel, count: min(50, s.searchResults(q).hits.count)) { s.screen = .search(query: q, selection: n) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: "open", help: "Open the result chosen.", in: [.search]) { s, _ in
            guard case .search(let q, let sel) = s.screen else { return .none }
            let hits = s.searchResults(q).hits
            if sel < hits.count { s.push(.entry(id: hits[sel].entry.id, scroll: 0)) }
            return .none
        },
        KeyBinding([.click], "click", help: "Open the result clicked; the wheel moves.", in: [.search]) { s, e in
            guard case .search(let q, _) = s.screen, case .mouse(_, let y, _) = e, y >= 4 else { return .none }
            let hits = s.searchResults(q).hits
            let i = (y - 4) / 3 + s.searchFirstRow
            if i < hits.count {
                s.screen = .search(query: q, selection: i)
                s.push(.entry(id: hits[i].entry.id, scroll: 0))
            }
            return .none
        },
        KeyBinding([.key(.ctrl("t"))], "Ctrl-T", short: "add to list", help: "Add the result chosen to my list, or take it off.",
                   in: [.search]) { s, _ in
            guard case .search(let q, let sel) = s.screen else { return .none }
            let hits = s.searchResults(q).hits
            if sel < hits.count { s.toggleList(hits[sel].entry.id) }
            return .none
        },
        KeyBinding([.key(.escape)], "Esc", short: "back", help: "Go back.", in: [.search]) { s, _ in
            s.pop()
            return .none
        },
    ]

    /// Editing keys shared by every text field.
    static let fields: [KeyBinding] = [
        KeyBinding([.key(.backspace)], "Backspace", help: "Delete the character before the cursor; in an empty box, go back (not from a file name: Esc cancels that).",
                   in: KeyContext.fields) { s, _ in
            // Held down to clear a file name, Backspace must not cancel the save as well.
            if s.fieldText.isEmpty { if s.keyContext != .save { s.back() } } else { s.editField { $0.backspace() } }
            return .none
        },
        KeyBinding([.key(.delete)], "Delete", help: "Delete the character at the cursor.", in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteForward() }
            return .none
        },
        KeyBinding([.key(.left), .key(.right)], "←→", help: "Move the cursor.", in: KeyContext.fields) { s, e in
            s.editField { if e == .key(.left) { $0.left() } else { $0.right() } }
            return .none
        },
        KeyBinding([.key(.home), .key(.ctrl("a"))], "Home", help: "Cursor to the start (also Ctrl-A).", in: KeyContext.fields) { s, _ in
            s.editField { $0.home() }
            return .none
        },
        KeyBinding([.key(.end), .key(.ctrl("e"))], "End", help: "Cursor to the end (also Ctrl-E).", in: KeyContext.fields) { s, _ in
            s.editField { $0.end() }
            return .none
        },
        KeyBinding([.key(.wordLeft), .key(.wordRight), .key(.alt("b")), .key(.alt("f"))], "Ctrl-←→",
                   help: "Cursor a word left or right (also Alt-B, Alt-F).", in: KeyContext.fields) { s, e in
            s.editField { if e == .key(.wordLeft) || e == .key(.alt("b")) { $0.wordLeft() } else { $0.wordRight() } }
            return .none
        },
        KeyBinding([.key(.ctrl("w")), .key(.altBackspace)], "Ctrl-W", help: "Delete the word before the cursor (also Alt-Backspace).",
                   in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteWordBack() }
            return .none
        },
        KeyBinding([.key(.ctrl("u"))], "Ctrl-U", help: "Delete everything before the cursor.", in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteToStart() }
            return .none
        },
        KeyBinding([.key(.ctrl("k"))], "Ctrl-K", help: "Delete everything after the cursor.", in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteToEnd() }
            return .none
        },
    ]

    static let entry: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k")], "↑↓", short: "scroll", help: "Scroll a line (also j, k).",
                   in: [.entry], when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.up) || e == .text("k") ? -1 : 1)
            return .none
        },
        KeyBinding([.wheel], "wheel", help: "Scroll three lines a notch.", in: [.entry], when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e.isWheelUp ? -3 : 3)
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .char(" ")], "PgUp PgDn", help: "Scroll a page (also Space).", in: [.entry],
                   when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.pageUp) ? -s.entryPage : s.entryPage)
            return .none
        },
        KeyBinding([.key(.home), .key(.end)], "Home End", help: "The top or the end of the entry.", in: [.entry],
                   when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.home) ? Int.min / 2 : Int.max / 2)
            return .none
        },
        KeyBinding([.digit], "[N]", short: "open link", help: "Open the link numbered [N]: type its number (then Enter, when there are 10 links or more).",
                   in: [.entry], when: { !$0.entryLinks.isEmpty }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.typeLinkDigit(d) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", help: "Open the link whose number was typed.", in: [.entry],
                   accepts: { s, _ in !s.linkDigits.isEmpty }) { s, _ in
            s.openLinkDigits()
            return .none
        },
        KeyBinding([.click], "click", help: "Open the link clicked.", in: [.entry]) { s, e in
            if case .mouse(_, let y, _) = e { s.clickEntry(y) }
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: "add to list", help: "Add this entry to my list, or take it off (also Ctrl-T).",
                   in: [.entry]) { s, _ in
            if case .entry(let id, _) = s.screen { s.toggleList(id) }
            return .none
        },
        KeyBinding([.char("g")], "g", short: "words", help: "What the words on this entry mean.", in: [.entry]) { s, _ in
            if case .entry(let id, _) = s.screen { s.push(.glossary(query: "", scroll: 0, entry: id)) }
            return .none
        },
        KeyBinding(backKeys, "Esc", short: "back", help: "Go back (also Backspace, ← or h).", in: [.entry]) { s, _ in
            if s.linkDigits.isEmpty { s.pop() } else { s.linkDigits = "" }
            return .none
        },
    ]

    static let lists: [KeyBinding] = [
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: "move",
                   help: "Move (also j, k, Tab, PgUp, PgDn, Home, End, the wheel).", in: [.list, .categories, .flows],
                   when: { $0.listCount > 1 }) { s, e in
            s.moveList(e)
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: "open", help: "Open the item chosen (also →, or a click).",
                   in: [.list, .categories, .flows]) { s, e in
            s.openList(e)
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: "add to list", help: "Add the item chosen to my list, or take it off (also Ctrl-T).",
                   in: [.list]) { s, _ in
            if case .list(_, let ids, let sel) = s.screen, sel < ids.count { s.toggleList(ids[sel]) }
            return .none
        },
        KeyBinding(backKeys, "Esc", short: "back", help: "Go back (also Backspace, ← or h).", in: [.list, .categories, .flows]) { s, _ in
            s.pop()
            return .none
        },
    ]

    static let flow: [KeyBinding] = [
        KeyBinding([.printable], "type", short: "the answer", help: "Type the answer (a number or a postcode).", in: [.flowInput]) { s, e in
            if case .text(let c) = e { s.editField { $0.insert(c) } }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: "answer", help: "Give the answer typed.", in: [.flowInput]) { s, _ in
            s.submitFlowInput()
            return .none
        },
        KeyBinding([.key(.escape)], "Esc", short: "back a question", help: "Back a question; the answers given are kept.",
                   in: [.flowInput]) { s, _ in
            s.flowBack()
            return .none
        },
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: "move",
                   help: "Move (also j, k, Tab, PgUp, PgDn, Home, End, the wheel).", in: [.flowChoice, .flowMulti],
                   when: { $0.flowCount > 1 }) { s, e in
            s.moveFlow(e)
            return .none
        },
        KeyBinding([.digit], "1…9", short: "answer", help: "Choose the answer with that number.", in: [.flowChoice],
                   accepts: { s, e in s.isOptionNumber(e) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.pickFlowOption(number: d) }
            return .none
        },
        KeyBinding([.digit, .char(" ")], "Space", short: "tick", help: "Tick or untick the answer chosen (or type its number).",
                   in: [.flowMulti], accepts: { s, e in e == .text(" ") || s.isOptionNumber(e) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.pickFlowOption(number: d) } else { s.pickFlowOption(number: nil) }
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: "choose", help: "Choose (also →, or a click); with ticks, Enter when done.",
                   in: [.flowChoice, .flowMulti]) { s, e in
            s.chooseFlow(e)
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k"), .key(.tab), .key(.backTab)], "↑↓", short: "move",
                   help: "Read the text line by line, then move between services (also j, k, Tab).", in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .char(" "), .key(.home), .key(.end), .wheel], "PgUp PgDn",
                   help: "Scroll a page (also Space, Home, End, the wheel).", in: [.flowOutcome], when: { $0.outcomeScrolls }) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: "open", help: "Open the service chosen, or see all (also →, or a click).",
                   in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: "add to list", help: "Add the service chosen to my list, or take it off (also Ctrl-T).",
                   in: [.flowOutcome]) { s, _ in
            s.outcomeKey(.text("a"))
            return .none
        },
        KeyBinding([.char("c")], "c", short: "change", help: "Change an answer taken from About your child.",
                   in: [.flowChoice, .flowMulti, .flowOutcome], when: { $0.canChangeFlowProfile }) { s, _ in
            s.changeFlowProfile()
            return .none
        },
        KeyBinding(backKeys, "Esc", short: "back a question", help: "Back a question (also Backspace, ← or h); the answers given are kept.",
                   in: [.flowChoice, .flowMulti, .flowOutcome]) { s, _ in
            s.flowBack()
            return .none
        },
    ]

    static let glossary: [KeyBinding] = [
        KeyBinding([.printable], "type", short: "a word", help: "Type a word to find what it means.", in: [.glossary]) { s, e in
            if case .text(let c) = e { s.editField { $0.insert(c) } }
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .key(.pageUp), .key(.pageDown), .wheel], "↑↓", short: "scroll",
                   help: "Scroll (also PgUp, PgDn, the wheel).", in: [.glossary], when: { $0.glossaryScrolls }) { s, e in
            s.scrollGlossary(e)
            return .none
        },
        KeyBinding([.key(.escape)], "Esc", short: "back", help: "Go back.", in: [.glossary]) { s, _ in
            s.pop()
            return .none
        },
    ]

    static let help: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k"), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓",
                   short: "scroll", help: "Scroll this help (also PgUp, PgDn, Home, End).", in: [.help],
                   when: { $0.helpLines().count > $0.helpRows }) { s, e in
            s.scrollHelp(e)
            return .none
        },
        KeyBinding([.any], "any other key", short: "back", help: "Go back to where you were.", in: [.help]) { s, _ in
            s.pop()
            return .none
        },
    ]

    static let profile: [KeyBinding] = [
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: "move",
                   help: "Move (also j, k, Tab, PgUp, PgDn, Home, End).", in: [.profile]) { s, e in
            if case .profile(let sel) = s.screen, let n = s.move(e, sel, count: AppState.profileRows) { s.screen = .profile(selection: n) }
            return .none
        },
        KeyBinding([.key(.left), .key(.right), .key(.enter), .char(" "), .click], "←→", short: "change",
                   help: "Change the value (also Enter, Space, or a click).", in: [.profile]) { s, e in
            s.changeProfile(e)
            return .none
        },
        KeyBinding([.digit], "0…9", help: "On Age: type the age.", in: [.profile], when: { $0.screen == .profile(selection: 1) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.typeAge(d) }
            return .none
        },
        KeyBinding([.key(.escape), .key(.backspace), .char("h")], "Esc", short: "done", help: "Done: go back (Backspace on Age deletes a digit).",
                   in: [.profile]) { s, e in
            if e == .key(.backspace), case .profile(1) = s.screen, let age = s.session.profile.age {
                s.session.profile.age = age >= 10 ? age / 10 : nil
            } else {
                s.pop()
            }
            return .none
        },
    ]

    static let save: [KeyBinding] = [
        KeyBinding([.printable], "type", short: "a file name", help: "Type a file name only: it is saved in the take-away folder.", in: [.save]) { s, e in
            // Bounded, and controls never enter the name.
            guard case .save(let path) = s.screen, case .text(let c) = e, path.count < TakeawayFile.maxNameLength,
                  !c.unicodeScalars.contains(where: Sanitize.isUnsafe) else { return .none }
            s.editField { $0.insert(c) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: "save", help: "Save my list to that file.", in: [.save]) { s, _ in
            guard case .save(let path) = s.screen else { return .none }
            if let problem = TakeawayFile.problem(with: path) {
                // A bad name is explained on the status line and nothing is written.
                s.message = problem
                return .none
            }
            s.pop()
            return .saveTakeaway(path: path)
        },
        KeyBinding([.key(.escape)], "Esc", short: "cancel", help: "Cancel: nothing is written.", in: [.save]) { s, _ in
            s.pop()
            return .none
        },
    ]

    static let staffExit: [KeyBinding] = [
        KeyBinding([.digit], "PIN", short: "then Enter", help: "Type the staff PIN (digits 0-9).", in: [.staffExit]) { s, e in
            // During a lockout the screen says how long, and takes no PIN.
            guard s.pinLockout.wait(now: s.now) == nil else { return .none }
            if case .staffExit(let pin) = s.screen, case .text(let c) = e, pin.count < 32 { s.screen = .staffExit(pin: pin + String(c)) }
            return .none
        },
        KeyBinding([.key(.backspace)], "Backspace", help: "Delete the last digit.", in: [.staffExit]) { s, _ in
            if case .staffExit(let pin) = s.screen { s.screen = .staffExit(pin: String(pin.dropLast())) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", help: "Check the PIN: the right one ends the kiosk.", in: [.staffExit]) { s, _ in
            guard case .staffExit(let pin) = s.screen else { return .none }
            if s.pinLockout.wait(now: s.now) != nil { return .none }
            if let expected = s.config.kioskPIN, expected.count >= KioskPIN.minimumDigits, KioskPIN.matches(pin, expected) {
                s.pinLockout.succeed()
                s.quit = true
                return .quit
            }
            // Three wrong PINs, then a growing wait (PINLockout), kept across idle wipes.
            if !pin.isEmpty { s.pinLockout.fail(now: s.now) }
            s.pop()
            s.message = nil
            return .none
        },
        KeyBinding([.any], "any other key", short: "goes back", help: "Go back.", in: [.staffExit]) { s, _ in
            s.pop()
            return .none
        },
    ]

    // MARK: single letters, where nothing is being typed

    static let last: [KeyBinding] = [
        KeyBinding([.char("?")], "?", short: "help", help: "These keys (also F1).", except: KeyContext.typing.union([.help])) { s, _ in
            s.push(.help(scroll: 0))
            return .none
        },
        KeyBinding([.char("p")], "p", help: "About your child (also F2).", except: KeyContext.typing.union([.profile])) { s, _ in
            s.push(.profile(selection: 0))
            return .none
        },
        KeyBinding([.char("q")], "q", short: "quit", help: "Quit.", except: KeyContext.typing.union([.help]),
                   when: notKiosk) { s, _ in
            s.quit = true
            return .quit
        },
    ]
}
