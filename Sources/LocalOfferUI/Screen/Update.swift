import LocalOfferCore

extension AppState {
    /// The one place state changes. Returns what the loop must do outside the pure state.
    @discardableResult
    public mutating func update(_ event: Event) -> Effect {
        let effect = apply(event)
        refreshSearch()
        return effect
    }

    mutating func apply(_ event: Event) -> Effect {
        switch event {
        case .tick(let t):
            now = t
            if config.mode == .kiosk, now - lastInput >= config.idleTimeout {
                wipeSession()
                lastInput = now
                message = nil
                return .idleReset
            }
            return .none
        case .resize(let w, let h):
            width = w
            height = h
            return .none
        default:
            lastInput = now
        }
        if case .staffExit = screen { return staffExit(event) }
        if case .save(let path) = screen { return save(event, path) }

        // Keys that mean the same everywhere.
        switch event {
        case .key(.ctrl(let c)) where c == "c" || c == "z" || c == "\\" || c == "d":
            // Raw mode: these arrive as keys. Outside a kiosk Ctrl-C/Ctrl-D quit; in a kiosk nothing.
            if config.mode != .kiosk && (c == "c" || c == "d") { quit = true; return .quit }
            return .none
        case .key(.ctrl("]")) where config.mode == .kiosk:
            push(.staffExit(pin: ""))
            return .none
        case .key(.ctrl("n")):
            // End session / start again: everything typed or chosen is forgotten.
            wipeSession()
            message = config.mode.isShared ? "Session ended. Nothing from it was kept." : "Started again."
            return .none
        case .key(.function(let n)) where n != 2:
            if n == 1, !isTyping { push(.help) }
            return .none
        case .key(.ctrl("s")) where config.mode != .kiosk:
            if session.myList.isEmpty {
                message = "Your list is empty: press a on an entry to add it."
            } else {
                push(.save(path: "my-local-offer-list.txt"))
            }
            return .none
        case .key(.ctrl("p")) where config.mode.canPrint:
            return printRequest()
        case .text("/") where !isTyping || isSearch:
            if case .search = screen { return .none }
            push(.search(query: "", selection: 0))
            return .none
        case .text("p") where !isTyping && !isHome, .key(.function(2)):
            // On the home screen "p" is just the first letter of a search ("portage").
            if case .profile = screen { return .none }
            push(.profile(selection: 0))
            return .none
        case .text("?") where !isTyping:
            push(.help)
            return .none
        case .text("q") where !isTyping:
            if config.mode == .kiosk { return .none }
            quit = true
            return .quit
        case .mouse(let x, let y, .click) where y == height - 1 && config.mode == .kiosk:
            // Big touch targets on the bottom line: "Start again" and "Back".
            if x < AppState.kioskStartWidth {
                wipeSession()
            } else if x < AppState.kioskStartWidth + AppState.kioskBackWidth {
                _ = apply(.key(.escape))
            }
            return .none
        default:
            break
        }

        switch screen {
        case .home(let sel): return home(event, sel)
        case .search(let q, let sel): return search(event, q, sel)
        case .entry(let id, let scroll): return entry(event, id, scroll)
        case .list(let title, let ids, let sel): return list(event, title, ids, sel)
        case .categories(let sel): return categories(event, sel)
        case .flows(let sel): return flows(event, sel)
        case .flow(let fs): return flow(event, fs)
        case .glossary(let q, let scroll): return glossary(event, q, scroll)
        case .help:
            if case .text = event { pop() } else { pop() }
            return .none
        case .staffExit, .save: return .none
        case .profile(let sel): return profileScreen(event, sel)
        }
    }

    var isHome: Bool { if case .home = screen { return true } else { return false } }
    var isSearch: Bool { if case .search = screen { return true } else { return false } }
    var isTyping: Bool {
        switch screen {
        case .search, .glossary, .staffExit, .save: return true
        case .flow(let fs):
            let node = flowQuestion(fs).question
            return node?.type == .number || node?.type == .postcode
        default: return false
        }
    }

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
        switch event {
        case .key(.up), .text("k"), .mouse(_, _, .wheelUp): return max(0, sel - 1)
        case .key(.down), .text("j"), .mouse(_, _, .wheelDown), .key(.tab): return min(count - 1, sel + 1)
        case .key(.backTab): return max(0, sel - 1)
        case .key(.pageUp): return max(0, sel - page)
        case .key(.pageDown): return min(count - 1, sel + page)
        case .key(.home): return 0
        case .key(.end): return count - 1
        default: return nil
        }
    }

    var isBack: (Event) -> Bool {
        { e in
            switch e {
            case .key(.escape), .key(.backspace), .key(.left), .text("h"): return true
            default: return false
            }
        }
    }

    mutating func home(_ event: Event, _ sel: Int) -> Effect {
        let count = AppState.homeItems.count
        if let n = move(event, sel, count: count) {
            screen = .home(selection: n)
            return .none
        }
        switch event {
        case .key(.enter), .key(.right):
            openHome(sel)
        case .text(let c) where c.isNumber:
            if let n = c.wholeNumberValue, n >= 1, n <= count { openHome(n - 1) }
            if c == "0" { openHome(9) }
        case .text(let c) where !c.isWhitespace && c != "j" && c != "k":
            // Typing letters on the home screen starts a search.
            push(.search(query: String(c), selection: 0))
        case .mouse(_, let y, .click):
            let i = (y - 3) / 2
            if (y - 3) >= 0, i < count { openHome(i) }
        default: break
        }
        return .none
    }

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

    public func searchResults(_ q: String) -> SearchEngine.Response {
        if let c = searchCache, c.query == q, c.profile == session.profile { return c.response }
        return engine.search(q, profile: session.profile, limit: 50)
    }

    /// Derived state: refreshed after each event, so update and view share one search.
    mutating func refreshSearch() {
        guard case .search(let q, _) = screen else { return }
        if let c = searchCache, c.query == q, c.profile == session.profile { return }
        searchCache = (q, session.profile, engine.search(q, profile: session.profile, limit: 50))
    }

    mutating func search(_ event: Event, _ q: String, _ sel: Int) -> Effect {
        switch event {
        case .text(let c):
            screen = .search(query: q + String(c), selection: 0)
        case .key(.backspace):
            if q.isEmpty { pop() } else { screen = .search(query: String(q.dropLast()), selection: 0) }
        case .key(.escape):
            pop()
        case .key(.enter), .key(.right):
            let hits = searchResults(q).hits
            if sel < hits.count { push(.entry(id: hits[sel].entry.id, scroll: 0)) }
        case .mouse(_, let y, .click):
            let i = (y - 4) / 3
            let hits = searchResults(q).hits
            if y >= 4, i < hits.count { screen = .search(query: q, selection: i); push(.entry(id: hits[i].entry.id, scroll: 0)) }
        case .key(.ctrl("a")):
            let hits = searchResults(q).hits
            if sel < hits.count { toggleList(hits[sel].entry.id) }
        default:
            let count = min(50, searchResults(q).hits.count)
            if case .text = event { break }
            if let n = move(event, sel, count: count) { screen = .search(query: q, selection: n) }
        }
        return .none
    }

    mutating func toggleList(_ id: String) {
        if let i = session.myList.firstIndex(of: id) {
            session.myList.remove(at: i)
            message = "Removed from your list."
        } else {
            session.myList.append(id)
            message = "Added to your list (\(session.myList.count))."
        }
    }

    mutating func entry(_ event: Event, _ id: String, _ scroll: Int) -> Effect {
        let page = max(1, height - 4)
        switch event {
        case .key(.up), .text("k"), .mouse(_, _, .wheelUp): screen = .entry(id: id, scroll: max(0, scroll - 1))
        case .key(.down), .text("j"), .mouse(_, _, .wheelDown): screen = .entry(id: id, scroll: scroll + 1)
        case .key(.pageUp): screen = .entry(id: id, scroll: max(0, scroll - page))
        case .key(.pageDown), .text(" "): screen = .entry(id: id, scroll: scroll + page)
        case .key(.home): screen = .entry(id: id, scroll: 0)
        case .text("a"), .key(.ctrl("a")): toggleList(id)
        case .text("g"):
            // The meaning of the terms on screen.
            push(.glossary(query: id, scroll: 0))
        case .text(let c) where c.isNumber && c != "0":
            // Related entries and alternatives, numbered on screen.
            let links = numberedEntryLines(id).links
            if let n = c.wholeNumberValue, n <= links.count { push(.entry(id: links[n - 1], scroll: 0)) }
        case .mouse(_, let y, .click):
            let lines = numberedEntryLines(id).lines
            let i = entryTop(lines.count, scroll) + y - 1
            if y >= 1, i < lines.count, let target = lines[i].target, content.entry(target) != nil {
                push(.entry(id: target, scroll: 0))
            }
        default:
            if isBack(event) { pop() }
        }
        return .none
    }

    mutating func list(_ event: Event, _ title: String, _ ids: [String], _ sel: Int) -> Effect {
        if case .text("a") = event {
            if sel < ids.count { toggleList(ids[sel]) }
            return .none
        }
        if let i = listChoice(event, sel, count: ids.count, reselect: { .list(title: title, ids: ids, selection: $0) }) {
            push(.entry(id: ids[i], scroll: 0))
        }
        return .none
    }

    /// Moving and opening on the simple list screens: the row to open, if the event opens one.
    mutating func listChoice(_ event: Event, _ sel: Int, count: Int, reselect: (Int) -> Screen) -> Int? {
        if let n = move(event, sel, count: count) {
            screen = reselect(n)
            return nil
        }
        switch event {
        case .key(.enter), .key(.right): return sel < count ? sel : nil
        case .mouse(_, let y, .click):
            let i = (y - 3) / 2
            guard y >= 3, i < count else { return nil }
            screen = reselect(i)
            return i
        default:
            if isBack(event) { pop() }
            return nil
        }
    }

    mutating func categories(_ event: Event, _ sel: Int) -> Effect {
        let groups = content.browseGroups
        if let i = listChoice(event, sel, count: groups.count, reselect: { .categories(selection: $0) }) {
            push(.list(title: groups[i].label, ids: groups[i].ids, selection: 0))
        }
        return .none
    }

    mutating func flows(_ event: Event, _ sel: Int) -> Effect {
        if let i = listChoice(event, sel, count: content.flows.count, reselect: { .flows(selection: $0) }) {
            startFlow(content.flows[i].id)
        }
        return .none
    }

    mutating func flow(_ event: Event, _ fs: FlowScreen) -> Effect {
        let (maybeState, maybeQuestion) = flowQuestion(fs)
        guard let state = maybeState else { pop(); return .none }
        var next = fs
        func commit(_ answer: Answer, for q: FlowNode) {
            next.answers[q.id] = answer
            next.editing = nil
            next.selection = 0
            next.chosen = []
            next.input = ""
            next.error = nil
            // Later answers stay: the path picks them up again wherever they still apply.
            if let f = content.flow(fs.id) {
                let after = FlowEngine.run(f, answers: next.answers, profile: session.profile, content: content)
                if after.complete { session.profile = after.profile }
            }
            screen = .flow(next)
        }
        func back() {
            // Step back one question without forgetting any answer.
            let path = state.path.map(\.id)
            let here = fs.editing ?? (state.complete ? nil : state.current?.id)
            let previous: String?
            if let here, let i = path.firstIndex(of: here) { previous = i > 0 ? path[i - 1] : nil } else { previous = path.last }
            guard let previous else { pop(); return }
            next.editing = previous
            next.input = ""
            next.error = nil
            next.chosen = []
            if let node = content.flow(fs.id)?.node(previous), let a = fs.answers[previous] {
                switch a {
                case .choice(let v): next.selection = node.options.firstIndex { $0.value == v } ?? 0
                case .multi(let vs): next.chosen = vs; next.selection = 0
                default: next.input = a.display; next.selection = 0
                }
            }
            screen = .flow(next)
        }

        func change() {
            // Open the first question answered from "About your child"; an answer given there wins.
            guard let id = state.path.first(where: { state.fromProfile[$0.id] != nil })?.id else { return }
            next = changeFromProfile(fs, id: id, answer: state.fromProfile[id])
            screen = .flow(next)
        }

        guard let q = maybeQuestion else {
            guard let o = state.outcome else { pop(); return .none }
            switch flowOutcome(event, fs, state, o) {
            case .change: change()
            case .back: back()
            case .none: break
            }
            return .none
        }
        if case .text("c") = event, !isTyping, fs.editing == nil, !state.fromProfile.isEmpty {
            change()
            return .none
        }

        switch q.type {
        case .number, .postcode:
            switch event {
            case .text(let c) where !c.isNewline:
                next.input += String(c)
                next.error = nil
                screen = .flow(next)
            case .key(.backspace):
                if fs.input.isEmpty { back() } else { next.input.removeLast(); screen = .flow(next) }
            case .key(.escape):
                back()
            case .key(.enter):
                do {
                    commit(try FlowEngine.parse(fs.input, for: q, postcodes: content.postcodes), for: q)
                } catch let e as FlowError {
                    next.error = e.message
                    screen = .flow(next)
                } catch {
                    next.error = "That answer was not understood."
                    screen = .flow(next)
                }
            default: break
            }
        case .choice, .multi:
            let count = q.options.count
            if let n = move(event, fs.selection, count: count) {
                next.selection = n
                screen = .flow(next)
                return .none
            }
            var pick: Int?
            switch event {
            case .text(let c) where c.isNumber:
                if let n = c.wholeNumberValue, n >= 1, n <= count { pick = n - 1 }
            case .mouse(_, let y, .click):
                pick = optionRow(y, count: count)
            case .key(.enter), .key(.right):
                if q.type == .multi && !fs.chosen.isEmpty {
                    commit(.multi(fs.chosen), for: q)
                    return .none
                }
                pick = fs.selection
            case .text(" ") where q.type == .multi:
                pick = fs.selection
            default:
                if isBack(event) { back() }
                return .none
            }
            guard let p = pick else { return .none }
            let value = q.options[p].value
            if q.type == .choice {
                commit(.choice(value), for: q)
            } else {
                var c = fs.chosen
                if let i = c.firstIndex(of: value) { c.remove(at: i) } else if q.options[p].exclusive { c = [value] } else {
                    c.removeAll { v in q.options.first { $0.value == v }?.exclusive ?? false }
                    c.append(value)
                }
                next.chosen = c
                next.selection = p
                screen = .flow(next)
            }
        case .outcome:
            break
        }
        return .none
    }

    /// Layout rows shared with the view: options start at row 6, outcome entries after the text.
    func optionRow(_ y: Int, count: Int) -> Int? {
        let i = y - FlowLayout.optionTop
        return i >= 0 && i < count ? i : nil
    }
    mutating func glossary(_ event: Event, _ q: String, _ scroll: Int) -> Effect {
        switch event {
        case .text(let c): screen = .glossary(query: q + String(c), scroll: 0)
        case .key(.backspace):
            if q.isEmpty { pop() } else { screen = .glossary(query: String(q.dropLast()), scroll: 0) }
        case .key(.escape): pop()
        case .key(.up), .mouse(_, _, .wheelUp): screen = .glossary(query: q, scroll: max(0, scroll - 1))
        case .key(.down), .mouse(_, _, .wheelDown): screen = .glossary(query: q, scroll: scroll + 1)
        case .key(.pageDown): screen = .glossary(query: q, scroll: scroll + 10)
        case .key(.pageUp): screen = .glossary(query: q, scroll: max(0, scroll - 10))
        default: break
        }
        return .none
    }

    /// Rows of the profile screen: borough, age, status, then one per need area.
    static let profileRows = 3 + NeedArea.allCases.count

    mutating func profileScreen(_ event: Event, _ sel: Int) -> Effect {
        if let n = move(event, sel, count: AppState.profileRows) {
            screen = .profile(selection: n)
            return .none
        }
        var p = session.profile
        func cycle<T: Equatable>(_ value: T?, _ all: [T], back: Bool) -> T? {
            let options: [T?] = [nil] + all.map(Optional.some)
            let i = options.firstIndex { $0 == value } ?? 0
            return options[(i + (back ? options.count - 1 : 1)) % options.count]
        }
        let back: Bool
        switch event {
        case .key(.left): back = true
        case .key(.right), .key(.enter), .text(" "): back = false
        case .mouse(_, let y, .click):
            if y >= 3, (y - 3) / 2 < AppState.profileRows { screen = .profile(selection: (y - 3) / 2); return profileScreen(.key(.enter), (y - 3) / 2) }
            return .none
        case .text(let c) where c.isNumber && sel == 1:
            let typed = Int("\(p.age.map(String.init) ?? "")\(c)") ?? 0
            p.age = validAges.contains(typed) ? typed : c.wholeNumberValue
            session.profile = p
            return .none
        case .key(.backspace) where sel == 1 && p.age != nil:
            let digits = String(p.age.map(String.init) ?? "").dropLast()
            p.age = Int(digits)
            session.profile = p
            return .none
        default:
            if case .key(.escape) = event { pop() } else if case .key(.backspace) = event { pop() }
            return .none
        }
        switch sel {
        case 0: p.borough = cycle(p.borough, Borough.allCases, back: back)
        case 1: p.age = back ? (p.age.map { max(0, $0 - 1) }) : (p.age.map { min(25, $0 + 1) } ?? 0)
        case 2: p.status = cycle(p.status, Status.allCases, back: back)
        default:
            let area = NeedArea.allCases[sel - 3]
            if p.needs.contains(area) { p.needs.remove(area) } else { p.needs.insert(area) }
        }
        session.profile = p
        return .none
    }

    /// The take-away prompt takes a file name only (the folder is `--save-dir`); a bad name is
    /// explained on the status line and nothing is written.
    mutating func save(_ event: Event, _ path: String) -> Effect {
        switch event {
        case .text(let c):
            // Bounded, and controls never enter the name.
            guard path.count < TakeawayFile.maxNameLength, !c.unicodeScalars.contains(where: Sanitize.isUnsafe) else { return .none }
            screen = .save(path: path + String(c))
        case .key(.backspace): screen = .save(path: String(path.dropLast()))
        case .key(.escape): pop()
        case .key(.enter):
            if let problem = TakeawayFile.problem(with: path) {
                message = problem
                return .none
            }
            pop()
            return .saveTakeaway(path: path)
        default: break
        }
        return .none
    }

    /// Leaving a kiosk: ASCII digits only; three wrong PINs, then a growing wait (`PINLockout`)
    /// during which the screen says how long and takes no PIN.
    mutating func staffExit(_ event: Event) -> Effect {
        guard case .staffExit(let pin) = screen else { return .none }
        let locked = pinLockout.wait(now: now) != nil
        switch event {
        case .text(let c) where c.isASCII && c.isNumber:
            if !locked && pin.count < 32 { screen = .staffExit(pin: pin + String(c)) }
        case .key(.backspace):
            screen = .staffExit(pin: String(pin.dropLast()))
        case .key(.enter):
            if locked { return .none }
            if let expected = config.kioskPIN, expected.count >= KioskPIN.minimumDigits, KioskPIN.matches(pin, expected) {
                pinLockout.succeed()
                quit = true
                return .quit
            }
            if !pin.isEmpty { pinLockout.fail(now: now) }
            pop()
            message = nil
        default:
            pop()
        }
        return .none
    }
}

/// Row positions the view draws at and the update reads clicks by.
public enum FlowLayout {
    public static let optionTop = 6
}
