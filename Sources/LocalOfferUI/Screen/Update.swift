import LocalOfferCore

extension AppState {
    /// The one place state changes. Returns what the loop must do outside the pure state.
    @discardableResult
    public mutating func update(_ event: Event) -> Effect {
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
            message = config.mode == .shared ? "Session ended. Nothing from it was kept." : "Started again."
            return .none
        case .key(.function(let n)):
            if n == 1, !isTyping { push(.help) }
            return .none
        case .key(.ctrl("s")) where config.mode != .kiosk:
            if session.myList.isEmpty {
                message = "Your list is empty: press a on an entry to add it."
            } else {
                push(.save(path: "my-local-offer-list.txt"))
            }
            return .none
        case .key(.ctrl("p")) where config.mode == .champion:
            return session.myList.isEmpty ? .none : .printTakeaway
        case .text("/") where !isTyping || isSearch:
            if case .search = screen { return .none }
            push(.search(query: "", selection: 0))
            return .none
        case .text("?") where !isTyping:
            push(.help)
            return .none
        case .text("q") where !isTyping:
            if config.mode == .kiosk { return .none }
            quit = true
            return .quit
        case .mouse(_, let y, .click) where y == height - 1 && config.mode == .kiosk:
            wipeSession()
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
        case .flow(let id, let answers, let sel, let chosen, let input, _): return flow(event, id, answers, sel, chosen, input)
        case .glossary(let q, let scroll): return glossary(event, q, scroll)
        case .help:
            if case .text = event { pop() } else { pop() }
            return .none
        case .staffExit, .save: return .none
        }
    }

    var isSearch: Bool { if case .search = screen { return true } else { return false } }
    var isTyping: Bool {
        switch screen {
        case .search, .glossary, .staffExit, .save: return true
        case .flow(let id, let answers, _, _, _, _):
            let node = currentNode(id, answers)
            return node?.type == .number || node?.type == .postcode
        default: return false
        }
    }

    func currentNode(_ flowId: String, _ answers: [String: Answer]) -> FlowNode? {
        guard let f = content.flow(flowId) else { return nil }
        return FlowEngine.run(f, answers: answers, profile: session.profile, content: content).current
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
        case 6: push(.list(title: "Talk to someone", ids: AppState.talkIds.filter { content.entry($0) != nil }, selection: 0))
        case 7: push(.flows(selection: 0))
        case 8: push(.list(title: "My list", ids: session.myList, selection: 0))
        default: break
        }
    }

    mutating func startFlow(_ id: String) {
        if content.flow(id) != nil {
            push(.flow(id: id, answers: [:], selection: 0, chosen: [], input: "", error: nil))
        } else {
            message = "That guide is not available."
        }
    }

    public func searchResults(_ q: String) -> SearchEngine.Response {
        engine.search(q, profile: session.profile, limit: 50)
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
        default:
            if isBack(event) { pop() }
        }
        return .none
    }

    mutating func list(_ event: Event, _ title: String, _ ids: [String], _ sel: Int) -> Effect {
        if let n = move(event, sel, count: ids.count) {
            screen = .list(title: title, ids: ids, selection: n)
            return .none
        }
        switch event {
        case .key(.enter), .key(.right):
            if sel < ids.count { push(.entry(id: ids[sel], scroll: 0)) }
        case .mouse(_, let y, .click):
            let i = (y - 3) / 2
            if y >= 3, i < ids.count { screen = .list(title: title, ids: ids, selection: i); push(.entry(id: ids[i], scroll: 0)) }
        case .text("a"):
            if sel < ids.count { toggleList(ids[sel]) }
        default:
            if isBack(event) { pop() }
        }
        return .none
    }

    var usedCategories: [LabelledValue] {
        content.categories.filter { c in content.entries.contains { $0.category == c.id } }
    }

    mutating func categories(_ event: Event, _ sel: Int) -> Effect {
        let cats = usedCategories
        if let n = move(event, sel, count: cats.count) {
            screen = .categories(selection: n)
            return .none
        }
        var open: Int?
        switch event {
        case .key(.enter), .key(.right): open = sel
        case .mouse(_, let y, .click): if y >= 3 { open = (y - 3) / 2 }
        default: if isBack(event) { pop() }
        }
        if let i = open, i < cats.count {
            let ids = content.entriesByTitle.filter { $0.category == cats[i].id }.map(\.id)
            push(.list(title: cats[i].label, ids: ids, selection: 0))
        }
        return .none
    }

    mutating func flows(_ event: Event, _ sel: Int) -> Effect {
        if let n = move(event, sel, count: content.flows.count) {
            screen = .flows(selection: n)
            return .none
        }
        var open: Int?
        switch event {
        case .key(.enter), .key(.right): open = sel
        case .mouse(_, let y, .click): if y >= 3 { open = (y - 3) / 2 }
        default: if isBack(event) { pop() }
        }
        if let i = open, i < content.flows.count { startFlow(content.flows[i].id) }
        return .none
    }

    mutating func flow(_ event: Event, _ id: String, _ answers: [String: Answer], _ sel: Int, _ chosen: [String], _ input: String) -> Effect {
        guard let f = content.flow(id) else { pop(); return .none }
        let state = FlowEngine.run(f, answers: answers, profile: session.profile, content: content)
        func set(_ a: [String: Answer], _ s: Int = 0, _ c: [String] = [], _ i: String = "", _ e: String? = nil) {
            screen = .flow(id: id, answers: a, selection: s, chosen: c, input: i, error: e)
        }
        func back() {
            // Back one question, keeping every later answer in case the path comes back to it.
            if let last = state.path.last {
                var a = answers
                a[last.id] = nil
                set(a)
            } else {
                pop()
            }
        }
        if let o = state.outcome {
            let ids = o.entries.map(\.id)
            if let n = move(event, sel, count: ids.count) { set(answers, n); return .none }
            switch event {
            case .key(.enter), .key(.right):
                if sel < ids.count {
                    session.profile = state.profile
                    push(.entry(id: ids[sel], scroll: 0))
                }
            case .text("a"):
                if sel < ids.count { toggleList(ids[sel]) }
            case .mouse(_, let y, .click):
                if let i = outcomeRow(y, top: outcomeLayout(o).top, count: ids.count) { set(answers, i); session.profile = state.profile; push(.entry(id: ids[i], scroll: 0)) }
            default:
                if isBack(event) { back() }
            }
            session.profile = state.profile
            return .none
        }
        guard let q = state.current else { pop(); return .none }
        switch q.type {
        case .number, .postcode:
            switch event {
            case .text(let c) where !c.isNewline:
                set(answers, 0, [], input + String(c))
            case .key(.backspace):
                if input.isEmpty { back() } else { set(answers, 0, [], String(input.dropLast())) }
            case .key(.escape):
                back()
            case .key(.enter):
                do {
                    var a = answers
                    a[q.id] = try FlowEngine.parse(input, for: q, postcodes: content.postcodes)
                    set(a)
                } catch let e as FlowError {
                    set(answers, 0, [], input, e.message)
                } catch {
                    set(answers, 0, [], input, "That answer was not understood.")
                }
            default: break
            }
        case .choice, .multi:
            let count = q.options.count
            if let n = move(event, sel, count: count) { set(answers, n, chosen); return .none }
            var pick: Int?
            switch event {
            case .text(let c) where c.isNumber:
                if let n = c.wholeNumberValue, n >= 1, n <= count { pick = n - 1 }
            case .mouse(_, let y, .click):
                pick = optionRow(y, count: count)
            case .key(.enter), .key(.right):
                if q.type == .multi && !chosen.isEmpty {
                    var a = answers
                    a[q.id] = .multi(chosen)
                    set(a)
                    return .none
                }
                pick = sel
            case .text(" ") where q.type == .multi:
                pick = sel
            default:
                if isBack(event) { back() }
                return .none
            }
            guard let p = pick else { return .none }
            let value = q.options[p].value
            if q.type == .choice {
                var a = answers
                a[q.id] = .choice(value)
                set(a)
            } else {
                var c = chosen
                let exclusive = q.options[p].exclusive
                if let i = c.firstIndex(of: value) { c.remove(at: i) } else if exclusive { c = [value] } else {
                    c.removeAll { v in q.options.first { $0.value == v }?.exclusive ?? false }
                    c.append(value)
                }
                set(answers, p, c)
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
    func outcomeRow(_ y: Int, top: Int, count: Int) -> Int? {
        let i = (y - top) / 2
        return y >= top && i < count ? i : nil
    }

    /// The outcome's text (at most a third of the screen) and the row its entry list starts at.
    public func outcomeLayout(_ o: FlowOutcome) -> (text: [String], top: Int) {
        let text = Wrap.lines(o.text, width: width - 4)
        let maxText = max(2, (height - 6) / 3)
        let shown = text.count > maxText ? Array(text.prefix(maxText - 1)) + ["… (open an entry for more)"] : text
        return (shown, 4 + shown.count + 1)
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

    mutating func save(_ event: Event, _ path: String) -> Effect {
        switch event {
        case .text(let c): screen = .save(path: path + String(c))
        case .key(.backspace): screen = .save(path: String(path.dropLast()))
        case .key(.escape): pop()
        case .key(.enter):
            pop()
            if !path.isEmpty { return .saveTakeaway(path: path) }
        default: break
        }
        return .none
    }

    mutating func staffExit(_ event: Event) -> Effect {
        guard case .staffExit(let pin) = screen else { return .none }
        switch event {
        case .text(let c) where c.isNumber || c.isLetter:
            screen = .staffExit(pin: pin + String(c))
        case .key(.backspace):
            screen = .staffExit(pin: String(pin.dropLast()))
        case .key(.enter):
            if let expected = config.kioskPIN, !expected.isEmpty, pin == expected {
                quit = true
                return .quit
            }
            pop()
            message = nil
        default:
            pop()
        }
        return .none
    }

    /// The take-away: the chosen entries and how to reach each, as plain text.
    public func takeaway() -> String {
        var lines = ["Your list from the Local Offer (Richmond and Kingston)", ""]
        if !session.profile.isEmpty { lines.append("For: \(session.profile.summary)"); lines.append("") }
        for id in session.myList {
            guard let e = content.entry(id) else { continue }
            lines.append(e.title)
            lines += Wrap.lines(e.summary, width: 76).map { "  " + $0 }
            for b in Borough.allCases where session.profile.borough == nil || session.profile.borough == b {
                guard let p = e.boroughs[b], p.offered else { continue }
                if let how = p.howToGet { lines += Wrap.lines("\(b.name): \(how)", width: 76).map { "  " + $0 } }
                if let c = p.contact ?? e.contact { lines += c.lines.map { "  " + $0 } }
            }
            lines.append("")
        }
        lines.append("Free, impartial advice: SENDIASS (Kingston and Richmond SEND Information, Advice and Support Service).")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Row positions the view draws at and the update reads clicks by.
public enum FlowLayout {
    public static let optionTop = 6
}
