import LocalOfferCore

/// The line-by-line mode for screen readers, braille displays and pipes: numbered menus, one prompt a
/// line, nothing redrawn. It keeps an `AppState` of its own and reads the same pages the full screen
/// draws (the result rows, the laid-out entry, the flow and its outcome page), so the two cannot
/// drift; only the way they are shown differs. One screen's words per file beside this one.
public final class PlainSession {
    /// The session (profile, list) and the pages, as the full screen keeps them.
    var state: AppState
    var content: Content { state.content }
    var engine: SearchEngine { state.engine }
    var mode: UsageMode { state.config.mode }
    let readLine: () -> String?
    let write: (String) -> Void
    let width: Int
    /// Saves the take-away under a name the person gives; returns what to tell them. The same
    /// function the full screen's Ctrl-S uses; nil where nothing may be saved.
    let save: ((_ name: String, _ text: String) -> String)?
    /// Prints the take-away (Parent Champions); returns what to tell them.
    let print: ((_ text: String) -> String)?
    public var profile: Profile { state.session.profile }
    public var myList: [String] { state.session.myList }
    var finished = false

    public init(content: Content, engine: SearchEngine? = nil, mode: UsageMode = .family, width: Int = 80,
                strings: Catalogue = .english,
                readLine: @escaping () -> String?, write: @escaping (String) -> Void,
                save: ((_ name: String, _ text: String) -> String)? = nil, print: ((_ text: String) -> String)? = nil) {
        var config = AppConfig(mode: mode)
        config.strings = strings
        state = AppState(content: content, engine: engine, config: config)
        // The pages are laid out at the plain width (the screen's own margins included).
        state.width = max(AppState.minWidth, width)
        state.height = AppState.minHeight
        self.width = width
        self.readLine = readLine
        // Content and echoed input are data: nothing printed here may drive the terminal.
        self.write = { write(Sanitize.text($0)) }
        self.save = mode.isKiosk ? nil : save
        self.print = mode.canPrint ? print : nil
    }

    func t(_ key: S) -> String { state.tr(key) }
    func t(_ key: S, _ values: [String: String]) -> String { state.tr(key, values) }
    func t(_ key: PluralKey, count: Int) -> String { state.tr(key, count: count) }

    func say(_ text: String = "") {
        if text.isEmpty { write(""); return }
        for l in Wrap.lines(text, width: width) { write(l) }
    }

    /// nil at end of input: the session ends cleanly.
    func ask(_ prompt: String) -> String? {
        write(prompt)
        guard let line = readLine() else {
            finished = true
            return nil
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The menu: the home screen's items, in its order, then "start again".
    var menu: [String] { state.homeItems + [t(.plainStartAgainItem)] }

    public func run() {
        Catalogue.$current.withValue(state.config.strings) { runInLanguage() }
    }

    private func runInLanguage() {
        say(t(.plainIntro))
        say(t(.plainIntroAges))
        if let banner = mode.banner { say(banner.replacingOccurrences(of: "Ctrl-N", with: t(.plainTypeNext)).replacingOccurrences(of: "Ctrl-P", with: t(.plainTypePrint))) }
        while !finished {
            say()
            if !profile.isEmpty { say(t(.plainAboutChild, ["profile": profile.summary])) }
            for (i, item) in menu.enumerated() {
                write("\(i + 1). \(item)" + (i == 8 && !myList.isEmpty ? " (\(myList.count))" : ""))
            }
            if mode != .kiosk { write(t(.plainQuitItem)) }
            guard let choice = ask(t(.plainChoose)) else { break }
            switch choice.lowercased() {
            case "": continue
            case "q", "quit", "exit":
                if mode != .kiosk { finished = true }
            case "1": if let q = ask(t(.plainSearchFor)), !q.isEmpty { search(q) }
            case "2": runFlow("find-support")
            case "3": runFlow("worried-about-my-child")
            case "4": browse(content.entriesByTitle, title: t(.listAToZ))
            case "5": browseByType()
            case "6": glossary()
            case "7": talk()
            case "8": chooseFlow()
            case "9", "list", "my list": showList()
            case "10", "about", "profile": editProfile()
            case "11", "next", "start again":
                startAgain()
            case "save": saveList()
            case "print": printList()
            default: search(choice)
            }
        }
        say(t(.plainGoodbye))
    }

    /// Forget everything: the profile and the list (a shared terminal's "next family").
    func startAgain() {
        state.wipeSession()
        say(mode.isShared ? t(.plainSessionEnded) : t(.plainStartedAgain))
    }
}
