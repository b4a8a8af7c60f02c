import LocalOfferCore

/// The screens, one folder each (its state, keys, update and view). A new screen is its folder and
/// the cases in this file: a `Screen` case, a `KeyContext` case, a line in each switch below, and
/// its keys in `KeyMap.screens`. The key table is assembled from the screens' own keys.

/// What is on screen, with what it needs to be drawn again (a stack of these is the session's).
public enum Screen: Sendable, Equatable {
    case home(selection: Int)
    case search(query: String, selection: Int)
    case entry(id: String, scroll: Int)
    case list(title: String, ids: [String], selection: Int)
    case categories(selection: Int)
    case flows(selection: Int)
    case flow(FlowScreen)
    /// The glossary: what was typed, or (opened with `g` from an entry) that entry's words.
    case glossary(query: String, scroll: Int, entry: String? = nil)
    case help(scroll: Int)
    case staffExit(pin: String)
    case save(path: String)
    /// "About your child": the profile, set once, changeable from anywhere.
    case profile(selection: Int)
    /// "Tell the Local Offer team" about an entry or a search that found nothing useful.
    case feedback(entry: String?, query: String?, selection: Int)
    /// "Take it away": the QR code of an entry's address or a list (Screens/QR).
    case qr(QRRequest)
}

/// Which set of keys is live: one per screen, with guided questions split by what they ask.
public enum KeyContext: String, Sendable, CaseIterable {
    case home, search, entry, list, categories, flows
    case flowChoice, flowMulti, flowInput, flowOutcome
    case glossary, help, profile, save, staffExit, feedback, qr

    /// Screens where printable keys are text being typed (so `q`, `?`, `p`, `j` are letters there).
    public static let typing: Set<KeyContext> = [.home, .search, .glossary, .flowInput, .save, .staffExit]
    /// Screens with a text field and its editing keys.
    public static let fields: Set<KeyContext> = [.search, .glossary, .flowInput, .save]
    public static let lists: Set<KeyContext> = [.list, .categories, .flows, .flowOutcome]
}

extension KeyMap {
    static let screens: [KeyBinding] = feedbackTargets + qrTargets + qr + home + search + fields + entry + lists + flowQuestion + flowOutcome + flowCommon
        + glossary + help + profile + save + staffExit + feedback
}

extension AppState {
    /// Draws the screen on top (the header, status line and hint bar are drawn around it).
    func drawScreen(_ b: inout Buffer) {
        switch screen {
        case .home(let sel): drawHome(&b, sel)
        case .search(let q, let sel): drawSearch(&b, q, sel)
        case .entry(let id, let scroll): drawEntry(&b, id, scroll)
        case .list(let title, let ids, _):
            drawList(&b, title) { i in (content.entry(ids[i])?.title ?? ids[i], content.entry(ids[i])?.summary ?? "") }
        case .categories:
            let groups = browseGroups
            drawList(&b, tr(.listBrowse)) { i in (groups[i].label, tr(.countEntries, count: groups[i].ids.count)) }
        case .flows:
            drawList(&b, tr(.listFlows)) { i in (content.flows[i].title, content.flows[i].summary) }
        case .flow(let fs): drawFlow(&b, fs)
        case .glossary(let q, let scroll, let entry): drawGlossary(&b, q, scroll, entry)
        case .help(let scroll): drawHelp(&b, scroll)
        case .staffExit(let pin): drawStaffExit(&b, pin)
        case .profile(let sel): drawProfile(&b, sel)
        case .save: drawSave(&b)
        case .feedback(let entry, let query, let sel): drawFeedback(&b, entry: entry, query: query, sel)
        case .qr(let r): drawQR(&b, r)
        }
    }

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
        case .feedback: return .feedback
        case .qr: return .qr
        }
    }

}
