import LocalOfferCore

extension KeyMap {
    /// The search results' keys.
    static let search: [KeyBinding] = [
        KeyBinding([.printable], "type", help: .keysResults1,
                   in: [.search]) { s, e in
            if case .text(let c) = e { s.editField { $0.insert(c) } }
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .key(.tab), .key(.backTab), .key(.pageUp), .key(.pageDown), .wheel], "↑↓",
                   short: .keysShortMove, help: .keysResults2, in: [.search]) { s, e in
            guard case .search(let q, let sel) = s.screen else { return .none }
            if let n = s.move(e, sel, count: min(AppState.resultsShown, s.searchResults(q).hits.count)) { s.screen = .search(query: q, selection: n) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: .keysShortOpen, help: .keysResults3, in: [.search]) { s, _ in
            guard case .search(let q, let sel) = s.screen else { return .none }
            let hits = s.searchResults(q).hits
            if sel < hits.count { s.push(.entry(id: hits[sel].entry.id, scroll: 0)) }
            return .none
        },
        KeyBinding([.click], "click", help: .keysResults4, in: [.search]) { s, e in
            guard case .search(let q, _) = s.screen, case .mouse(_, let y, _) = e else { return .none }
            let hits = s.searchResults(q).hits
            if let i = s.resultsWidget(count: min(AppState.resultsShown, hits.count)).item(atY: y), i < hits.count {
                s.screen = .search(query: q, selection: i)
                s.push(.entry(id: hits[i].entry.id, scroll: 0))
            }
            return .none
        },
        KeyBinding([.key(.ctrl("t"))], "Ctrl-T", short: .keysShortAddToList, help: .keysResults5,
                   in: [.search]) { s, _ in
            guard case .search(let q, let sel) = s.screen else { return .none }
            let hits = s.searchResults(q).hits
            if sel < hits.count { s.toggleList(hits[sel].entry.id) }
            return .none
        },
        KeyBinding([.key(.escape)], "Esc", short: .keysShortBack, help: .keysResults6, in: [.search]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {
    // MARK: search

    /// The most results a search lists, on the full screen and in plain mode alike.
    public static let resultsShown = 50

    public func searchResults(_ q: String) -> SearchEngine.Response {
        if let c = searchCache, c.query == q, c.profile == session.profile { return c.response }
        return engine.search(q, profile: session.profile, limit: AppState.resultsShown)
    }

    /// Derived state: refreshed once per batch of input, so update and view share one search.
    mutating func refreshSearch() {
        guard case .search(let q, _) = screen else { return }
        if let c = searchCache, c.query == q, c.profile == session.profile { return }
        searchesRun += 1
        searchCache = (q, session.profile, engine.search(q, profile: session.profile, limit: AppState.resultsShown))
    }

    /// Results shown at once, and the first one on screen (the list scrolls with the selection).
    var searchRows: Int { max(1, (height - 6) / 3) }
    /// The result rows as drawn (three lines each, from row 4): drawing and clicks both read it.
    func resultsWidget(count: Int) -> SelectableList {
        guard case .search(_, let sel) = screen else { return SelectableList(count: 0, selection: 0, top: 4, rows: searchRows, rowHeight: 3) }
        return SelectableList(count: count, selection: sel, top: 4, rows: searchRows, rowHeight: 3)
    }

}

extension AppState {
    func drawSearch(_ b: inout Buffer, _ q: String, _ sel: Int) {
        let g = config.glyphs
        let prompt = tr(.searchPrompt)
        b.put(prompt, x: 1, y: 1, style: config.theme.style(.title))
        drawField(&b, x: 1 + prompt.count, y: 1, maxX: width - 1)
        let cursor = b.cursor
        defer { b.cursor = cursor }
        if field.isFull {
            b.put(tr(.searchLimited, ["n": "\(AppState.searchLimit)"]), x: 1, y: 2, style: config.theme.style(.warning))
        }
        guard !q.trimmingCharacters(in: .whitespaces).isEmpty else {
            b.put(tr(.searchTypeHint), x: 1, y: 3, style: config.theme.style(.dim))
            return
        }
        let r = searchResults(q)
        var info = tr(.countResults, count: r.total)
        if !session.profile.isEmpty { info += tr(.searchForChild, ["profile": session.profile.summary]) }
        if !field.isFull { b.put(DisplayWidth.truncate(g.text(info), to: width - 2, glyphs: g), x: 1, y: 2, style: config.theme.style(.dim)) }
        if r.total == 0 {
            var y = 4
            if !r.suggestions.isEmpty {
                for l in Wrap.lines(tr(.searchDidYouMean, ["words": r.suggestions.joined(separator: ", ")]), width: width - 2) { b.put(l, x: 1, y: y); y += 1 }
                y += 1
            }
            for l in Wrap.lines(tr(.searchNothing), width: width - 2) {
                b.put(l, x: 1, y: y)
                y += 1
            }
            return
        }
        let list = resultsWidget(count: r.hits.count)
        let rows = list.rows
        let first = list.first
        for (k, h) in r.hits.enumerated().dropFirst(first).prefix(rows) {
            let y = list.y(of: k)
            let selected = k == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.title)
            let mark = session.myList.contains(h.entry.id) ? g.star + " " : ""
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate("\(mark)\(h.entry.title)", to: width - 3, glyphs: g), x: 1, y: y, style: style)
            if selected { b.cursor = Point(x: 1, y: y) }
            b.put(DisplayWidth.truncate(h.entry.summary, to: width - 4, glyphs: g), x: 3, y: y + 1)
            let kind = h.entry.kind == .guide ? tr(.kindGuide) : tr(.kindService)
            var line = kind + " · " + (content.placeLine(h.entry) ?? tr(.bothBoroughs))
            var role = Theme.Role.dim
            if let e = h.eligibility {
                line = e.badge + " · " + line
                role = verdictRole(e.verdict)
            }
            b.put(DisplayWidth.truncate(g.text(line), to: width - 4, glyphs: g), x: 3, y: y + 2, style: config.theme.style(role))
        }
    }
}
