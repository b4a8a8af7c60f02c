import LocalOfferCore

extension AppState {
    /// The one place state changes, for one event; then the search on screen is brought up to date.
    @discardableResult
    public mutating func update(_ event: Event) -> Effect {
        let effect = handle(event)
        refreshSearch()
        return effect
    }

    /// One event, without running the search: the loop handles every pending event this way and
    /// searches once, for the latest query, before it draws (`prepareFrame`).
    public mutating func handle(_ event: Event) -> Effect {
        switch event {
        case .tick(let t):
            now = t
            if config.mode.isKiosk, now - lastInput >= config.idleTimeout {
                wipeSession()
                lastInput = now
                message = nil
                return .idleReset
            }
            return .none
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            // A wider window wraps the entry into fewer lines: keep its scroll within them.
            if case .entry(let id, let scroll) = screen, width >= AppState.minWidth, height >= AppState.minHeight {
                screen = .entry(id: id, scroll: min(scroll, max(0, numberedEntryLines(id).lines.count - entryRows)))
            }
            return .none
        default:
            lastInput = now
        }
        // Every key goes through the key table: what it shows is what it does.
        guard let b = binding(for: event) else { return .none }
        return b.action(&self, event)
    }

    /// Whatever the frame needs that input left stale (the search results).
    public mutating func prepareFrame() { refreshSearch() }

    /// The Esc key of the screen on top: Backspace on an empty box and the kiosk's Back target.
    mutating func back() {
        if let b = binding(for: .key(.escape)) { _ = b.action(&self, .key(.escape)) }
    }

    /// Ctrl-N and [ Start again ]: everything typed or chosen is forgotten, on any screen.
    mutating func endSession() {
        wipeSession()
        message = config.mode.isShared || config.mode.isKiosk ? "Session ended. Nothing from it was kept." : "Started again."
    }

    var isHome: Bool { if case .home = screen { return true } else { return false } }
    var isSearch: Bool { if case .search = screen { return true } else { return false } }
    var isTyping: Bool { KeyContext.typing.contains(keyContext) }

    /// The flow's state and the question on screen (the one being changed, or the next one).
    public func flowQuestion(_ fs: FlowScreen) -> (state: FlowState?, question: FlowNode?) {
        guard let f = content.flow(fs.id) else { return (nil, nil) }
        let state = FlowEngine.run(f, answers: fs.answers, profile: session.profile, content: content)
        if let e = fs.editing, let node = f.node(e) { return (state, node) }
        return (state, state.current)
    }

    /// Moves a selection with keys and wheel; returns nil if the event is not movement.
    func move(_ event: Event, _ sel: Int, count: Int, page: Int = 5) -> Int? {
        guard count > 0 else { return nil }
        let sel = min(max(0, sel), count - 1)
        switch event {
        case .key(.up), .text("k"), .mouse(_, _, .wheelUp), .key(.backTab): return max(0, sel - 1)
        case .key(.down), .text("j"), .mouse(_, _, .wheelDown), .key(.tab): return min(count - 1, sel + 1)
        case .key(.pageUp): return max(0, sel - page)
        case .key(.pageDown): return min(count - 1, sel + page)
        case .key(.home): return 0
        case .key(.end): return count - 1
        default: return nil
        }
    }

    // MARK: text fields

    /// The text in the field on screen (search, glossary, file name, a typed answer).
    var fieldText: String {
        switch screen {
        case .search(let q, _): return q
        case .glossary(let q, _, _): return q
        case .save(let p): return p
        case .flow(let fs): return fs.input
        default: return ""
        }
    }

    /// How long each field may grow.
    static let searchLimit = 200
    static let fieldLimits: [KeyContext: Int] = [.search: searchLimit, .glossary: 100, .save: 200, .flowInput: 20]

    /// The field on screen as a `TextField` (cursor included).
    public var field: TextField {
        TextField(fieldText, cursor: fieldCursor, limit: AppState.fieldLimits[keyContext] ?? 100)
    }

    /// Edits the field on screen and writes it back to the screen it belongs to.
    mutating func editField(_ edit: (inout TextField) -> Void) {
        var f = field
        let before = f
        edit(&f)
        fieldCursor = f.cursor
        if f.text == before.text && keyContext != .search { return }
        switch screen {
        case .search(let q, let sel):
            if f.text != q { screen = .search(query: f.text, selection: 0) } else { screen = .search(query: q, selection: sel) }
            message = f.isFull ? "Search is limited to \(AppState.searchLimit) characters." : nil
        case .glossary(_, _, let entry):
            // Typing looks the word up in the whole glossary, not only this page's words.
            screen = .glossary(query: f.text, scroll: 0, entry: f.text.isEmpty ? entry : nil)
        case .save:
            screen = .save(path: f.text)
        case .flow(var fs):
            fs.input = f.text
            fs.error = nil
            screen = .flow(fs)
        default:
            break
        }
    }

    // MARK: home

    mutating func openHome(_ i: Int) {
        screen = .home(selection: i)
        switch i {
        case 0: push(.search(query: "", selection: 0))
        case 1: startFlow("find-support")
        case 2: startFlow("worried-about-my-child")
        case 3: push(.list(title: "A to Z", ids: content.entriesByTitle.map(\.id), selection: 0))
        case 4: push(.categories(selection: 0))
        case 5: push(.glossary(query: "", scroll: 0))
        case 6: push(.list(title: "Talk to someone", ids: content.talkToEntries.map(\.id), selection: 0))
        case 7: push(.flows(selection: 0))
        case 8: push(.list(title: "My list", ids: session.myList, selection: 0))
        case 9: push(.profile(selection: 0))
        default: break
        }
    }

    mutating func startFlow(_ id: String) {
        if content.flow(id) != nil {
            push(.flow(FlowScreen(id: id)))
        } else {
            message = "That guide is not available."
        }
    }

    // MARK: search

    public func searchResults(_ q: String) -> SearchEngine.Response {
        if let c = searchCache, c.query == q, c.profile == session.profile { return c.response }
        return engine.search(q, profile: session.profile, limit: 50)
    }

    /// Derived state: refreshed once per batch of input, so update and view share one search.
    mutating func refreshSearch() {
        guard case .search(let q, _) = screen else { return }
        if let c = searchCache, c.query == q, c.profile == session.profile { return }
        searchesRun += 1
        searchCache = (q, session.profile, engine.search(q, profile: session.profile, limit: 50))
    }

    /// Results shown at once, and the first one on screen (the list scrolls with the selection).
    var searchRows: Int { max(1, (height - 6) / 3) }
    var searchFirstRow: Int {
        guard case .search(_, let sel) = screen else { return 0 }
        return max(0, sel - searchRows + 1)
    }

    mutating func toggleList(_ id: String) {
        if let i = session.myList.firstIndex(of: id) {
            session.myList.remove(at: i)
            message = "Removed from your list."
        } else if session.myList.count < 500 {
            session.myList.append(id)
            message = "Added to your list (\(session.myList.count))."
        }
    }

    // MARK: entries

    var entryRows: Int { max(1, height - 3) }
    var entryPage: Int { max(1, height - 4) }

    /// Scrolls the entry on screen, never past its end: the next key back moves the view at once.
    mutating func scrollEntry(_ by: Int) {
        guard case .entry(let id, let scroll) = screen else { return }
        let lines = numberedEntryLines(id).lines.count
        let maxTop = max(0, lines - entryRows)
        let next = by < 0 ? max(0, min(scroll, maxTop) + max(by, -lines - 1)) : min(maxTop, scroll + min(by, lines + 1))
        screen = .entry(id: id, scroll: next)
    }

    var entryLinks: [String] {
        guard case .entry(let id, _) = screen else { return [] }
        return numberedEntryLines(id).links
    }

    /// A digit towards a link number: opens as soon as no longer number is possible, else waits
    /// for the next digit or Enter.
    mutating func typeLinkDigit(_ d: Int) {
        let links = entryLinks
        let typed = linkDigits + String(d)
        guard let n = Int(typed), n >= 1, n <= links.count, typed.count <= 4 else {
            message = "There is no link \(typed) here: the links are numbered 1 to \(links.count)."
            linkDigits = ""
            return
        }
        if n * 10 > links.count {
            linkDigits = typed
            openLinkDigits()
        } else {
            linkDigits = typed
            message = "Link \(typed): press Enter to open it, or type the next digit."
        }
    }

    mutating func openLinkDigits() {
        let links = entryLinks
        let typed = linkDigits
        linkDigits = ""
        guard let n = Int(typed), n >= 1, n <= links.count else { return }
        message = nil
        push(.entry(id: links[n - 1], scroll: 0))
    }

    mutating func clickEntry(_ y: Int) {
        guard case .entry(let id, let scroll) = screen else { return }
        let lines = numberedEntryLines(id).lines
        let i = entryTop(lines.count, scroll) + y - 1
        if y >= 1, y <= entryRows, i >= 0, i < lines.count, let target = lines[i].target, content.entry(target) != nil {
            push(.entry(id: target, scroll: 0))
        }
    }

    // MARK: lists

    var listCount: Int {
        switch screen {
        case .list(_, let ids, _): return ids.count
        case .categories: return content.browseGroups.count
        case .flows: return content.flows.count
        default: return 0
        }
    }

    var listSelection: Int {
        switch screen {
        case .list(_, _, let sel), .categories(let sel), .flows(let sel): return sel
        default: return 0
        }
    }

    mutating func reselectList(_ n: Int) {
        switch screen {
        case .list(let t, let ids, _): screen = .list(title: t, ids: ids, selection: n)
        case .categories: screen = .categories(selection: n)
        case .flows: screen = .flows(selection: n)
        default: break
        }
    }

    var listRows: Int { max(1, (height - 5) / 2) }

    mutating func moveList(_ e: Event) {
        if let n = move(e, listSelection, count: listCount) { reselectList(n) }
    }

    mutating func openList(_ e: Event) {
        var i = listSelection
        if case .mouse(_, let y, _) = e {
            let first = max(0, listSelection - listRows + 1)
            guard y >= 3, (y - 3) / 2 < listRows else { return }
            i = first + (y - 3) / 2
        }
        guard i >= 0, i < listCount else { return }
        reselectList(i)
        switch screen {
        case .list(_, let ids, _): push(.entry(id: ids[i], scroll: 0))
        case .categories:
            let g = content.browseGroups[i]
            push(.list(title: g.label, ids: g.ids, selection: 0))
        case .flows: startFlow(content.flows[i].id)
        default: break
        }
    }

    // MARK: guided questions

    var flowScreen: FlowScreen? { if case .flow(let fs) = screen { return fs } else { return nil } }

    mutating func commitFlow(_ answer: Answer, for q: FlowNode) {
        guard var next = flowScreen else { return }
        next.answers[q.id] = answer
        next.editing = nil
        next.selection = 0
        next.chosen = []
        next.input = ""
        next.error = nil
        fieldCursor = nil
        // Later answers stay: the path picks them up again wherever they still apply.
        if let f = content.flow(next.id) {
            let after = FlowEngine.run(f, answers: next.answers, profile: session.profile, content: content)
            if after.complete { session.profile = after.profile }
        }
        screen = .flow(next)
    }

    /// Steps back one question without forgetting any answer; before the first, leaves the guide.
    mutating func flowBack() {
        guard let fs = flowScreen else { pop(); return }
        let (maybeState, _) = flowQuestion(fs)
        guard let state = maybeState else { pop(); return }
        let path = state.path.map(\.id)
        let here = fs.editing ?? (state.complete ? nil : state.current?.id)
        let previous: String?
        if let here, let i = path.firstIndex(of: here) { previous = i > 0 ? path[i - 1] : nil } else { previous = path.last }
        guard let previous else { pop(); return }
        var next = fs
        next.editing = previous
        next.input = ""
        next.error = nil
        next.chosen = []
        next.selection = 0
        fieldCursor = nil
        if let node = content.flow(fs.id)?.node(previous), let a = fs.answers[previous] {
            switch a {
            case .choice(let v): next.selection = node.options.firstIndex { $0.value == v } ?? 0
            case .multi(let vs): next.chosen = vs
            default: next.input = a.display
            }
        }
        screen = .flow(next)
    }

    mutating func submitFlowInput() {
        guard var fs = flowScreen, let q = flowQuestion(fs).question else { return }
        do {
            commitFlow(try FlowEngine.parse(fs.input, for: q, postcodes: content.postcodes), for: q)
        } catch let e as FlowError {
            fs.error = e.message
            screen = .flow(fs)
        } catch {
            fs.error = "That answer was not understood."
            screen = .flow(fs)
        }
    }

    /// Opens the first question answered from "About your child"; an answer given there wins.
    mutating func changeFlowProfile() {
        guard let fs = flowScreen, let state = flowQuestion(fs).state,
              let id = state.path.first(where: { state.fromProfile[$0.id] != nil })?.id else { return }
        screen = .flow(changeFromProfile(fs, id: id, answer: state.fromProfile[id]))
    }

    /// Whether `c` changes a profile answer here: a question or outcome the profile helped answer.
    var canChangeFlowProfile: Bool {
        guard let fs = flowScreen, fs.editing == nil, let state = flowQuestion(fs).state else { return false }
        return !state.fromProfile.isEmpty
    }

    /// Whether the outcome page is longer than the screen (only then do the page keys do anything).
    var outcomeScrolls: Bool {
        guard let fs = flowScreen, let state = flowQuestion(fs).state, let o = state.outcome else { return false }
        return outcomePage(o, state: state).lines.count > outcomeRows
    }

    /// Every key and click on an outcome page: the whole text scrolls, services are chosen like links.
    mutating func outcomeKey(_ e: Event) {
        guard let fs = flowScreen, let state = flowQuestion(fs).state, let o = state.outcome else { return }
        switch flowOutcome(e, fs, state, o) {
        case .change: changeFlowProfile()
        case .back: flowBack()
        case .none: break
        }
    }

    /// The number of rows to move through: the question's options, or the outcome's entries.
    var flowCount: Int {
        guard let fs = flowScreen else { return 0 }
        let (state, q) = flowQuestion(fs)
        if let q { return q.options.count }
        return state?.outcome?.entries.count ?? 0
    }

    mutating func moveFlow(_ e: Event) {
        guard var fs = flowScreen, let n = move(e, fs.selection, count: flowCount) else { return }
        fs.selection = n
        screen = .flow(fs)
    }

    /// Picks option `number` (1-based), or the selected one: a choice answers, a tick toggles.
    mutating func pickFlowOption(number: Int?) {
        guard var fs = flowScreen, let q = flowQuestion(fs).question else { return }
        let count = q.options.count
        let p: Int
        if let number {
            guard number >= 1, number <= count else { return }
            p = number - 1
        } else {
            p = fs.selection
        }
        guard p >= 0, p < count else { return }
        let value = q.options[p].value
        if q.type != .multi {
            commitFlow(.choice(value), for: q)
            return
        }
        var c = fs.chosen
        if let i = c.firstIndex(of: value) { c.remove(at: i) } else if q.options[p].exclusive { c = [value] } else {
            c.removeAll { v in q.options.first { $0.value == v }?.exclusive ?? false }
            c.append(value)
        }
        fs.chosen = c
        fs.selection = p
        screen = .flow(fs)
    }

    mutating func chooseFlow(_ e: Event) {
        guard let fs = flowScreen, let q = flowQuestion(fs).question else { return }
        if case .mouse(_, let y, _) = e {
            if let row = optionRow(y, count: q.options.count) { pickFlowOption(number: row + 1) }
            return
        }
        if q.type == .multi && !fs.chosen.isEmpty {
            commitFlow(.multi(fs.chosen), for: q)
            return
        }
        pickFlowOption(number: nil)
    }

    /// Layout rows shared with the view: options start at row 6, outcome entries after the text.
    func optionRow(_ y: Int, count: Int) -> Int? {
        let i = y - FlowLayout.optionTop
        return i >= 0 && i < count ? i : nil
    }
    // MARK: glossary, help, profile

    mutating func scrollGlossary(_ e: Event) {
        guard case .glossary(let q, let scroll, let entry) = screen else { return }
        let total = glossaryLines(q, entry: entry).count
        let maxTop = max(0, total - glossaryRows)
        let by: Int
        switch e {
        case .key(.up): by = -1
        case .key(.down): by = 1
        case .key(.pageUp): by = -glossaryRows
        case .key(.pageDown): by = glossaryRows
        default: by = e.isWheelUp ? -3 : 3
        }
        screen = .glossary(query: q, scroll: max(0, min(maxTop, min(scroll, maxTop) + by)), entry: entry)
    }

    mutating func scrollHelp(_ e: Event) {
        guard case .help(let scroll) = screen else { return }
        let maxTop = max(0, helpLines().count - helpRows)
        let by: Int
        switch e {
        case .key(.up), .text("k"): by = -1
        case .key(.down), .text("j"): by = 1
        case .key(.pageUp): by = -helpRows
        case .key(.pageDown): by = helpRows
        case .key(.home): by = -maxTop - 1
        case .key(.end): by = maxTop + 1
        default: by = e.isWheelUp ? -3 : 3
        }
        screen = .help(scroll: max(0, min(maxTop, scroll + by)))
    }

    /// Rows of the profile screen: borough, age, status, then one per need area.
    static let profileRows = 3 + NeedArea.allCases.count

    mutating func changeProfile(_ e: Event) {
        guard case .profile(var sel) = screen else { return }
        if case .mouse(_, let y, _) = e {
            guard y >= 3, (y - 3) % 2 == 0, (y - 3) / 2 < AppState.profileRows else { return }
            sel = (y - 3) / 2
            screen = .profile(selection: sel)
        }
        guard sel >= 0, sel < AppState.profileRows else { return }
        let back = e == .key(.left)
        var p = session.profile
        func cycle<T: Equatable>(_ value: T?, _ all: [T]) -> T? {
            let options: [T?] = [nil] + all.map(Optional.some)
            let i = options.firstIndex { $0 == value } ?? 0
            return options[(i + (back ? options.count - 1 : 1)) % options.count]
        }
        switch sel {
        case 0: p.borough = cycle(p.borough, Borough.allCases)
        case 1: p.age = back ? (p.age.map { max(0, $0 - 1) }) : (p.age.map { min(25, $0 + 1) } ?? 0)
        case 2: p.status = cycle(p.status, Status.allCases)
        default:
            let area = NeedArea.allCases[sel - 3]
            if p.needs.contains(area) { p.needs.remove(area) } else { p.needs.insert(area) }
        }
        session.profile = p
    }

    /// A digit typed on the Age row: "1" then "2" is 12; a digit that would go past 25 starts again.
    mutating func typeAge(_ d: Int) {
        guard case .profile(1) = screen else { return }
        let typed = (session.profile.age ?? 0) * 10 + d
        session.profile.age = session.profile.age != nil && validAges.contains(typed) ? typed : d
    }
}

/// Row positions the view draws at and the update reads clicks by.
public enum FlowLayout {
    public static let optionTop = 6
}
