import LocalOfferCore

extension KeyMap {
    /// An entry page's keys.
    static let entry: [KeyBinding] = [
        // Before the scroll keys: with no borough known, k at the top of the page (where it
        // cannot scroll up) is Kingston; further down it scrolls as ever, and Up always does.
        // Not on the bar (the way home needs the room): the choice on the page names its keys.
        KeyBinding([.char("r"), .char("k")], "r k", short: .keysEntryShort1,
                   help: .keysEntryHelp7,
                   in: [.entry], bar: [], when: { $0.session.profile.borough == nil },
                   accepts: { s, e in e == .text("r") || s.entryAtTop }) { s, e in
            s.chooseBorough(e == .text("r") ? .richmond : .kingston)
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k")], "↑↓", short: .keysEntryShort2, help: .keysEntryHelp8,
                   in: [.entry], when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.up) || e == .text("k") ? -1 : 1)
            return .none
        },
        KeyBinding([.wheel], "wheel", help: .keysEntryHelp9, in: [.entry], when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e.isWheelUp ? -3 : 3)
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .char(" ")], "PgUp PgDn", help: .keysEntryHelp10, in: [.entry],
                   when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.pageUp) ? -s.entryPage : s.entryPage)
            return .none
        },
        KeyBinding([.key(.home), .key(.end)], "Home End", help: .keysEntryHelp11, in: [.entry],
                   when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.home) ? Int.min / 2 : Int.max / 2)
            return .none
        },
        KeyBinding([.digit], "[N]", short: .keysEntryShort3, help: .keysEntryHelp12,
                   in: [.entry], when: { !$0.entryLinks.isEmpty }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.typeLinkDigit(d) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", help: .keysEntryHelp13, in: [.entry],
                   accepts: { s, _ in !s.linkDigits.isEmpty }) { s, _ in
            s.openLinkDigits()
            return .none
        },
        KeyBinding([.click], "click", help: .keysEntryHelp14, in: [.entry]) { s, e in
            if case .mouse(let x, let y, _) = e { s.clickEntry(x: x, y: y) }
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: .keysEntryShort4, help: .keysEntryHelp15,
                   in: [.entry]) { s, _ in
            if case .entry(let id, _) = s.screen { s.toggleList(id) }
            return .none
        },
        KeyBinding([.char("g")], "g", short: .keysEntryShort5, help: .keysEntryHelp16, in: [.entry]) { s, _ in
            if case .entry(let id, _) = s.screen { s.push(.glossary(query: "", scroll: 0, entry: id)) }
            return .none
        },
        KeyBinding(backKeys, "Esc", short: .keysEntryShort6, help: .keysEntryHelp17, in: [.entry]) { s, _ in
            if s.linkDigits.isEmpty { s.pop() } else { s.linkDigits = "" }
            return .none
        },
    ]
}

extension AppState {
    /// Whether there is more to see than the screen holds (scroll keys only promise what they do).
    var entryScrolls: Bool {
        guard case .entry(let id, _) = screen else { return false }
        return numberedEntryLines(id).lines.count > entryRows
    }

    // MARK: entries

    /// Whether the entry on screen shows its first line (nothing above to scroll back to).
    var entryAtTop: Bool {
        guard case .entry(let id, let scroll) = screen else { return false }
        return entryTop(numberedEntryLines(id).lines.count, scroll) == 0
    }

    var entryRows: Int { max(1, height - 3) }
    var entryPage: Int { max(1, height - 4) }

    /// Scrolls the entry on screen, never past its end: the next key back moves the view at once.
    mutating func scrollEntry(_ by: Int) {
        guard case .entry(let id, let scroll) = screen else { return }
        let view = ScrollView(total: numberedEntryLines(id).lines.count, rows: entryRows, scroll: scroll)
        screen = .entry(id: id, scroll: view.scrolled(by: by))
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

    mutating func clickEntry(x: Int, y: Int) {
        guard case .entry(let id, let scroll) = screen else { return }
        let lines = numberedEntryLines(id).lines
        let i = entryTop(lines.count, scroll) + y - 1
        if y >= 1, y <= entryRows, i >= 0, i < lines.count, lines[i].text == boroughChoiceLine, session.profile.borough == nil {
            // The line is drawn from column 1: a touch on either target chooses that borough.
            for (b, target) in boroughTargets {
                if let r = lines[i].text.range(of: target) {
                    let from = 1 + DisplayWidth.of(String(lines[i].text[..<r.lowerBound]))
                    if x >= from, x < from + DisplayWidth.of(target) { chooseBorough(b) }
                }
            }
            return
        }
        if y >= 1, y <= entryRows, i >= 0, i < lines.count, let target = lines[i].target, content.entry(target) != nil {
            push(.entry(id: target, scroll: 0))
        }
    }
}

extension AppState {
    /// The touch targets of the borough choice, in the order drawn.
    var boroughTargets: [(Borough, String)] {
        [(.richmond, config.glyphs.text(tr(.entryBoroughRichmond))), (.kingston, config.glyphs.text(tr(.entryBoroughKingston)))]
    }

    /// "Where do you live?  [ r Richmond ]  [ k Kingston ]": short enough never to wrap at 80.
    var boroughChoiceLine: String {
        ([config.glyphs.text(tr(.entryBoroughAsk))] + boroughTargets.map(\.1)).joined(separator: "  ")
    }

    /// The family's borough, chosen on an entry: kept for the session like About your child (so
    /// wiped with it, and never written anywhere in a kiosk or on a shared terminal).
    mutating func chooseBorough(_ b: Borough) {
        guard case .entry(let id, _) = screen else { return }
        session.profile.borough = b
        // No status message: the header names the borough now, and the status line keeps the page's
        // touch targets (the QR code) where a parent reaches for them next.
        screen = .entry(id: id, scroll: 0)
    }

    public func entryLines(_ id: String) -> [StyledLine] {
        guard let e = content.entry(id) else { return [StyledLine("This entry is no longer available.")] }
        let side = config.mode.role == .adviser || width >= 110
        return EntryText.lines(for: e, in: content, profile: session.profile, width: width - 2,
                               mode: config.mode, sideBySide: side, glyphs: config.glyphs, numberLinks: true, firstScreen: entryRows)
    }

    /// The entry's lines with every link numbered ("[12] → Portage"): typing the number (then
    /// Enter, when there are ten or more) or a click opens it.
    public func numberedEntryLines(_ id: String) -> (lines: [StyledLine], links: [String]) {
        if let c = pages.entry, c.key == entryKey(id) { return (c.lines, c.links) }
        return layOutEntry(id)
    }

    func layOutEntry(_ id: String) -> (lines: [StyledLine], links: [String]) {
        var lines = entryLines(id)
        // The numbers are given as the text is laid out (EntryText), in the order links first
        // appear: the same order here makes number N open link N.
        var links: [String] = []
        for l in lines { if let t = l.target, content.entry(t) != nil, !links.contains(t) { links.append(t) } }
        // No borough known: the choice of one, right under the title, answers the page for them.
        if session.profile.borough == nil, content.entry(id) != nil {
            let at = lines.firstIndex { $0.style != .title } ?? lines.count
            lines.insert(StyledLine(boroughChoiceLine, .heading), at: at)
        }
        return (lines, links)
    }

    func entryTop(_ lines: Int, _ scroll: Int) -> Int { ScrollView(total: lines, rows: entryRows, scroll: scroll).top }

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
            let pos = config.glyphs.text(tr(.entryPosition, ["from": String(top + 1), "to": String(min(lines.count, top + rows)),
                                                               "lines": tr(.countLines, count: lines.count)]))
            b.put(pos, x: width - DisplayWidth.of(pos) - 1, y: height - 2, style: config.theme.style(.dim))
        }
        // The hardware cursor on what is read first: the borough choice, else the verdict.
        let focus = lines.firstIndex { $0.text == boroughChoiceLine } ?? lines.firstIndex { if case .verdict = $0.style { return true } else { return false } }
        if let f = focus, f >= top, f < top + rows { b.cursor = Point(x: 1, y: 1 + f - top) } else { b.cursor = Point(x: 1, y: 1) }
    }
}
