import LocalOfferCore

/// Everything on screen comes from this one value. Everything a family typed or chose lives in
/// `session`, so one assignment wipes it (kiosk idle reset, "End session").
public struct Session: Sendable {
    public var profile = Profile()
    public var myList: [String] = []
    public var stack: [Screen] = [.home(selection: 0)]
    public init() {}
}

/// A flow on screen. Answers are kept by question, so going back to change one keeps the others.
public struct FlowScreen: Sendable, Equatable {
    public var id: String
    public var answers: [String: Answer] = [:]
    /// A question asked again (the family went back to it); nil: the next unanswered one.
    public var editing: String?
    public var selection = 0
    /// How far an outcome page is scrolled (its text is never cut, so it can be long).
    public var scroll = 0
    public var chosen: [String] = []
    public var input = ""
    public var error: String?
    public init(id: String) { self.id = id }
}

public struct AppConfig: Sendable {
    public var mode: UsageMode
    public var idleTimeout: Double
    public var theme: Theme
    /// The staff PIN for leaving a kiosk; nil: the kiosk cannot be left from the keyboard.
    public var kioskPIN: String?
    /// The symbols the program's own chrome draws with: ASCII for the Linux console (`--ascii`).
    public var glyphs: Glyphs = .unicode
    /// Whether the terminal draws the block elements ▀ ▄ █: the Linux console does (its fonts come
    /// from code page 437, which has them) though it lacks ✓ ✗ ★, so a QR code still fits 80×24
    /// there; only `--ascii` (a terminal that draws no block) falls back to `##`.
    public var blocks = true
    /// Where the take-away is saved (`--save-dir`), shown on the save prompt.
    public var saveDirectory: String?
    /// The words on screen (`LOCALOFFER_LANG`); English unless a strings file says otherwise.
    public var strings: Catalogue = .english
    public init(mode: UsageMode = .family, idleTimeout: Double = 120, theme: Theme = .standard, kioskPIN: String? = nil) {
        self.mode = mode
        self.idleTimeout = idleTimeout
        self.theme = theme
        self.kioskPIN = kioskPIN
    }
    /// The idle warning shows in the last 20 seconds, or the last third of a short timeout.
    public var warningSeconds: Double { min(20, idleTimeout / 3) }
}

public enum Effect: Sendable, Equatable {
    case none
    case quit
    case saveTakeaway(path: String)
    case printTakeaway
    /// The kiosk went back to the start: a moment to take new content from disk, if it checks.
    case idleReset
    /// A family chose a feedback answer: the front end records it by the mode's rules.
    case feedback(entry: String?, query: String?, choice: FeedbackChoice)
    /// Everything typed or chosen was forgotten (Ctrl-N, [ Start again ]): a new visitor.
    case newSession
}

public struct AppState: Sendable {
    public var content: Content {
        // New content (a kiosk's idle reload): every page derived from the old one is stale.
        didSet { contentGeneration &+= 1; pages = Pages() }
    }
    /// Bumped whenever the content changes: part of every cached page's key.
    public internal(set) var contentGeneration = 0
    /// The pages derived from the state, computed once per change (see `Pages`).
    public internal(set) var pages = Pages()
    public var engine: SearchEngine
    public var config: AppConfig
    public var session = Session()
    public var width = 80
    public var height = 24
    public var lastInput: Double = 0
    public var now: Double = 0
    public var message: String?
    public var quit = false
    /// The results for the search on screen, kept with the state so a keystroke searches once.
    public var searchCache: (query: String, profile: Profile, response: SearchEngine.Response)?
    /// How many searches ran (the loop runs one per batch of input, not one per key).
    public internal(set) var searchesRun = 0
    /// The insertion point in the text field on screen (nil: at the end). Reset on every new screen.
    public var fieldCursor: Int?
    /// Digits typed on an entry towards a link number ("1", then "2" and Enter opens link 12).
    public var linkDigits = ""
    /// Wrong staff PINs so far. Not part of `session`: an idle wipe must not give a guesser fresh tries.
    public var pinLockout = PINLockout()

    public init(content: Content, engine: SearchEngine? = nil, config: AppConfig = AppConfig()) {
        self.content = content
        self.engine = engine ?? SearchEngine(content: content)
        self.config = config
    }

    public var screen: Screen {
        get { session.stack.last ?? .home(selection: 0) }
        set {
            if session.stack.isEmpty { session.stack = [newValue] } else { session.stack[session.stack.count - 1] = newValue }
        }
    }

    public var idleRemaining: Double? {
        guard config.mode.isKiosk else { return nil }
        return config.idleTimeout - (now - lastInput)
    }

    /// The home menu, in the order of its Alt-number keys (the first is the search box).
    public static let homeKeys: [S] = [.menuSearch, .menuFindSupport, .menuWorried, .menuAToZ, .menuBrowse, .menuGlossary,
                                       .menuTalk, .menuMoreFlows, .menuMyList, .menuProfile]
    public static var homeItems: [String] { homeKeys.map(\.english) }
    /// The home menu in the language on screen.
    public var homeItems: [String] { AppState.homeKeys.map { config.strings[$0] } }

    /// Screens deeper than this are dropped from the bottom (links can lead on for ever).
    static let maxStack = 64

    mutating func push(_ s: Screen) {
        session.stack.append(s)
        if session.stack.count > AppState.maxStack { session.stack.remove(at: 1) }
        fieldCursor = nil
        linkDigits = ""
    }
    mutating func pop() {
        if session.stack.count > 1 { session.stack.removeLast() }
        fieldCursor = nil
        linkDigits = ""
    }
    mutating func goHome() {
        session.stack = [session.stack.first ?? .home(selection: 0)]
        fieldCursor = nil
        linkDigits = ""
    }

    /// Forget everything the person typed or chose.
    public mutating func wipeSession() {
        session = Session()
        searchCache = nil
        pages = Pages()
        message = nil
        fieldCursor = nil
        linkDigits = ""
    }
}
