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
        let t = config.theme
        let g = config.glyphs
        var b = Buffer(width: width, height: height, background: t.background)
        guard width >= AppState.minWidth, height >= AppState.minHeight else {
            let lines = ["Please make the window bigger.", "localoffer needs at least \(AppState.minWidth)×\(AppState.minHeight);", "this one is \(width)×\(height)."]
            for (i, l) in lines.enumerated() where i < height { b.put(DisplayWidth.truncate(g.text(l), to: width, glyphs: g), x: 0, y: i) }
            if width > 0 && height > 0 { b.cursor = Point(x: 0, y: 0) }
            return b
        }
        drawHeader(&b)
        switch screen {
        case .home(let sel): drawHome(&b, sel)
        case .search(let q, let sel): drawSearch(&b, q, sel)
        case .entry(let id, let scroll): drawEntry(&b, id, scroll)
        case .list(let title, let ids, let sel): drawList(&b, title, ids.map { ($0, content.entry($0)?.title ?? $0, content.entry($0)?.summary ?? "") }, sel)
        case .categories(let sel): drawList(&b, "Browse by type, need or age", content.browseGroups.map { ($0.id, $0.label, Chars.count($0.ids.count, "entry", "entries")) }, sel)
        case .flows(let sel): drawList(&b, "Guided questions", content.flows.map { ($0.id, $0.title, $0.summary) }, sel)
        case .flow(let fs): drawFlow(&b, fs)
        case .glossary(let q, let scroll, let entry): drawGlossary(&b, q, scroll, entry)
        case .help(let scroll): drawHelp(&b, scroll)
        case .staffExit(let pin): drawStaffExit(&b, pin)
        case .profile(let sel): drawProfile(&b, sel)
        case .save:
            title(&b, "Save my list as a text file")
            b.put("File name, then Enter (Esc to cancel):", x: 1, y: 3)
            if let dir = config.saveDirectory {
                b.put(fit("Saved in \(dir)", width - 2), x: 1, y: 9, style: config.theme.style(.dim))
            }
            drawField(&b, x: 1, y: 5, maxX: width - 1, style: Style(underline: true))
            b.put("Only this file is written. Nothing else you typed or chose is kept.", x: 1, y: 7, style: config.theme.style(.dim))
        }
        // Status line, then the one-line key reminder.
        if let remaining = idleRemaining, remaining <= config.warningSeconds {
            let s = g.text(" Still there? Starting again in \(Chars.count(max(0, Int(remaining.rounded(.up))), "second")) — touch or press any key ")
            b.fill(y: height - 2, style: t.style(.warning))
            b.put(DisplayWidth.truncate(s, to: width, glyphs: g), x: 0, y: height - 2, style: t.style(.warning))
        } else if let message {
            b.put(DisplayWidth.truncate(g.text(message), to: width - 2, glyphs: g), x: 1, y: height - 2, style: t.style(.dim))
        }
        b.fill(y: height - 1, style: t.style(.footer))
        b.put(keyHint, x: 0, y: height - 1, style: t.style(.footer))
        if let c = b.cursor, c.x < 0 || c.x >= width || c.y < 0 || c.y >= height { b.cursor = nil }
        return b
    }

    /// The hint bar, from the key table: as many of the screen's keys as fit, whole.
    public var keyHint: String {
        var line = " " + (config.mode == .kiosk ? config.glyphs.text(AppState.kioskButtons) : "")
        for item in barItems(for: keyContext) {
            let next = (line.hasSuffix(" ") ? "" : "  ") + item
            if DisplayWidth.of(line + next) > width - 1 { continue }
            line += next
        }
        return line
    }

    func title(_ b: inout Buffer, _ s: String) {
        b.put(DisplayWidth.truncate(config.glyphs.text(s), to: width - 2, glyphs: config.glyphs), x: 1, y: 1, style: config.theme.style(.title))
    }

    /// The text field on screen from (x, y): scrolled so the cursor shows, the cursor placed in it.
    func drawField(_ b: inout Buffer, x: Int, y: Int, maxX: Int, style: Style = .plain) {
        let v = field.visible(width: max(1, maxX - x - 1))
        b.put(v.text, x: x, y: y, style: style, maxX: maxX)
        b.cursor = Point(x: min(x + v.cursorX, width - 1), y: y)
    }

    func verdictRole(_ v: Verdict) -> Theme.Role {
        switch v {
        case .eligible: return .eligible
        case .notEligible: return .notEligible
        case .check: return .check
        }
    }

    /// The home screen: the search box on top (selection 0), then the menu. Whatever is typed here
    /// goes into the search; the menu is reached by arrows, Tab, Alt-number, a click or a touch.
    func drawHome(_ b: inout Buffer, _ sel: Int) {
        let g = config.glyphs
        title(&b, "What would you like to do?")
        let boxStyle = sel == 0 ? config.theme.style(.selected) : config.theme.style(.body)
        b.fill(y: 3, style: boxStyle, from: 1, to: 50)
        let end = b.put(" Search: ", x: 1, y: 3, style: boxStyle)
        b.put("type here", x: end, y: 3, style: config.theme.style(.dim))
        for (i, item) in AppState.homeItems.enumerated().dropFirst() {
            let y = 3 + i * 2
            if y >= height - 2 { break }
            let label = " Alt-\(i)  \(item)" + (i == 8 && !session.myList.isEmpty ? " (\(session.myList.count))" : "")
            let style = i == sel ? config.theme.style(.selected) : config.theme.style(.body)
            if i == sel { b.fill(y: y, style: style, from: 1, to: 50) }
            b.put(DisplayWidth.truncate(label, to: 49, glyphs: g), x: 1, y: y, style: style, maxX: 50)
            if i == sel { b.cursor = Point(x: 1, y: y) }
        }
        if sel == 0 { b.cursor = Point(x: end, y: 3) }
        let side = "Just type what you are looking for, in your own words: \"speech therapy\", \"respite\", \"2 year old\".\n\nNot sure where to start? Choose \"Help me find support\" (Alt-1): a few questions, then what your child can use.\n\nUse ↑↓ or Tab to reach the menu, then Enter."
        for (i, l) in Wrap.lines(g.text(side), width: width - 53).enumerated() where 3 + i < height - 2 {
            b.put(l, x: 52, y: 3 + i, style: config.theme.style(.dim))
        }
        if config.mode == .kiosk {
            let lines = Wrap.lines("To start again, touch the bottom line or press Ctrl-N.", width: width - 53)
            for (i, l) in lines.enumerated() { b.put(l, x: 52, y: height - 3 - lines.count + i, style: config.theme.style(.dim)) }
        }
    }

    func drawSearch(_ b: inout Buffer, _ q: String, _ sel: Int) {
        let g = config.glyphs
        let prompt = "Search: "
        b.put(prompt, x: 1, y: 1, style: config.theme.style(.title))
        drawField(&b, x: 1 + prompt.count, y: 1, maxX: width - 1)
        let cursor = b.cursor
        defer { b.cursor = cursor }
        if field.isFull {
            b.put("Search is limited to \(AppState.searchLimit) characters.", x: 1, y: 2, style: config.theme.style(.warning))
        }
        guard !q.trimmingCharacters(in: .whitespaces).isEmpty else {
            b.put("Type what you are looking for, in any words.", x: 1, y: 3, style: config.theme.style(.dim))
            return
        }
        let r = searchResults(q)
        var info = Chars.count(r.total, "result")
        if !session.profile.isEmpty { info += " · for \(session.profile.summary) (best for your child first)" }
        if !field.isFull { b.put(DisplayWidth.truncate(g.text(info), to: width - 2, glyphs: g), x: 1, y: 2, style: config.theme.style(.dim)) }
        if r.total == 0 {
            var y = 4
            if !r.suggestions.isEmpty {
                for l in Wrap.lines("Did you mean: " + r.suggestions.joined(separator: ", ") + "?", width: width - 2) { b.put(l, x: 1, y: y); y += 1 }
                y += 1
            }
            for l in Wrap.lines("Nothing found. SENDIASS gives free, impartial advice and can help you find the right support: press Esc, then Alt-6 (Talk to someone).", width: width - 2) {
                b.put(l, x: 1, y: y)
                y += 1
            }
            return
        }
        let rows = searchRows
        let first = searchFirstRow
        for (k, h) in r.hits.enumerated().dropFirst(first).prefix(rows) {
            let y = 4 + (k - first) * 3
            let selected = k == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.title)
            let mark = session.myList.contains(h.entry.id) ? g.star + " " : ""
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate("\(mark)\(h.entry.title)", to: width - 3, glyphs: g), x: 1, y: y, style: style)
            if selected { b.cursor = Point(x: 1, y: y) }
            b.put(DisplayWidth.truncate(h.entry.summary, to: width - 4, glyphs: g), x: 3, y: y + 1)
            let kind = h.entry.kind == .guide ? "Guide" : "Service"
            var line = kind + " · " + (content.placeLine(h.entry) ?? "Richmond and Kingston")
            var role = Theme.Role.dim
            if let e = h.eligibility {
                line = e.badge + " · " + line
                role = verdictRole(e.verdict)
            }
            b.put(DisplayWidth.truncate(g.text(line), to: width - 4, glyphs: g), x: 3, y: y + 2, style: config.theme.style(role))
        }
    }

    public func entryLines(_ id: String) -> [StyledLine] {
        guard let e = content.entry(id) else { return [StyledLine("This entry is no longer available.")] }
        let side = config.mode.role == .adviser || width >= 110
        return EntryText.lines(for: e, in: content, profile: session.profile, width: width - 2,
                               mode: config.mode, sideBySide: side, glyphs: config.glyphs)
    }

    /// The entry's lines with every link numbered ("[12] → Portage"): typing the number (then
    /// Enter, when there are ten or more) or a click opens it.
    public func numberedEntryLines(_ id: String) -> (lines: [StyledLine], links: [String]) {
        var links: [String] = []
        let arrowText = config.glyphs.text("→")
        let lines = entryLines(id).flatMap { l -> [StyledLine] in
            guard let target = l.target, content.entry(target) != nil else { return [l] }
            if !links.contains(target) { links.append(target) }
            guard let n = links.firstIndex(of: target), let arrow = l.text.range(of: arrowText) else { return [l] }
            var text = l.text
            text.insert(contentsOf: "[\(n + 1)] ", at: arrow.lowerBound)
            // The number made the line longer: wrap it again rather than lose its end at the edge.
            let indent = String(repeating: " ", count: DisplayWidth.of(String(text[..<arrow.lowerBound])))
            guard DisplayWidth.of(text) > width - 2 else { return [StyledLine(text, l.style, target: target)] }
            let lead = String(text[..<arrow.lowerBound])
            let body = String(text[arrow.lowerBound...])
            return Wrap.indent(body, width: width - 2, prefix: lead, hanging: indent + "    ").map { StyledLine($0, l.style, target: target) }
        }
        return (lines, links)
    }

    func entryTop(_ lines: Int, _ scroll: Int) -> Int { max(0, min(scroll, max(0, lines - entryRows))) }

    func drawEntry(_ b: inout Buffer, _ id: String, _ scroll: Int) {
        let lines = numberedEntryLines(id).lines
        let rows = entryRows
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
            let pos = config.glyphs.text("\(top + 1)–\(min(lines.count, top + rows)) of \(Chars.count(lines.count, "line"))")
            b.put(pos, x: width - DisplayWidth.of(pos) - 1, y: height - 2, style: config.theme.style(.dim))
        }
        b.cursor = Point(x: 1, y: 1)
    }

    func drawList(_ b: inout Buffer, _ heading: String, _ items: [(String, String, String)], _ sel: Int) {
        let g = config.glyphs
        title(&b, heading)
        if items.isEmpty {
            b.put("Nothing here yet." + (heading == "My list" ? " Press a on an entry to add it." : ""), x: 1, y: 3)
            return
        }
        let rows = listRows
        let first = max(0, sel - rows + 1)
        for (k, item) in items.enumerated().dropFirst(first).prefix(rows) {
            let y = 3 + (k - first) * 2
            let selected = k == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate(item.1, to: width - 3, glyphs: g), x: 1, y: y, style: style)
            if selected { b.cursor = Point(x: 1, y: y) }
            b.put(DisplayWidth.truncate(item.2, to: width - 5, glyphs: g), x: 3, y: y + 1, style: config.theme.style(.dim))
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
        if let h = q.help { b.put(fit(h, width - 2), x: 1, y: 5, style: config.theme.style(.dim)) }
        switch q.type {
        case .number, .postcode:
            let label = q.type == .number ? "Type a number from \(q.min ?? 0) to \(q.max ?? 25), then Enter: " : "Type your postcode (like TW9 1AA), then Enter: "
            _ = input
            let end = b.put(label, x: 1, y: FlowLayout.optionTop + 1)
            drawField(&b, x: end, y: FlowLayout.optionTop + 1, maxX: width - 1, style: Style(underline: true))
        default:
            for (i, o) in q.options.enumerated() {
                let yy = FlowLayout.optionTop + i
                if yy >= optionLimit(state) { break }
                let tick = q.type == .multi ? (chosen.contains(o.value) ? "[x] " : "[ ] ") : ""
                let selected = i == sel
                let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
                if selected { b.fill(y: yy, style: style, from: 1, to: width - 1) }
                b.put(fit(" \(i + 1)  \(tick)\(o.label)", width - 3), x: 1, y: yy, style: style)
                if selected { b.cursor = Point(x: 1, y: yy) }
            }
            if q.type == .multi {
                b.put("Space or a number ticks; Enter when done.", x: 1, y: height - 3, style: config.theme.style(.dim))
            }
        }
        if let error { b.put(fit("! " + error, width - 2), x: 1, y: height - 3, style: config.theme.style(.notEligible)) }
        drawFromProfile(&b, state, fs)
    }

    /// A one-line label cut to fit, with an ellipsis, on purpose.
    func fit(_ s: String, _ w: Int) -> String { DisplayWidth.truncate(config.glyphs.text(s), to: w, glyphs: config.glyphs) }

    /// The terms on an entry (opened with `g`), or those matching what was typed.
    public func glossaryMatches(_ q: String, entry: String? = nil) -> [GlossaryTerm] {
        if q.isEmpty, let id = entry, let e = content.entry(id) { return content.glossaryTerms(in: e) }
        return content.glossarySearch(q)
    }

    var glossaryRows: Int { max(1, height - 6) }

    func glossaryLines(_ q: String, entry: String?) -> [StyledLine] {
        let g = config.glyphs
        var lines: [StyledLine] = []
        for t in glossaryMatches(q, entry: entry) {
            lines += Wrap.lines(g.text(t.term + (t.aliases.isEmpty ? "" : " (" + t.aliases.joined(separator: ", ") + ")")), width: width - 2)
                .map { StyledLine($0, .heading) }
            lines += Wrap.lines(g.text(t.meaning), width: width - 4).map { StyledLine("  " + $0) }
        }
        if lines.isEmpty { lines = [StyledLine("No word matches. Try the start of the word, or search instead.")] }
        return lines
    }

    func drawGlossary(_ b: inout Buffer, _ q: String, _ scroll: Int, _ entry: String?) {
        let fromEntry = q.isEmpty && entry.flatMap { content.entry($0) } != nil
        let prompt = "What does this word mean? "
        let end = b.put(prompt, x: 1, y: 1, style: config.theme.style(.title))
        drawField(&b, x: end, y: 1, maxX: width - 1)
        if fromEntry, let title = entry.flatMap({ content.entry($0)?.title }) {
            b.put(DisplayWidth.truncate("Words on this page: " + title, to: width - 2, glyphs: config.glyphs), x: 1, y: 2, style: config.theme.style(.dim))
        }
        let lines = glossaryLines(q, entry: entry)
        let top = max(0, min(scroll, lines.count - glossaryRows))
        for (i, l) in lines.dropFirst(top).prefix(glossaryRows).enumerated() {
            b.put(l.text, x: 1, y: 3 + i, style: config.theme.style(l.style == .heading ? .heading : .body), maxX: width - 1)
        }
    }

    var helpRows: Int { max(1, height - 5) }

    /// The help screen's lines, from the key table: every key that works on the screen under it.
    public func helpLines() -> [StyledLine] {
        let g = config.glyphs
        let under = session.stack.count >= 2 ? session.stack[session.stack.count - 2] : .home(selection: 0)
        let ctx = context(of: under)
        var out: [StyledLine] = []
        let keyWidth = 16
        func add(_ bindings: [KeyBinding]) {
            for k in bindings {
                let label = g.key(k.label)
                let body = Wrap.lines(g.text(k.help), width: max(20, width - 4 - keyWidth - 2))
                let pad = String(repeating: " ", count: max(1, keyWidth + 2 - DisplayWidth.of(label)))
                if DisplayWidth.of(label) > keyWidth {
                    out.append(StyledLine(label, .heading))
                    out += body.map { StyledLine(String(repeating: " ", count: keyWidth + 2) + $0) }
                } else {
                    out += body.enumerated().map { StyledLine(($0.offset == 0 ? label + pad : String(repeating: " ", count: keyWidth + 2)) + $0.element) }
                }
            }
        }
        // The keys are those of the screen under this help, in its state.
        var below = self
        if case .help = screen { below.pop() }
        let all = below.bindings(for: ctx)
        out.append(StyledLine("On this screen", .heading))
        add(all.filter { $0.contexts != nil })
        out.append(StyledLine(""))
        out.append(StyledLine("Everywhere", .heading))
        add(all.filter { $0.contexts == nil })
        out.append(StyledLine(""))
        out.append(StyledLine("Mouse or touch: click to open, the wheel scrolls.", .dim))
        return out
    }

    func drawHelp(_ b: inout Buffer, _ scroll: Int) {
        title(&b, "Keys")
        let lines = helpLines()
        let top = max(0, min(scroll, lines.count - helpRows))
        for (i, l) in lines.dropFirst(top).prefix(helpRows).enumerated() {
            b.put(l.text, x: 2, y: 3 + i, style: config.theme.style(l.style == .heading ? .heading : (l.style == .dim ? .dim : .body)), maxX: width - 1)
        }
        let more = lines.count > helpRows ? "↑↓ for more; any other key goes back." : "Press any key to go back."
        b.put(config.glyphs.text(more), x: 2, y: height - 2, style: config.theme.style(.dim))
    }

    func drawProfile(_ b: inout Buffer, _ sel: Int) {
        let g = config.glyphs
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
            b.put(DisplayWidth.truncate(r.0, to: 50, glyphs: g), x: 2, y: y, style: style)
            b.put(g.text("‹ " + r.1 + " ›"), x: 54, y: y, style: style, maxX: width - 1)
            if selected { b.cursor = Point(x: 2, y: y) }
        }
        let help = "←/→ or Enter to change, type the age, Esc when done. Everything here tailors search, lists and every answer about who can use what. Ctrl-N forgets it."
        for (i, l) in Wrap.lines(g.text(help), width: width - 4).enumerated() where 4 + rows.count * 2 - 1 + i < height - 2 {
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
        let dots = String(repeating: config.glyphs.dot, count: min(pin.count, width - 8))
        b.put("PIN: " + dots, x: 1, y: 3)
        b.cursor = Point(x: min(6 + dots.count, width - 1), y: 3)
    }
}
