import LocalOfferCore

extension AppState {
    /// The kiosk's touch targets on the bottom line, drawn and hit-tested from the same widths.
    static let kioskStart = " [ Start again ] "
    static let kioskBack = " [ Back ] "
    static var kioskStartWidth: Int { kioskStart.count }
    static var kioskBackWidth: Int { kioskBack.count }
    static var kioskButtons: String { String(kioskStart.dropFirst()) + kioskBack + " " }

    public static let minWidth = 80
    public static let minHeight = 24

    /// Draws the whole state into a fresh buffer. Pure: the same state gives the same cells.
    public func view() -> Buffer {
        var b = Buffer(width: width, height: height)
        guard width >= AppState.minWidth, height >= AppState.minHeight else {
            let lines = ["Please make the window bigger.", "localoffer needs at least \(AppState.minWidth)×\(AppState.minHeight);", "this one is \(width)×\(height)."]
            for (i, l) in lines.enumerated() where i < height { b.put(DisplayWidth.truncate(l, to: width), x: 0, y: i) }
            b.cursor = Point(x: 0, y: 0)
            return b
        }
        let t = config.theme
        drawHeader(&b)
        switch screen {
        case .home(let sel): drawHome(&b, sel)
        case .search(let q, let sel): drawSearch(&b, q, sel)
        case .entry(let id, let scroll): drawEntry(&b, id, scroll)
        case .list(let title, let ids, let sel): drawList(&b, title, ids.map { ($0, content.entry($0)?.title ?? $0, content.entry($0)?.summary ?? "") }, sel)
        case .categories(let sel): drawList(&b, "Browse by type, need or age", content.browseGroups.map { ($0.id, $0.label, "\($0.ids.count) entries") }, sel)
        case .flows(let sel): drawList(&b, "Guided questions", content.flows.map { ($0.id, $0.title, $0.summary) }, sel)
        case .flow(let fs): drawFlow(&b, fs)
        case .glossary(let q, let scroll): drawGlossary(&b, q, scroll)
        case .help: drawHelp(&b)
        case .staffExit(let pin): drawStaffExit(&b, pin)
        case .profile(let sel): drawProfile(&b, sel)
        case .save(let path):
            title(&b, "Save my list as a text file")
            b.put("File name, then Enter (Esc to cancel):", x: 1, y: 3)
            if let dir = config.saveDirectory {
                b.put(DisplayWidth.truncate("Saved in \(dir)", to: width - 2), x: 1, y: 9, style: config.theme.style(.dim))
            }
            let end = b.put(path, x: 1, y: 5, style: Style(underline: true), maxX: width - 1)
            b.cursor = Point(x: min(end, width - 1), y: 5)
            b.put("Only this file is written. Nothing else you typed or chose is kept.", x: 1, y: 7, style: config.theme.style(.dim))
        }
        // Status line, then the one-line key reminder.
        if let remaining = idleRemaining, remaining <= config.warningSeconds {
            let s = " Still there? Starting again in \(max(0, Int(remaining.rounded(.up)))) seconds — touch or press any key "
            b.fill(y: height - 2, style: t.style(.warning))
            b.put(DisplayWidth.truncate(s, to: width), x: 0, y: height - 2, style: t.style(.warning))
        } else if let message {
            b.put(DisplayWidth.truncate(message, to: width), x: 1, y: height - 2, style: t.style(.dim))
        }
        b.fill(y: height - 1, style: t.style(.footer))
        b.put(DisplayWidth.truncate(keyHint, to: width), x: 0, y: height - 1, style: t.style(.footer))
        return b
    }

    var keyHint: String {
        let start = config.mode == .kiosk ? AppState.kioskButtons : ""
        let quit = config.mode == .kiosk ? "" : "  q quit"
        switch screen {
        case .home: return " \(start)↑↓ move  Enter open  type to search  ? help\(quit)"
        case .search: return " \(start)type to search  ↑↓ move  Enter open  Esc back  F1 help"
        case .entry: return " \(start)↑↓ scroll  1–9 open a link  a add to list  g words  Esc back\(quit)"
        case .flow: return " \(start)↑↓ move  Enter choose  Space tick  Esc back a question  ? help"
        case .glossary: return " \(start)type a word  ↑↓ scroll  Esc back"
        case .staffExit: return " Staff PIN, then Enter. Any other key goes back."
        default: return " \(start)↑↓ move  Enter open  Esc back  / search  ? help\(quit)"
        }
    }

    func title(_ b: inout Buffer, _ s: String) {
        b.put(DisplayWidth.truncate(s, to: width - 2), x: 1, y: 1, style: config.theme.style(.title))
    }

    func verdictRole(_ v: Verdict) -> Theme.Role {
        switch v {
        case .eligible: return .eligible
        case .notEligible: return .notEligible
        case .check: return .check
        }
    }

    func drawHome(_ b: inout Buffer, _ sel: Int) {
        title(&b, "What would you like to do?")
        for (i, item) in AppState.homeItems.enumerated() {
            let y = 3 + i * 2
            if y >= height - 2 { break }
            let label = " \((i + 1) % 10)  \(item)" + (i == 8 && !session.myList.isEmpty ? " (\(session.myList.count))" : "")
            let style = i == sel ? config.theme.style(.selected) : config.theme.style(.body)
            if i == sel { b.fill(y: y, style: style, from: 1, to: 50) }
            b.put(label, x: 1, y: y, style: style, maxX: 50)
            if i == sel { b.cursor = Point(x: 1, y: y) }
        }
        let side = "Not sure where to start? Choose 2: a few questions, then what your child can use.\n\nOr just type what you are looking for, in your own words: \"speech therapy\", \"respite\", \"school transport\"."
        for (i, l) in Wrap.lines(side, width: width - 53).enumerated() where 3 + i < height - 2 {
            b.put(l, x: 52, y: 3 + i, style: config.theme.style(.dim))
        }
        if config.mode == .kiosk {
            let lines = Wrap.lines("To start again, touch the bottom line or press Ctrl-N.", width: width - 53)
            for (i, l) in lines.enumerated() { b.put(l, x: 52, y: height - 3 - lines.count + i, style: config.theme.style(.dim)) }
        }
    }

    func drawSearch(_ b: inout Buffer, _ q: String, _ sel: Int) {
        let prompt = "Search: "
        b.put(prompt, x: 1, y: 1, style: config.theme.style(.title))
        let end = b.put(q, x: 1 + prompt.count, y: 1, maxX: width - 1)
        b.cursor = Point(x: min(end, width - 1), y: 1)
        guard !q.trimmingCharacters(in: .whitespaces).isEmpty else {
            b.put("Type what you are looking for, in any words.", x: 1, y: 3, style: config.theme.style(.dim))
            return
        }
        let r = searchResults(q)
        var info = "\(r.total) result\(r.total == 1 ? "" : "s")"
        if !session.profile.isEmpty { info += " · for \(session.profile.summary) (best for your child first)" }
        b.put(DisplayWidth.truncate(info, to: width - 2), x: 1, y: 2, style: config.theme.style(.dim))
        if r.total == 0 {
            var y = 4
            if !r.suggestions.isEmpty { b.put("Did you mean: " + r.suggestions.joined(separator: ", ") + "?", x: 1, y: y); y += 2 }
            for l in Wrap.lines("Nothing found. SENDIASS gives free, impartial advice and can help you find the right support: press Esc, then 7 (Talk to someone).", width: width - 2) {
                b.put(l, x: 1, y: y)
                y += 1
            }
            return
        }
        let rows = max(1, (height - 6) / 3)
        let first = max(0, sel - rows + 1)
        for (k, h) in r.hits.enumerated().dropFirst(first).prefix(rows) {
            let y = 4 + (k - first) * 3
            let selected = k == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.title)
            let mark = session.myList.contains(h.entry.id) ? "★ " : ""
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate("\(mark)\(h.entry.title)", to: width - 3), x: 1, y: y, style: style)
            if selected { b.cursor = Point(x: 1, y: y) }
            b.put(DisplayWidth.truncate(h.entry.summary, to: width - 4), x: 3, y: y + 1)
            let kind = h.entry.kind == .guide ? "Guide" : "Service"
            var line = kind + " · " + (content.placeLine(h.entry) ?? "Richmond and Kingston")
            var role = Theme.Role.dim
            if let e = h.eligibility {
                line = e.badge + " · " + line
                role = verdictRole(e.verdict)
            }
            b.put(DisplayWidth.truncate(line, to: width - 4), x: 3, y: y + 2, style: config.theme.style(role))
        }
    }

    public func entryLines(_ id: String) -> [StyledLine] {
        guard let e = content.entry(id) else { return [StyledLine("This entry is no longer available.")] }
        let side = config.mode.role == .adviser || width >= 110
        return EntryText.lines(for: e, in: content, profile: session.profile, width: width - 2,
                               mode: config.mode, sideBySide: side)
    }

    /// The entry's lines with its links numbered ("[1] → Portage"): a number key or a click opens one.
    public func numberedEntryLines(_ id: String) -> (lines: [StyledLine], links: [String]) {
        var links: [String] = []
        let lines = entryLines(id).map { l -> StyledLine in
            guard let target = l.target, content.entry(target) != nil else { return l }
            if !links.contains(target) { links.append(target) }
            guard let n = links.firstIndex(of: target), n < 9, let arrow = l.text.firstIndex(of: "→") else { return l }
            var text = l.text
            text.insert(contentsOf: "[\(n + 1)] ", at: arrow)
            return StyledLine(text, l.style, target: target)
        }
        return (lines, links)
    }

    func entryTop(_ lines: Int, _ scroll: Int) -> Int { min(scroll, max(0, lines - (height - 3))) }

    func drawEntry(_ b: inout Buffer, _ id: String, _ scroll: Int) {
        let lines = numberedEntryLines(id).lines
        let rows = height - 3
        let top = entryTop(lines.count, scroll)
        for (i, l) in lines.dropFirst(top).prefix(rows).enumerated() {
            let role: Theme.Role
            switch l.style {
            case .title: role = .title
            case .heading: role = .heading
            case .dim: role = .dim
            case .verdict(let v): role = verdictRole(v)
            case .link: role = .link
            case .body: role = .body
            }
            b.put(l.text, x: 1, y: 1 + i, style: config.theme.style(role), maxX: width - 1)
        }
        if lines.count > rows {
            let pos = "\(top + 1)–\(min(lines.count, top + rows)) of \(lines.count) lines"
            b.put(pos, x: width - pos.count - 1, y: height - 2, style: config.theme.style(.dim))
        }
        b.cursor = Point(x: 1, y: 1)
    }

    func drawList(_ b: inout Buffer, _ heading: String, _ items: [(String, String, String)], _ sel: Int) {
        title(&b, heading)
        if items.isEmpty {
            b.put("Nothing here yet." + (heading == "My list" ? " Press a on an entry to add it." : ""), x: 1, y: 3)
            return
        }
        let rows = max(1, (height - 5) / 2)
        let first = max(0, sel - rows + 1)
        for (k, item) in items.enumerated().dropFirst(first).prefix(rows) {
            let y = 3 + (k - first) * 2
            let selected = k == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate(item.1, to: width - 3), x: 1, y: y, style: style)
            if selected { b.cursor = Point(x: 1, y: y) }
            b.put(DisplayWidth.truncate(item.2, to: width - 5), x: 3, y: y + 1, style: config.theme.style(.dim))
        }
    }

    func drawFlow(_ b: inout Buffer, _ fs: FlowScreen) {
        guard let f = content.flow(fs.id) else { return }
        let (maybeState, question) = flowQuestion(fs)
        guard let state = maybeState else { return }
        let sel = fs.selection, chosen = fs.chosen, input = fs.input, error = fs.error
        title(&b, f.title)
        if question == nil, let o = state.outcome {
            drawOutcome(&b, fs, state, o)
            return
        }
        guard let q = question else { return }
        let p = state.progress
        let index = state.path.firstIndex { $0.id == q.id }.map { $0 + 1 } ?? p.index
        let changing = fs.editing != nil ? " · changing an answer (the others are kept)" : ""
        b.put("Question \(index) of about \(max(p.estimate, index))" + changing, x: 1, y: 2, style: config.theme.style(.dim))
        var y = 3
        for l in Wrap.lines(q.text, width: width - 2).prefix(2) { b.put(l, x: 1, y: y, style: config.theme.style(.heading)); y += 1 }
        if let h = q.help { b.put(DisplayWidth.truncate(h, to: width - 2), x: 1, y: 5, style: config.theme.style(.dim)) }
        switch q.type {
        case .number, .postcode:
            let label = q.type == .number ? "Type a number from \(q.min ?? 0) to \(q.max ?? 25), then Enter: " : "Type your postcode (like TW9 1AA), then Enter: "
            b.put(label, x: 1, y: FlowLayout.optionTop + 1)
            let end = b.put(input, x: 1 + label.count, y: FlowLayout.optionTop + 1, style: Style(underline: true))
            b.cursor = Point(x: min(end, width - 1), y: FlowLayout.optionTop + 1)
        default:
            for (i, o) in q.options.enumerated() {
                let yy = FlowLayout.optionTop + i
                if yy >= optionLimit(state) { break }
                let tick = q.type == .multi ? (chosen.contains(o.value) ? "[x] " : "[ ] ") : ""
                let selected = i == sel
                let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
                if selected { b.fill(y: yy, style: style, from: 1, to: width - 1) }
                b.put(DisplayWidth.truncate(" \(i + 1)  \(tick)\(o.label)", to: width - 3), x: 1, y: yy, style: style)
                if selected { b.cursor = Point(x: 1, y: yy) }
            }
            if q.type == .multi {
                b.put("Space or a number ticks; Enter when done.", x: 1, y: height - 3, style: config.theme.style(.dim))
            }
        }
        if let error { b.put(DisplayWidth.truncate("! " + error, to: width - 2), x: 1, y: height - 3, style: config.theme.style(.notEligible)) }
        drawFromProfile(&b, state, fs)
    }

    /// Opened from an entry (the query is its id): the terms on that page; otherwise what was typed.
    public func glossaryMatches(_ q: String) -> [GlossaryTerm] {
        if let e = content.entry(q) { return content.glossaryTerms(in: e) }
        return content.glossarySearch(q)
    }

    func drawGlossary(_ b: inout Buffer, _ q: String, _ scroll: Int) {
        let fromEntry = content.entry(q) != nil
        let prompt = fromEntry ? "Words on this page" : "What does this word mean? "
        let end = b.put(prompt, x: 1, y: 1, style: config.theme.style(.title))
        let e2 = fromEntry ? end : b.put(q, x: end, y: 1)
        b.cursor = Point(x: min(e2, width - 1), y: 1)
        var lines: [StyledLine] = []
        for t in glossaryMatches(q) {
            lines.append(StyledLine(t.term + (t.aliases.isEmpty ? "" : " (" + t.aliases.joined(separator: ", ") + ")"), .heading))
            lines += Wrap.lines(t.meaning, width: width - 4).map { StyledLine("  " + $0) }
        }
        if lines.isEmpty { lines = [StyledLine("No word matches. Try the start of the word, or search instead.")] }
        for (i, l) in lines.dropFirst(min(scroll, max(0, lines.count - 1))).prefix(height - 6).enumerated() {
            b.put(l.text, x: 1, y: 3 + i, style: config.theme.style(l.style == .heading ? .heading : .body), maxX: width - 1)
        }
    }

    func drawHelp(_ b: inout Buffer) {
        title(&b, "Keys")
        var keys = [
            ("↑ ↓ or j k", "move; on an entry, scroll"), ("Enter or →", "open, choose"),
            ("Esc, ← or Backspace", "go back (a question back in guided questions)"),
            ("/", "search from any screen; on the home screen just type"), ("a", "add to or remove from my list"),
            ("g", "on an entry: what the words on it mean"), ("Ctrl-N", "start again: forget everything typed and chosen"),
            ("? or F1", "this help"), ("mouse or touch", "click to open, wheel to scroll"),
        ]
        if config.mode != .kiosk { keys.append(("Ctrl-S", "save my list as a text file")); keys.append(("q", "quit")) }
        if config.mode.canPrint { keys.append(("Ctrl-P", "print my list")) }
        for (i, k) in keys.enumerated() {
            b.put(k.0, x: 2, y: 3 + i, style: config.theme.style(.heading))
            b.put(k.1, x: 24, y: 3 + i)
        }
        b.put("Press any key to go back.", x: 2, y: 4 + keys.count, style: config.theme.style(.dim))
    }

    func drawProfile(_ b: inout Buffer, _ sel: Int) {
        title(&b, "About your child")
        let p = session.profile
        var rows = [
            ("Where you live", p.borough?.fullName ?? "not set"),
            ("Age", p.age.map { "\($0)" } ?? "not set"),
            ("Support at school", p.status.map { s -> String in
                switch s {
                case .none: return "nothing formal yet"
                case .senSupport: return "SEN Support"
                case .ehcp: return "an EHC plan"
                }
            } ?? "not set"),
        ]
        for a in NeedArea.allCases { rows.append(("Finds hard: " + a.label, p.needs.contains(a) ? "[x] yes" : "[ ] no")) }
        for (i, r) in rows.enumerated() {
            let y = 3 + i * 2
            let selected = i == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate(r.0, to: 50), x: 2, y: y, style: style)
            b.put("‹ " + r.1 + " ›", x: 54, y: y, style: style, maxX: width - 1)
            if selected { b.cursor = Point(x: 2, y: y) }
        }
        let help = "←/→ or Enter to change, type the age, Esc when done. Everything here tailors search, lists and every answer about who can use what. Ctrl-N forgets it."
        for (i, l) in Wrap.lines(help, width: width - 4).enumerated() where 4 + rows.count * 2 + i < height - 2 {
            b.put(l, x: 2, y: 4 + rows.count * 2 - 1 + i, style: config.theme.style(.dim))
        }
    }

    func drawStaffExit(_ b: inout Buffer, _ pin: String) {
        title(&b, "Staff only")
        if let wait = pinLockout.wait(now: now) {
            b.put("Too many wrong PINs. Try again in \(Int(wait.rounded(.up))) seconds.", x: 1, y: 3, maxX: width - 1)
            b.cursor = nil
            return
        }
        b.put("PIN: " + String(repeating: "•", count: pin.count), x: 1, y: 3)
        b.cursor = Point(x: 6 + pin.count, y: 3)
    }
}
